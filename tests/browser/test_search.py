"""The search in a real browser at 360 px: from the home page's header a resident searches
'주차장을' (with its particle), finds the demo proposal 「독산3동 공영주차장을 늘려 주세요」 and a
project about 주차장, narrows the results to proposals, and opens the proposal. axe-core
finds no violation on any page, and no page scrolls sideways."""

import pytest
from playwright.sync_api import Page, expect

from maeul.proposals.demo import TOPICS
from tests.browser.support import assert_accessible, has_horizontal_scroll
from tests.search.conftest import make_plan, make_project, make_proposal

pytestmark = pytest.mark.browser

# A title of the demo proposals (maeul/proposals/demo_data/proposals.toml).
PARKING = "{dong} 공영주차장을 늘려 주세요"


def _check(page: Page, where: str) -> None:
    assert_accessible(page, where)
    assert not has_horizontal_scroll(page), f"{where} scrolls sideways at 360 px"


@pytest.fixture
def parking_rows(places):
    from maeul.councils.models import Council, CouncilKind
    from maeul.places.models import Dong

    assert any(t.title == PARKING for t in TOPICS), "the demo no longer has the parking proposal"
    doksan3 = Dong.objects.get(name="독산3동")
    proposal = make_proposal(
        doksan3, PARKING.format(dong="독산3동"), "저녁마다 주차할 곳이 없어 이중주차가 일상입니다."
    )
    council = Council.objects.create(
        kind=CouncilKind.RESIDENT,
        district=doksan3.district,
        dong=doksan3,
        name="독산3동 주민자치회",
    )
    make_project(make_plan(council), "학교 주차장 야간 개방", "주차장을 밤에 주민과 나눕니다.")
    return proposal


def test_a_resident_finds_a_proposal_by_an_inflected_word_from_the_header(
    page: Page, live_server, parking_rows
):
    page.goto(f"{live_server.url}/")
    _check(page, "home")
    header = page.locator("header [role=search]")
    header.get_by_role("searchbox").fill("주차장을")
    header.get_by_role("button").click()
    expect(page).to_have_url(f"{live_server.url}/search/?q=%EC%A3%BC%EC%B0%A8%EC%9E%A5%EC%9D%84")
    results = page.locator("ol.search-results")
    expect(results).to_contain_text("독산3동 공영주차장을 늘려 주세요")
    expect(results).to_contain_text("학교 주차장 야간 개방")
    expect(results.locator("mark").first).to_have_text("주차장")
    _check(page, "search results")

    page.locator("nav.search-kinds").get_by_role("link", name="제안").click()
    expect(results).to_contain_text("독산3동 공영주차장을 늘려 주세요")
    expect(results).not_to_contain_text("학교 주차장 야간 개방")
    expect(page.locator("#search-kind")).to_have_value("proposal")
    _check(page, "search results of one kind")

    results.get_by_role("link", name="독산3동 공영주차장을 늘려 주세요").click()
    expect(page).to_have_url(f"{live_server.url}{parking_rows.get_absolute_url()}")
    expect(page.locator("h1")).to_contain_text("공영주차장을 늘려 주세요")


def test_bad_input_answers_in_korean_on_an_accessible_page(page: Page, live_server, places):
    page.goto(f"{live_server.url}/search/?q=" + "a" * 2000)
    expect(page.locator("#search-problem")).to_contain_text("100자")
    _check(page, "a query too long")
    page.goto(f"{live_server.url}/search/?q=%21%40%23")
    expect(page.locator(".search-status")).to_contain_text("낱말을 입력해")
    _check(page, "symbols only")
