"""The plan pages in a real browser: the public accountability table, a project, the results
sharing and the staff desks are free of serious or critical axe-core violations, work at
phone width, and the spending form records a payment without JavaScript tricks."""

from datetime import date

import pytest
from playwright.sync_api import Page, expect

from maeul.plans.models import SpendingEntry
from maeul.plans.services.progress import add_progress_update
from maeul.plans.services.spending import record_spending
from tests.browser.support import assert_accessible, force_login
from tests.plans import conftest as plans
from tests.plans.conftest import IP, make_plan, make_project, png

pytestmark = pytest.mark.browser

# The plan fixtures (and through them the councils'), shared by name.
_media = plans._media
year = plans.year
doksan1_plan = plans.doksan1_plan
project = plans.project
now = plans.now
today = plans.today
doksan1_council = plans.doksan1_council
doksan1_sections = plans.doksan1_sections
gasan_council = plans.gasan_council
governance_council = plans.governance_council


@pytest.fixture
def shown(project, gasan_council, governance_council, dong_staff, now, year):
    record_spending(
        project=project,
        spent_on=date(year, 1, 1),
        amount=1_234_000,
        payee="마을인쇄소",
        purpose="축제 포스터",
        receipt=png(),
        staff=dong_staff,
        now=now,
        ip=IP,
    )
    add_progress_update(
        project=project,
        body="준비 회의",
        photo=png("p.png"),
        photo_alt="회의 모습",
        staff=dong_staff,
        now=now,
        ip=IP,
    )
    make_project(make_plan(gasan_council, year), "가산 벽화", 3_000_000, 2_000_000)
    make_project(make_plan(governance_council, year), "청년 박람회", 10_000_000)
    return project


def test_public_pages_are_accessible(page: Page, live_server, shown, geumcheon, year):
    for path in (
        f"/accountability/?district={geumcheon.code}",
        f"/accountability/?district={geumcheon.code}&year={year}&programme=resident_activity",
        f"/projects/{shown.pk}/",
        f"/results-sharing/?district={geumcheon.code}",
    ):
        page.goto(live_server.url + path)
        expect(page.locator("h1")).to_be_visible()
        assert_accessible(page, path)


def test_staff_record_a_payment_in_the_browser(page: Page, live_server, shown, dong_staff, year):
    force_login(page.context, dong_staff, live_server.url)
    page.goto(f"{live_server.url}/staff/projects/{shown.pk}/")
    assert_accessible(page, "project desk")

    # By field id: the page's Korean labels arrive with the next catalogue update.
    page.locator("#id_spent_on").fill(f"{year}-01-01")
    page.locator("#id_amount").fill("250,000")
    page.locator("#id_payee").fill("꽃집")
    page.locator("#id_purpose").fill("화분 구입")
    page.locator("form[action$='/spending/'] button[type=submit]").click()

    expect(page.locator(".message").first).to_be_visible()
    assert SpendingEntry.objects.filter(amount=250_000, payee="꽃집").exists()
    assert_accessible(page, "project desk after a payment")
    page.goto(f"{live_server.url}/staff/plans/{shown.plan_id}/")
    assert_accessible(page, "plan desk")
