"""The money trail in a real browser, axe-core on every page: district staff turn the counted
2025 나풀나풀 vote's winners into projects from the vote's desk; a project funded by 시비 and
구비 shows 집행률 per source, also as of a day, on the public page and the staff desk."""

import pytest
from playwright.sync_api import Page, expect

from maeul.plans.models import BudgetSource, EntryKind, Project
from tests.browser.support import assert_accessible, force_login
from tests.plans import conftest as plans
from tests.plans.test_money_trail import counted_vote
from tests.plans.test_money_trail_views import funded

pytestmark = pytest.mark.browser

_media = plans._media
year = plans.year
now = plans.now
today = plans.today
doksan1_council = plans.doksan1_council
governance_council = plans.governance_council
funded = funded  # 골목 정원: 시비 2,000,000 (500,000 paid), 구비 1,000,000 (300,000 paid)


def test_staff_turn_the_2025_winners_into_projects(
    page: Page, live_server, geumcheon, governance_council, district_staff, now
):
    vote = counted_vote(geumcheon, now)
    force_login(page.context, district_staff, live_server.url)

    page.goto(f"{live_server.url}/staff/votes/{vote.pk}/")
    assert_accessible(page, "counted vote desk")
    page.get_by_role("button", name=f"선정 사업을 {now.year}년 사업으로 만들기").click()

    expect(page.get_by_text(f"{now.year}년 계획에 사업 3건을 추가했습니다")).to_be_visible()
    assert_accessible(page, "plan desk after the conversion")
    assert Project.objects.filter(origin_vote=vote).count() == 3


def test_a_project_of_two_sources_shows_the_rate_of_each(
    page: Page, console, live_server, funded, dong_staff, now
):
    console.allow(r"status of 400 .*/spending/")  # the refused payment comes back as 400
    page.goto(f"{live_server.url}/projects/{funded.pk}/")
    table = page.locator("table", has=page.locator("caption", has_text="재원별"))
    expect(table.locator("tr", has_text="시비")).to_contain_text("25.0%")
    expect(table.locator("tr", has_text="구비")).to_contain_text("30.0%")
    assert_accessible(page, "public project by source")

    page.get_by_label("기준일").fill(f"{funded.year}-01-03")
    page.get_by_role("button", name="표 보기").click()
    expect(table.locator("tr", has_text="구비")).to_contain_text("0.0%")
    assert_accessible(page, "public project as of a day")

    council = funded.plan.council_id
    page.goto(f"{live_server.url}/accountability/?council={council}&as_of={funded.year}-01-03")
    expect(page.locator("#projects-caption")).to_contain_text("연말 예상")
    assert_accessible(page, "accountability as of a day")

    page.goto(f"{live_server.url}/projects/{funded.pk}/?as_of=2026-02-30")
    expect(page.get_by_role("alert")).to_contain_text("기준일")
    assert_accessible(page, "public project with a bad reference date")

    force_login(page.context, dong_staff, live_server.url)
    page.goto(f"{live_server.url}/staff/projects/{funded.pk}/")
    assert_accessible(page, "project desk by source")
    page.locator("#id_spent_on").fill(f"{funded.year}-01-06")
    page.locator("#id_kind").select_option(EntryKind.PAYMENT)
    page.locator("#id_source").select_option(BudgetSource.DISTRICT)
    page.locator("#id_amount").fill("700,001")
    page.locator("#id_payee").fill("마을조경")
    page.locator("#id_purpose").fill("화단")
    page.get_by_role("button", name="집행 내역 기록").click()
    expect(page.get_by_text("구비 예산을 넘게 됩니다").first).to_be_visible()
    assert_accessible(page, "project desk with a refusal")
