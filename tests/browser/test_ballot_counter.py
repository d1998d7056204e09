"""The live counter of a ballot (core/ballot.js) in a real browser.

A resident ticks projects on the demo 나풀나풀 vote (up to 6) and watches "n/6 선택" change
in the aria-live region, goes over the limit and sees and hears it; the server's message
then names both numbers and nothing is stored. On a budget ballot the counter adds up the
money in 원. Without JavaScript the counter is not shown at all. Every page is checked
with axe-core.
"""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Browser, Page, expect

from maeul.accounts.models import User
from maeul.voting.models import BallotType, Participation, Vote
from tests.browser import test_voting
from tests.browser.support import force_login, main_button
from tests.browser.test_proposals import check_page
from tests.voting.conftest import add_options, make_vote

pytestmark = pytest.mark.browser


# The demo votes of `load_demo`, as the other vote tests see them (a fixture).
open_vote = test_voting.demo_votes


@pytest.fixture
def resident(open_vote) -> User:
    return User.objects.get(email="resident@demo.maeul.kr")


def counter(page: Page):
    return page.locator('#ballot-counter[aria-live="polite"]')


def test_the_counter_follows_the_ticks_and_announces_going_over_the_limit(
    live_server, page: Page, console, open_vote: Vote, resident: User
):
    console.allow("status of 400")  # the refused ballot comes back as 400 Bad Request
    force_login(page.context, resident, live_server.url)
    page.goto(f"/votes/{open_vote.pk}/ballot/")

    expect(counter(page)).to_be_visible()
    expect(counter(page)).to_have_text("0/6 선택")
    boxes = page.get_by_role("checkbox")
    boxes.nth(0).check()
    expect(counter(page)).to_have_text("1/6 선택")
    boxes.nth(1).check()
    expect(counter(page)).to_have_text("2/6 선택")
    boxes.nth(0).uncheck()
    expect(counter(page)).to_have_text("1/6 선택")
    expect(counter(page)).not_to_have_class(re.compile("is-over"))
    check_page(page, "ballot with the counter")

    for index in range(2, 9):
        boxes.nth(index).check()
    expect(counter(page)).to_have_text(
        "8/6 선택: 최대 6개까지 고를 수 있습니다. 2개를 빼야 합니다."
    )
    expect(counter(page)).to_have_class(re.compile("is-over"))
    check_page(page, "ballot over the limit")

    main_button(page, "고른 내용 확인하기").click()
    expect(page.get_by_role("alert")).to_have_text(
        "최대 6개까지 고를 수 있습니다. 8개를 골랐습니다."
    )
    expect(page.locator('input[name="option"]:checked')).to_have_count(8)
    expect(counter(page)).to_contain_text("8/6 선택")  # the ticks came back, and the count
    check_page(page, "ballot refused over the limit")
    assert not Participation.objects.filter(vote=open_vote, user=resident).exists()


def test_a_budget_ballot_adds_up_the_money(
    live_server, page: Page, open_vote: Vote, resident: User
):
    now = timezone.now()
    vote = make_vote(
        open_vote.district,
        now - timedelta(days=1),
        title="독산1동 시민참여예산",
        ballot_type=BallotType.BUDGET,
        max_choices=None,
        budget=100_000_000,
    )
    add_options(
        vote, [("골목 화단", 30_000_000), ("경로당 손잡이", 40_000_000), ("마을방송", 50_000_000)]
    )
    force_login(page.context, resident, live_server.url)
    page.goto(f"/votes/{vote.pk}/ballot/")

    expect(counter(page)).to_have_text("사용 금액 0원 / 예산 100,000,000원")
    page.get_by_role("checkbox", name=re.compile("골목 화단")).check()
    page.get_by_role("checkbox", name=re.compile("경로당 손잡이")).check()
    expect(counter(page)).to_have_text("사용 금액 70,000,000원 / 예산 100,000,000원")
    page.get_by_role("checkbox", name=re.compile("마을방송")).check()
    expect(counter(page)).to_have_text(
        "사용 금액 120,000,000원 / 예산 100,000,000원: 예산을 20,000,000원 넘었습니다."
    )
    expect(counter(page)).to_have_class(re.compile("is-over"))
    check_page(page, "budget ballot over the budget")


def test_without_javascript_there_is_no_counter_and_the_ballot_still_works(
    live_server, browser: Browser, open_vote: Vote, resident: User
):
    context = browser.new_context(
        base_url=live_server.url, java_script_enabled=False, locale="ko-KR"
    )
    try:
        force_login(context, resident, live_server.url)
        page = context.new_page()
        page.goto(f"/votes/{open_vote.pk}/ballot/")
        expect(page.locator("#ballot-counter")).to_be_hidden()
        page.get_by_role("checkbox").nth(0).check()
        main_button(page, "고른 내용 확인하기").click()
        expect(page.get_by_role("heading", name="투표 내용을 확인하세요")).to_be_visible()
    finally:
        context.close()


def test_the_counter_runs_under_the_sites_content_security_policy(
    live_server, new_context, open_vote: Vote, resident: User
):
    """A static script, no inline code: the enforced CSP lets it run (a report would fail
    the test through the console watch)."""
    context, _watch = new_context(bypass_csp=False)
    force_login(context, resident, live_server.url)
    page = context.new_page()
    page.goto(f"/votes/{open_vote.pk}/ballot/")

    page.get_by_role("checkbox").nth(0).check()
    expect(counter(page)).to_have_text("1/6 선택")
