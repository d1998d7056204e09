"""The staff steps that cannot be undone, in Chromium at 360 px (issue 12, item 5).

A second clerk reads a paper batch's entries and confirms it; district staff count a
closed vote from its summary, refused without the tick; district staff return a plan
with a review opinion, refused without one, and the dong office reads it. Each page,
with and without its error, fits 360 px and passes axe-core.
"""

import re
from datetime import UTC, datetime, timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from maeul.plans.models import AutonomyPlan, PlanStatus
from maeul.voting.ballots import Choices
from maeul.voting.identity import PaperVoter
from maeul.voting.models import PaperBatch, Vote, VoteStatus
from maeul.voting.services.paper import enter_paper_ballot
from tests.browser.support import (
    assert_accessible,
    force_login,
    has_horizontal_scroll,
    labelled,
    main_button,
)
from tests.councils import conftest as councils
from tests.voting import conftest as voting
from tests.voting.conftest import PB_OPTIONS, option_ids

pytestmark = pytest.mark.browser

# Fixtures shared by name.
now, pb_vote, batch = voting.now, voting.pb_vote, voting.batch
today, doksan1_council = councils.today, councils.doksan1_council
second_dong_staff = voting.second_dong_staff


def check(page: Page, where: str) -> None:
    assert not has_horizontal_scroll(page), f"horizontal scroll at 360 px on {where}"
    assert_accessible(page, where)


@pytest.fixture
def batch_with_entries(batch, doksan1, dong_staff, now) -> PaperBatch:
    """`batch` of 독산1동 with two ballots: options 1 and 3, and option 2."""
    for name, numbers in [("김영희", (1, 3)), ("이철수", (2,))]:
        voter = PaperVoter(
            name=name, birth_date=datetime(1971, 4, 2, tzinfo=UTC).date(), dong=doksan1
        )
        choices = Choices(option_ids(batch.vote, *numbers))
        enter_paper_ballot(
            batch=batch, voter=voter, choices=choices, staff=dong_staff, now=now, ip=None
        )
    return batch


def test_a_batch_is_read_and_confirmed_then_the_vote_is_counted(
    live_server, new_context, batch_with_entries, second_dong_staff, district_staff
):
    batch, vote = batch_with_entries, batch_with_entries.vote
    context, _watch = new_context()
    force_login(context, second_dong_staff, live_server.url)
    page = context.new_page()

    page.goto(f"/staff/votes/{vote.pk}/")
    page.get_by_role("link", name=re.compile("확인하고 확정하기")).click()
    entries = page.locator("main ol.batch-entries > li")
    expect(entries).to_have_count(2)
    expect(page.locator("main")).to_contain_text(PB_OPTIONS[2][0])
    check(page, "confirm batch")
    main_button(page, re.compile("확정")).click()
    expect(page.locator("main")).to_contain_text("확정했습니다")
    batch.refresh_from_db()
    assert batch.confirmed_by == second_dong_staff

    Vote.objects.filter(pk=vote.pk).update(closes_at=timezone.now() - timedelta(minutes=1))
    counting, watch = new_context()
    watch.allow(r"status of 400")  # the count refused without the tick
    force_login(counting, district_staff, live_server.url)
    page = counting.new_page()
    page.goto(f"/staff/votes/{vote.pk}/")
    page.get_by_role("link", name="요약을 확인하고 개표하기").click()
    expect(page.locator("main")).to_contain_text("투표 열쇠가 삭제됩니다")
    check(page, "count summary")
    main_button(page, "개표하기").click()
    expect(page.locator("main")).to_contain_text("“확인했습니다”에 표시해 주십시오")
    check(page, "count refused without the tick")
    vote.refresh_from_db()
    assert vote.status == VoteStatus.PUBLISHED

    labelled(page, "confirmed").check()
    main_button(page, "개표하기").click()
    expect(page.get_by_role("link", name="결과 보기")).to_be_visible()
    vote.refresh_from_db()
    assert vote.status == VoteStatus.COUNTED


def test_a_plan_is_returned_with_a_review_opinion(
    live_server, new_context, doksan1_council, district_staff, dong_staff, today
):
    plan = AutonomyPlan.objects.create(
        council=doksan1_council, year=today.year + 1, status=PlanStatus.SUBMITTED
    )
    context, watch = new_context()
    watch.allow(r"status of 400")  # the return refused without an opinion
    force_login(context, district_staff, live_server.url)
    page = context.new_page()
    page.goto(f"/staff/plans/{plan.pk}/")
    check(page, "plan to review")

    main_button(page, "작성 중으로 반려하기").click()
    expect(page.locator("main")).to_contain_text("반려하는 이유를 검토의견에 적어 주십시오.")
    check(page, "return refused without an opinion")
    labelled(page, "opinion").fill("축제 예산의 산출 근거를 보완해 주십시오.")
    main_button(page, "작성 중으로 반려하기").click()
    plan.refresh_from_db()
    assert plan.status == PlanStatus.DRAFT

    office, _watch = new_context()
    force_login(office, dong_staff, live_server.url)
    page = office.new_page()
    page.goto(f"/staff/plans/{plan.pk}/")
    expect(page.get_by_role("heading", name="구청 검토의견")).to_be_visible()
    expect(page.locator("main")).to_contain_text("축제 예산의 산출 근거를 보완해 주십시오.")
    check(page, "plan returned, read by the dong office")
