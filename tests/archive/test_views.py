"""Archive and dong pages through the client: the public list and its filters, a record
(script shown as text), exhibitions, writing a record (staff at once, a recorder for
approval), the desk's approval, the dong page (its council, projects with 집행률, spaces,
facilities, records; the same number of queries however much the dong holds), the
resource survey, the XLSX and the booklet."""

from datetime import date
from decimal import Decimal
from io import BytesIO

import openpyxl
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pypdf import PdfReader

from maeul.archive.models import ArchiveRecord, Facility, RecordStatus, Resource
from maeul.archive.services import exhibitions
from maeul.archive.services.records import Documents
from maeul.grants.models import CommunityGroup
from tests.archive.conftest import PDF, png, upload, write
from tests.spaces.conftest import make_space
from tests.volunteering.conftest import make_activity, make_camp

pytestmark = pytest.mark.django_db


def _form(**fields):
    values = {
        "title": "독산1동 주민총회",
        "kind": "text",
        "year": "2026",
        "body": "마을의제를 정했습니다.",
        "tags": "주민총회",
        "photo_alt": "",
        "video_url": "",
    }
    values.update(fields)
    return values


def test_the_list_filters_by_dong_year_tag_and_kind(client, doksan1, gasan, district_staff, now):
    write(doksan1, district_staff, now, title="독산 기록", tags="마을축제")
    write(gasan, district_staff, now, title="가산 기록", tags="동네방넷", year=2021)
    page = lambda **q: client.get(reverse("archive:list"), q).content.decode()  # noqa: E731
    assert "독산 기록" in page() and "가산 기록" in page()
    assert "가산 기록" not in page(dong=doksan1.code)
    assert "독산 기록" not in page(year="2021")
    assert "독산 기록" not in page(tag="동네방넷") and "가산 기록" in page(tag="#동네방넷")
    assert "독산 기록" not in page(kind="photo")
    assert client.get(reverse("archive:list"), {"year": "abc", "dong": "<x>"}).status_code == 200


def test_a_record_shows_script_as_text(client, doksan1, dong_staff, now):
    record = write(doksan1, dong_staff, now, body="<script>alert('x')</script>")
    html = client.get(record.get_absolute_url()).content.decode()
    assert "<script>alert" not in html
    assert "&lt;script&gt;alert(&#x27;x&#x27;)&lt;/script&gt;" in html


def test_a_video_is_a_link_never_embedded(client, doksan1, dong_staff, now):
    record = write(doksan1, dong_staff, now, kind="video", video_url="https://youtu.be/abc")
    html = client.get(record.get_absolute_url()).content.decode()
    assert 'href="https://youtu.be/abc"' in html and "<iframe" not in html


def test_a_waiting_record_is_seen_only_by_its_author_and_staff(
    client, doksan1, recorder, dong_staff, other_dong_staff, resident, now
):
    record = write(doksan1, recorder, now)
    url = record.get_absolute_url()
    assert client.get(url).status_code == 404
    for user, status in (
        (resident, 404),
        (other_dong_staff, 404),
        (recorder, 200),
        (dong_staff, 200),
    ):
        client.force_login(user)
        assert client.get(url).status_code == status, user


def test_staff_publish_a_record_with_a_photo(client, doksan1, dong_staff):
    client.force_login(dong_staff)
    assert client.get(reverse("archive:new")).status_code == 200
    response = client.post(
        reverse("archive:new"),
        _form(dong=doksan1.pk, kind="photo", photo=png(), photo_alt="강당의 주민들"),
    )
    record = ArchiveRecord.objects.get()
    assert response.status_code == 302 and response["Location"] == record.get_absolute_url()
    assert record.is_public and record.dong == doksan1 and record.photos.count() == 1


