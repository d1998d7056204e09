"""The grants archive and statistics in a real browser at 360 px: a resident searches the
archive in Korean and filters it, reads the statistics; no horizontal scroll (wide tables
scroll inside their region) and axe-core finds no serious violation."""

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from maeul.grants.services import applications
from tests.browser.support import assert_accessible, has_horizontal_scroll
from tests.grants.conftest import GARDEN_TEXT, GARDEN_TITLE, make_group, open_call, write_draft

pytestmark = pytest.mark.browser


@pytest.fixture
def handed_in(geumcheon, neighbour, gasan, resident, doksan1):
    call = open_call(geumcheon)
    garden = write_draft(
        call,
        make_group(neighbour, gasan, "가산 골목친구들", contact="010-3456-7890"),
        neighbour,
        title=GARDEN_TITLE,
        description=GARDEN_TEXT,
    )
    puppet = write_draft(
        call,
        make_group(resident, doksan1, "금빛노을 인형극단"),
        resident,
        title="어르신과 아이가 함께 만드는 인형극",
        description="인형을 만들고 경로당에서 공연합니다.",
    )
    for application, user in ((garden, neighbour), (puppet, resident)):
        applications.submit_application(application=application, user=user, now=timezone.now())
    return call


def test_archive_and_statistics_at_360_px(page: Page, live_server, handed_in):
    page.goto(f"{live_server.url}/grants/")
    page.get_by_role("link", name="공모사업 기록(지난 공고와 신청서)").click()
    expect(page.locator("h1")).to_have_text("공모사업 기록")
    expect(page.get_by_text("인형극").first).to_be_visible()
    assert not has_horizontal_scroll(page), "horizontal scroll at 360 px on the archive"
    assert_accessible(page, "grants archive")

    page.locator("#q").fill("텃밭을")
    page.get_by_role("search", name="신청서 찾기").get_by_role("button", name="검색").click()
    expect(page.get_by_role("rowheader", name=GARDEN_TITLE)).to_be_visible()
    expect(page.get_by_text("어르신과 아이가 함께 만드는 인형극")).to_have_count(0)
    assert_accessible(page, "archive search")

    page.goto(f"{live_server.url}/grants/archive/?year=abc")
    expect(page.get_by_text("연도는 2020처럼 네 자리 숫자여야 합니다").first).to_be_visible()

    page.goto(f"{live_server.url}/grants/statistics/")
    expect(page.locator("h1")).to_have_text("공모사업 통계")
    expect(page.get_by_role("table").first).to_contain_text("마을공동체 통합공모 이웃만들기")
    assert not has_horizontal_scroll(page), "horizontal scroll at 360 px on the statistics"
    assert_accessible(page, "grant statistics")
