"""The archive and the dong page in a real browser: a resident opens an exhibition and a
record (its script shown as text) and reads a dong page with its council, projects and
spaces; staff publish a record with a photo through the form and download the dong's
booklet (a PDF arrives); a recorder sees the photo of their waiting record, which no one else
can fetch until staff publish it. axe-core finds no serious violation on any page."""

import pytest
from playwright.sync_api import Page, expect

from maeul.archive.models import ArchiveRecord
from maeul.archive.services import exhibitions, records
from tests.archive import conftest as archive
from tests.archive.conftest import write
from tests.browser.support import assert_accessible, force_login
from tests.spaces.conftest import make_space

pytestmark = pytest.mark.browser

# The archive fixtures (and through them the plans' and councils'), shared by name.
_media = archive._media
now = archive.now
today = archive.today
year = archive.year
doksan1_council = archive.doksan1_council
doksan1_sections = archive.doksan1_sections
doksan1_plan = archive.doksan1_plan
project = archive.project
recorder = archive.recorder


def _loaded(page: Page, alt: str) -> bool:
    """The image described `alt` arrived and was decoded (not a broken image)."""
    image = page.get_by_role("img", name=alt)
    expect(image).to_be_visible()
    return bool(image.evaluate("img => img.complete && img.naturalWidth > 0"))


@pytest.fixture
def shown(geumcheon, doksan1, district_staff, now, project):
    make_space(doksan1, "독산1동 마을활력소")
    first = write(
        doksan1,
        district_staff,
        now,
        title="독산1동 성과공유회",
        body="<script>alert('x')</script> 한 해를 나눴습니다.",
        year=project.year,
    )
    second = write(
        doksan1,
        district_staff,
        now,
        title="마을영화관 상영회",
        kind="photo",
        photo=archive.png(),
        photo_alt="스크린 앞의 의자들",
        year=project.year,
    )
    return exhibitions.create_exhibition(
        place=geumcheon,
        title="소소한 마을공동체 전시",
        introduction="작은 공동체들의 이야기입니다.",
        records=[second, first],
        staff=district_staff,
        now=now,
    )


def test_a_resident_opens_an_exhibition_a_record_and_a_dong_page(
    page: Page, live_server, shown, resident, doksan1, geumcheon
):
    force_login(page.context, resident, live_server.url)
    page.goto(f"{live_server.url}/archive/")
    assert_accessible(page, "archive list")
    page.get_by_role("link", name="소소한 마을공동체 전시").first.click()
    expect(page.locator("h1")).to_have_text("소소한 마을공동체 전시")
    assert_accessible(page, "exhibition")
    page.get_by_role("link", name="독산1동 성과공유회").click()
    expect(page.locator(".record-body")).to_contain_text("<script>alert('x')</script>")
    assert_accessible(page, "record")
    page.goto(f"{live_server.url}/archive/exhibitions/")
    assert_accessible(page, "exhibition list")

    page.goto(f"{live_server.url}/districts/{geumcheon.code}/")
    page.get_by_role("link", name="독산1동").click()
    expect(page.locator("h1")).to_contain_text("독산1동")
    expect(page.locator("#council-heading + p")).to_contain_text("독산1동 주민자치회")
    expect(page.locator("main")).to_contain_text("마을 축제")
    expect(page.locator("main")).to_contain_text("독산1동 마을활력소")
    assert_accessible(page, "dong page")


def test_staff_publish_a_record_and_download_the_booklet(
    page: Page, live_server, shown, dong_staff, doksan1, project
):
    force_login(page.context, dong_staff, live_server.url)
    page.goto(f"{live_server.url}/archive/new/")
    assert_accessible(page, "record form")
    page.locator("#id_dong").select_option(label="독산1동")
    page.locator("#id_title").fill("독산1동 주민총회")
    page.locator("#id_year").fill(str(project.year))
    page.locator("#id_body").fill("마을의제를 정하고 참여자를 모았습니다.")
    page.locator("#id_tags").fill("주민총회, 마을의제")
    page.get_by_role("button", name="기록 저장").click()
    expect(page.locator(".message-success").first).to_contain_text("공개했습니다")
    assert ArchiveRecord.objects.public().filter(title="독산1동 주민총회").exists()
    assert_accessible(page, "published record")

    page.goto(f"{live_server.url}/archive/staff/")
    assert_accessible(page, "archive desk")

    page.goto(f"{live_server.url}/dongs/{doksan1.code}/?year={project.year}")
    assert_accessible(page, "dong page for staff")
    with page.expect_download() as download_info:
        page.get_by_role("link", name=f"{project.year}년 마을 기록집(PDF)").click()
    download = download_info.value
    with open(download.path(), "rb") as handle:
        assert handle.read(5) == b"%PDF-"


def test_a_waiting_photo_is_seen_by_its_author_and_by_everyone_once_published(
    page: Page, live_server, doksan1, recorder, dong_staff, now
):
    record = write(
        doksan1,
        recorder,
        now,
        title="골목 화분",
        kind="photo",
        photo=archive.png(),
        photo_alt="골목에 놓인 화분들",
    )
    photo_url = f"{live_server.url}{record.photos.get().url}"
    assert page.request.get(photo_url).status == 404

    force_login(page.context, recorder, live_server.url)
    page.goto(f"{live_server.url}{record.get_absolute_url()}")
    assert _loaded(page, "골목에 놓인 화분들")
    assert_accessible(page, "waiting record with a photo")

    records.approve_record(record=record, staff=dong_staff, now=now)
    page.context.clear_cookies()
    assert page.request.get(photo_url).status == 200
    page.goto(f"{live_server.url}{record.get_absolute_url()}")
    assert _loaded(page, "골목에 놓인 화분들")