def test_a_recorder_sends_a_record_and_staff_approve_it(client, doksan1, recorder, dong_staff):
    client.force_login(recorder)
    client.post(reverse("archive:new"), _form(dong=doksan1.pk))
    record = ArchiveRecord.objects.get()
    assert record.status == RecordStatus.SUBMITTED
    client.force_login(dong_staff)
    desk = client.get(reverse("archive:desk")).content.decode()
    assert record.title in desk
    response = client.post(reverse("archive:approve", args=[record.pk]))
    assert response.status_code == 302
    record.refresh_from_db()
    assert record.is_public


def test_bad_input_on_the_form_changes_nothing(client, doksan1, dong_staff):
    client.force_login(dong_staff)
    cases = [
        _form(dong=doksan1.pk, body="주민번호 900101-1234567"),
        _form(dong=doksan1.pk, kind="document", document=upload("a.pdf", b"MZ not a pdf")),
        _form(dong=doksan1.pk, kind="video", video_url="http://www.youtube.com/watch?v=1"),
        _form(dong=doksan1.pk, kind="video", video_url="https://evil.example/v"),
    ]
    for data in cases:
        response = client.post(reverse("archive:new"), data)
        assert response.status_code == 400, data
        assert 'role="alert"' in response.content.decode() or "error" in response.content.decode()
    # Without a dong, the record would be the district's: dong staff are refused.
    assert client.post(reverse("archive:new"), _form()).status_code == 403
    assert not ArchiveRecord.objects.exists()


def test_a_resident_cannot_write_records(client, resident):
    client.force_login(resident)
    assert client.get(reverse("archive:new")).status_code == 403
    assert client.post(reverse("archive:new"), _form()).status_code == 403
    assert not ArchiveRecord.objects.exists()


def test_the_desk_is_for_staff_and_in_scope(
    client, doksan1, recorder, other_dong_staff, resident, now
):
    record = write(doksan1, recorder, now)
    client.force_login(resident)
    assert client.get(reverse("archive:desk")).status_code == 403
    client.force_login(other_dong_staff)
    assert client.post(reverse("archive:approve", args=[record.pk])).status_code == 404
    record.refresh_from_db()
    assert not record.is_public


def test_an_exhibition_lists_its_records_in_order(client, geumcheon, doksan1, district_staff, now):
    first = write(doksan1, district_staff, now, title="첫 기록")
    second = write(doksan1, district_staff, now, title="둘째 기록")
    exhibition = exhibitions.create_exhibition(
        place=geumcheon,
        title="소소한 전시",
        introduction="소개 글",
        records=[second, first],
        staff=district_staff,
        now=now,
    )
    assert "소소한 전시" in client.get(reverse("archive:exhibitions")).content.decode()
    html = client.get(exhibition.get_absolute_url()).content.decode()
    assert html.index("둘째 기록") < html.index("첫 기록")


# --- The dong page ------------------------------------------------------------------------
def _fill_dong(doksan1, geumcheon, district_staff, now, project, n, start=0):
    """More of everything the dong page lists."""
    for i in range(start, start + n):
        write(
            doksan1,
            district_staff,
            now,
            title=f"기록 {i}",
            kind="photo",
            photo=png(),
            photo_alt="사진",
            documents=Documents(project=project),
        )
        make_space(doksan1, f"공간 {i}")
        CommunityGroup.objects.create(
            name=f"동아리 {i}",
            kind="resident_circle",
            district=geumcheon,
            dong=doksan1,
            representative=district_staff,
            created_at=now,
        )
        Facility.objects.create(
            district=geumcheon,
            dong=doksan1,
            kind="dong_office",
            name=f"시설 {i}",
            address="주소",
            land_m2=Decimal("1.0"),
            building_m2=Decimal("2.0"),
            floors_above=3,
        )
        Resource.objects.create(
            district=geumcheon,
            dong=doksan1,
            kind="place",
            name=f"자원 {i}",
            surveyed_on=date(2026, 1, 1),
        )
        make_activity(make_camp(doksan1, f"캠프 {i}"), title=f"봉사 {i}")


