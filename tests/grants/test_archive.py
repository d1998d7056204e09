"""The grants archive and statistics: the figures of `archive.statistics` (counts and sums
per programme, dong and year), the archive's filters and Korean search, parameters not
understood (ignored with a Korean message, never an error), and privacy: no contact,
member, description or draft in the archive page, the API or the staff's XLSX file."""

import io
import json

import openpyxl
import pytest

from maeul.grants.archive import ArchiveFilter, archive, parse_filter, statistics
from maeul.grants.models import Application, ApplicationStatus, Programme
from maeul.grants.services import applications
from tests.grants.conftest import GARDEN_TEXT, GARDEN_TITLE, NOW, PHONE, make_call, write_draft

pytestmark = pytest.mark.django_db
DIGITS = PHONE.replace("-", "")
PUPPET_TITLE = "마을 인형극 공연"
BOOK_TITLE = "독산 책 읽기 모임"
SECRET_TITLE = "아직 비밀인 초안"


@pytest.fixture
def archived(geumcheon, call, group, other_group, resident, neighbour):
    """2026 이웃만들기: the garden (3,000,000원, 독산1동) and the puppet show (4,000,000원,
    가산동); 2020 비영리민간단체 보조금: the book club (3,500,000원, 독산1동), selected; and
    a draft of 가산동 that was never submitted."""
    old = make_call(
        geumcheon,
        programme=Programme.NONPROFIT_SUBSIDY,
        year=2020,
        title="2020 비영리민간단체 보조금",
    )
    garden = write_draft(call, group, resident, title=GARDEN_TITLE, description=GARDEN_TEXT)
    puppet = write_draft(
        call,
        other_group,
        neighbour,
        title=PUPPET_TITLE,
        description="인형을 만들어 공연합니다.",
        amount=4_000_000,
    )
    book = write_draft(
        old, group, resident, title=BOOK_TITLE, description="함께 책을 읽습니다.", amount=3_500_000
    )
    for application, user in ((garden, resident), (puppet, neighbour), (book, resident)):
        applications.submit_application(application=application, user=user, now=NOW)
    Application.objects.filter(pk=book.pk).update(
        status=ApplicationStatus.SELECTED, granted_amount=3_500_000
    )
    write_draft(old, other_group, neighbour, title=SECRET_TITLE, description="비밀 계획입니다.")
    return {"garden": garden, "puppet": puppet, "book": book, "old": old}


def _titles(**filters) -> set[str]:
    return {row.title for row in archive(ArchiveFilter(**filters))}


def test_statistics_count_and_sum_what_exists(archived, doksan1, gasan):
    figures = statistics()
    total = figures.total
    assert (total.calls, total.applications, total.selected) == (2, 3, 1)
    assert (total.asked, total.granted) == (10_500_000, 3_500_000)
    programmes = {row.key: row for row in figures.by_programme}
    assert (programmes["neighbours"].applications, programmes["neighbours"].asked) == (2, 7_000_000)
    subsidy = programmes["nonprofit_subsidy"]
    assert (subsidy.calls, subsidy.selected, subsidy.granted) == (1, 1, 3_500_000)
    assert [(row.key, row.applications) for row in figures.by_year] == [("2026", 2), ("2020", 1)]
    dongs = {row.key: row for row in figures.by_dong}
    assert (dongs[doksan1.code].applications, dongs[doksan1.code].calls) == (2, 2)
    assert (dongs[gasan.code].applications, dongs[gasan.code].asked) == (1, 4_000_000)
    one_call = statistics(archived["old"]).total
    assert (one_call.calls, one_call.applications, one_call.granted) == (1, 1, 3_500_000)


def test_archive_filters_and_korean_search(archived, doksan1):
    everything = {GARDEN_TITLE, PUPPET_TITLE, BOOK_TITLE}
    assert _titles() == everything
    assert _titles(programme="nonprofit_subsidy") == {BOOK_TITLE}
    assert _titles(dong=doksan1.code) == {GARDEN_TITLE, BOOK_TITLE}
    assert _titles(year=2026) == {GARDEN_TITLE, PUPPET_TITLE}
    assert _titles(status="selected") == {BOOK_TITLE}
    assert _titles(q="텃밭을") == {GARDEN_TITLE}  # the stem, as stored
    assert _titles(q="텃밭 장터") == {GARDEN_TITLE}
    assert _titles(q="텃밭 인형극") == set()  # every term is required
    assert _titles(q="마을") == {PUPPET_TITLE}  # a common word: the title is searched