def test_the_dong_page_shows_council_projects_spaces_and_more(
    client, geumcheon, doksan1, doksan1_council, district_staff, now, project
):
    _fill_dong(doksan1, geumcheon, district_staff, now, project, 1)
    html = client.get(reverse("archive:dong", args=[doksan1.code])).content.decode()
    for text in (
        "독산1동 주민자치회",
        "마을 축제",
        "공간 0",
        "동아리 0",
        "시설 0",
        "기록 0",
        "자원 0",
        "캠프 0",
        "봉사 0",
    ):
        assert text in html, text
    assert "0.0%" in html  # 집행률 of the plans app's table


def test_the_dong_page_is_linked_from_the_district(client, geumcheon, doksan1):
    html = client.get(reverse("places:district", args=[geumcheon.code])).content.decode()
    assert reverse("archive:dong", args=[doksan1.code]) in html


def test_the_dong_page_reads_a_fixed_number_of_queries(
    client, geumcheon, doksan1, doksan1_council, district_staff, now, project
):
    url = reverse("archive:dong", args=[doksan1.code])
    _fill_dong(doksan1, geumcheon, district_staff, now, project, 1)
    client.get(url)
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    _fill_dong(doksan1, geumcheon, district_staff, now, project, 4, start=1)
    with CaptureQueriesContext(connection) as many:
        client.get(url)
    assert len(many) == len(few) <= 25


def test_an_unknown_dong_is_not_found(client, places):
    assert client.get(reverse("archive:dong", args=["0000"])).status_code == 404


def test_staff_add_to_the_resource_survey(client, doksan1, dong_staff, other_dong_staff):
    url = reverse("archive:survey", args=[doksan1.code])
    data = {
        "kind": "skill",
        "name": "집수리 재능기부",
        "description": "",
        "surveyed_on": "2026-03-01",
    }
    client.force_login(other_dong_staff)
    assert client.post(url, data).status_code == 403
    client.force_login(dong_staff)
    assert url in client.get(reverse("archive:dong", args=[doksan1.code])).content.decode()
    assert client.post(url, data | {"description": "010-1234-5678"}).status_code == 400
    assert not Resource.objects.exists()
    response = client.post(url, data)
    assert response.status_code == 302
    assert response.url == reverse("archive:dong", args=[doksan1.code]) + "#resources-heading"
    assert Resource.objects.get().name == "집수리 재능기부"


def test_the_dong_xlsx_holds_its_sheets(
    client, geumcheon, doksan1, doksan1_council, district_staff, now, project
):
    _fill_dong(doksan1, geumcheon, district_staff, now, project, 1)
    response = client.get(reverse("archive:dong_xlsx", args=[doksan1.code]))
    book = openpyxl.load_workbook(BytesIO(response.content))
    assert book.sheetnames == [
        "시설",
        "주민자치회",
        "의제",
        "실행사업",
        "마을공간",
        "단체",
        "자원조사",
        "마을기록",
    ]
    assert book["실행사업"]["B2"].value == "마을 축제"


def test_the_booklet_is_a_korean_pdf_with_the_years_records(
    client, geumcheon, doksan1, doksan1_council, district_staff, now, project
):
    write(
        doksan1,
        district_staff,
        now,
        title="독산1동 성과공유회 기록",
        kind="photo",
        photo=png(),
        photo_alt="성과공유회 사진",
        year=project.year,
    )
    write(
        doksan1,
        district_staff,
        now,
        kind="document",
        title="결과보고서",
        document=upload("r.pdf", PDF),
        year=project.year,
    )
    response = client.get(reverse("archive:booklet", args=[doksan1.code, project.year]))
    assert response["Content-Type"] == "application/pdf"
    reader = PdfReader(BytesIO(response.content))
    text = "".join(page.extract_text() for page in reader.pages)
    for words in (
        "마을 기록집",
        "마을 축제",
        "집행률",
        "독산1동 성과공유회 기록",
        "성과공유회 사진",
    ):
        assert words in text, words