def test_parameters_not_understood_are_ignored_with_a_message(archived):
    wanted = parse_filter(
        {"year": "20x6", "status": "draft", "programme": "lottery", "dong": "99", "q": 5}
    )
    assert wanted.as_query() == {}
    assert len(wanted.problems) == 4


@pytest.mark.parametrize(
    "query",
    ["year=abc", "year=99999999999999999999", "status=draft", "programme=x&dong=1", "page=zz"],
)
def test_bad_archive_parameters_never_fail(client, archived, query):
    page = client.get(f"/grants/archive/?{query}", HTTP_ACCEPT_LANGUAGE="ko")
    assert page.status_code == 200
    assert BOOK_TITLE in page.content.decode()
    api = client.get(f"/api/grant-applications?{query}")
    assert api.status_code == 200 and api.json()["count"] == 3


def test_bad_year_is_named_in_korean(client, archived):
    page = client.get("/grants/archive/?year=abc", HTTP_ACCEPT_LANGUAGE="ko").content.decode()
    assert "연도는 2020처럼 네 자리 숫자여야 합니다" in page


def test_archive_page_api_and_statistics_show_public_parts_only(client, archived, gasan):
    page = client.get("/grants/archive/").content.decode()
    api = json.dumps(client.get("/api/grant-applications?page_size=100").json(), ensure_ascii=False)
    for text in (page, api):
        assert GARDEN_TITLE in text and "독산 텃밭모임" in text
        for hidden in (PHONE, DIGITS, "김하나", SECRET_TITLE, "상자 텃밭을 만들고", "plan.pdf"):
            assert hidden not in text
    filtered = client.get(f"/api/grant-applications?dong={gasan.code}&q=인형극").json()
    assert [item["title"] for item in filtered["items"]] == [PUPPET_TITLE]
    assert filtered["items"][0]["status"]["code"] == "submitted"
    stats_page = client.get("/grants/statistics/").content.decode()
    assert "10,500" in stats_page and "3,500" in stats_page  # 천원
    stats = client.get("/api/grant-statistics").json()
    assert stats["total"]["amount_asked"] == 10_500_000
    assert stats["total"]["amount_granted"] == 3_500_000


def _cells(content: bytes) -> list[object]:
    workbook = openpyxl.load_workbook(io.BytesIO(content))
    return [cell for sheet in workbook for row in sheet.iter_rows(values_only=True) for cell in row]


def test_staff_xlsx_has_staff_fields_and_no_contact(
    client, archived, call, district_staff, resident
):
    url = f"/staff/grants/{call.pk}/applications.xlsx"
    client.force_login(resident)
    assert client.get(url).status_code == 403
    client.force_login(district_staff)
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    cells = _cells(response.content)
    text = "\n".join(str(cell) for cell in cells)
    assert {"제출 일시", "중복 의심 건수", "신청액(천원)", GARDEN_TITLE, PUPPET_TITLE} <= set(cells)
    assert BOOK_TITLE not in text  # another call
    for hidden in (PHONE, DIGITS, "김하나", SECRET_TITLE, "상자 텃밭을 만들고", "plan.pdf"):
        assert hidden not in text
    assert 7_000 in cells  # the call's total asked, in 천원, on the 통계 sheet


def test_archive_pages_keep_the_filters(client, archived, monkeypatch):
    from maeul.grants.views import archive as archive_views

    monkeypatch.setattr(archive_views, "PAGE_SIZE", 1)
    page = client.get("/grants/archive/?year=2026&page=2").content.decode()
    assert page.count('<th scope="row">') >= 1
    assert "?year=2026&amp;page=1" in page  # the previous page keeps the year
    assert (GARDEN_TITLE in page) != (PUPPET_TITLE in page)  # one row of the two


def test_the_staff_file_is_for_staff_and_linked_from_the_desk(
    client, archived, call, district_staff
):
    url = f"/staff/grants/{call.pk}/applications.xlsx"
    assert client.get(url).status_code == 302  # to the login page
    client.force_login(district_staff)
    assert url in client.get(f"/staff/grants/{call.pk}/").content.decode()
    assert client.get("/grants/").content.decode().count("/grants/archive/") == 1
