"""The grant pages in a real browser: a group's representative writes and submits an
application that is a near-copy of another group's, and is told that similar applications
were found; staff see the match beside it. Then the committee scores (the match shown beside
the scoring sheet), the group is selected, and staff record its agreement (협약) and a first
payment (교부), which the representative reads; the group records its spending with receipts,
support-centre staff check them on a visit (중간점검), the group hands in its settlement and
district staff approve it with an amount to return (정산·반납). axe-core finds no serious
violation on any page."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from maeul.grants.models import Application, ApplicationStatus
from maeul.grants.services import applications
from tests.browser.support import assert_accessible, force_login
from tests.grants.conftest import GARDEN_TEXT, GARDEN_TITLE, make_group, open_call, write_draft
from tests.plans.conftest import PDF

pytestmark = pytest.mark.browser


@pytest.fixture
def call(geumcheon):
    return open_call(geumcheon)


@pytest.fixture
def earlier(call, neighbour, gasan):
    """「가산 골목친구들」 has already handed in its garden project."""
    group = make_group(neighbour, gasan, "가산 골목친구들", contact="010-3456-7890")
    draft = write_draft(call, group, neighbour, title=GARDEN_TITLE, description=GARDEN_TEXT)
    applications.submit_application(application=draft, user=neighbour, now=timezone.now())
    return draft


def test_a_near_copy_is_submitted_and_flagged(
    page: Page, live_server, call, earlier, resident, doksan1, district_staff
):
    group = make_group(resident, doksan1, "독산 텃밭모임")
    page.goto(f"{live_server.url}/grants/")
    expect(page.locator("h1")).to_be_visible()
    assert_accessible(page, "grant calls")

    force_login(page.context, resident, live_server.url)
    page.goto(f"{live_server.url}/grants/groups/")
    assert_accessible(page, "my groups")
    page.goto(f"{live_server.url}/grants/groups/{group.pk}/")
    assert_accessible(page, "group page")
    page.goto(f"{live_server.url}/grants/{call.pk}/")
    assert_accessible(page, "call page")
    page.locator("#id_group").select_option(str(group.pk))
    page.locator("form[action$='/apply/'] button[type=submit]").click()
    expect(page.locator("#id_title")).to_be_visible()
    assert_accessible(page, "new draft")

    page.locator("#id_title").fill("골목 상자 텃밭 가꾸기와 채소 나눔 장터")
    page.locator("#id_description").fill(GARDEN_TEXT.replace("독산동", "독산1동"))
    page.locator("#id_place").fill("독산로 5길 화단")
    page.locator("#id_amount").fill("2,000,000")
    page.locator("form[action$='/save/'] button[type=submit]").click()
    expect(page.locator(".message-success").first).to_be_visible()

    page.locator("#id_category").select_option(label="재료비")
    page.locator("#id_item").fill("상자 텃밭과 흙")
    page.locator("#id_line_amount").fill("2,000,000")
    page.locator("form[action$='/budget/'] button[type=submit]").click()
    expect(page.locator(".message-success").first).to_be_visible()

    page.locator("#id_kind").select_option("plan")
    page.locator("#id_file").set_input_files(
        {"name": "사업계획서.pdf", "mimeType": "application/pdf", "buffer": PDF}
    )
    page.locator("form[action$='/files/'] button[type=submit]").click()
    expect(page.get_by_role("link", name="사업계획서.pdf")).to_be_visible()

    page.locator("form[action$='/submit/'] button[type=submit]").click()
    expect(page.locator(".message-warning").first).to_contain_text("비슷한 신청서가 1건")
    assert_accessible(page, "submitted application")
    copy = Application.objects.get(group=group)
    assert copy.status == ApplicationStatus.SUBMITTED

    force_login(page.context, district_staff, live_server.url)
    page.goto(f"{live_server.url}/staff/grants/{call.pk}/")
    expect(page.get_by_text("가산 골목친구들").first).to_be_visible()
    expect(page.get_by_text("사업명과 내용이 비슷함").first).to_be_visible()
    assert_accessible(page, "staff call desk")
    page.goto(f"{live_server.url}/staff/grants/applications/{copy.pk}/")
    expect(page.get_by_role("link", name=GARDEN_TITLE)).to_be_visible()
    assert_accessible(page, "staff application desk")
    page.goto(f"{live_server.url}/staff/grants/")
    assert_accessible(page, "staff calls")


def test_the_committee_scores_the_group_is_selected_spends_and_settles(
    page: Page,
    live_server,
    geumcheon,
    resident,
    doksan1,
    neighbour,
    gasan,
    district_staff,
    committee_member,
    support_centre_staff,
):
    now = timezone.now()
    call = open_call(
        geumcheon, opens_at=now - timedelta(days=10), closes_at=now - timedelta(days=1)
    )
    other = make_group(neighbour, gasan, "가산 골목친구들", contact="010-3456-7890")
    group = make_group(resident, doksan1, "독산 텃밭모임")
    for owner, user, title in (
        (other, neighbour, GARDEN_TITLE),
        (group, resident, "골목 상자 텃밭"),
    ):
        draft = write_draft(call, owner, user, title=title, description=GARDEN_TEXT)
        applications.submit_application(application=draft, user=user, now=now - timedelta(days=2))
    ours = Application.objects.get(group=group)

    force_login(page.context, district_staff, live_server.url)
    page.goto(f"{live_server.url}/staff/grants/{call.pk}/")
    page.locator("#id_email").fill(committee_member.email)
    page.locator("form[action$='/reviewers/'] button[type=submit]").click()
    expect(page.locator(".message-success").first).to_be_visible()
    assert_accessible(page, "staff call desk with its committee")

    force_login(page.context, committee_member, live_server.url)
    page.goto(f"{live_server.url}/grants/reviews/")
    assert_accessible(page, "reviewer's applications")
    page.get_by_role("link", name="골목 상자 텃밭").click()
    expect(page.get_by_text(GARDEN_TITLE).first).to_be_visible()  # the similar application
    for criterion, points in zip(call.criteria.all(), ("25", "25", "15", "15"), strict=True):
        page.locator(f"#id_criterion_{criterion.pk}").fill(points)
    page.locator("#id_comment").fill("주민 참여 계획이 구체적입니다.")
    page.locator("form[action$='/score/'] button[type=submit]").click()
    expect(page.locator(".message-success").first).to_contain_text("80")
    assert_accessible(page, "scoring sheet")

    force_login(page.context, district_staff, live_server.url)
    page.goto(f"{live_server.url}/staff/grants/{call.pk}/")
    expect(page.locator("#ranking-caption")).to_be_visible()
    expect(page.get_by_text("80.0")).to_be_visible()
    page.goto(f"{live_server.url}/staff/grants/applications/{ours.pk}/")
    page.locator("#id_outcome").select_option("selected")
    page.locator("#id_amount").fill("2,500,000")
    page.locator("#id_reasons").fill("주민 참여 계획이 구체적입니다.")
    page.locator("form[action$='/decide/'] button[type=submit]").click()
    expect(page.locator(".message-success").first).to_be_visible()
    assert_accessible(page, "staff application desk with the decision")

    page.locator("#id_signed_at").fill(timezone.localdate().isoformat())
    page.locator("#id_conditions").fill("사업이 끝나고 30일 안에 정산합니다.")
    page.locator("#id_bank").fill("농협")
    page.locator("#id_account").fill("110-234-567890")
    page.locator("form[action$='/agreement/'] button[type=submit]").click()
    expect(page.get_by_text("***-***-7890").first).to_be_visible()
    page.locator("#id_amount").fill("1,000,000")
    page.locator("#id_paid_at").fill(timezone.localdate().isoformat())
    page.locator("form[action$='/disbursements/'] button[type=submit]").click()
    expect(page.locator(".message-success").first).to_be_visible()
    assert "110234567890" not in page.content()
    assert_accessible(page, "staff application desk with the agreement and a disbursement")

    force_login(page.context, resident, live_server.url)
    page.goto(f"{live_server.url}/grants/applications/{ours.pk}/")
    expect(page.locator("#decision-heading")).to_be_visible()
    expect(page.get_by_text("2,500,000원").first).to_be_visible()
    expect(page.locator("#agreement-heading")).to_be_visible()
    expect(page.get_by_text("1,500,000원").first).to_be_visible()  # still to be paid
    assert_accessible(page, "the applicant's decided application with its agreement")
    ours.refresh_from_db()
    assert ours.status == ApplicationStatus.SELECTED

    # The group spends with receipts (the representative's page, same session).
    today = timezone.localdate().isoformat()
    for category, item, amount in (
        ("재료비", "상자 텃밭과 흙", "600,000"),
        ("식비", "모임 다과", "50,000"),
    ):
        page.locator("#id_category").select_option(label=category)
        page.locator("#id_item").fill(item)
        page.locator("#id_amount").fill(amount)
        page.locator("#id_spent_on").fill(today)
        page.locator("#id_receipt").set_input_files(
            {"name": "영수증.pdf", "mimeType": "application/pdf", "buffer": PDF}
        )
        page.locator("form[action$='/spending/'] button[type=submit]").click()
        expect(page.locator(".message-success").first).to_be_visible()
    expect(page.get_by_role("link", name="상자 텃밭과 흙 영수증")).to_be_visible()
    assert_accessible(page, "the applicant's spending with receipts")

    # Support-centre staff (마을지원활동가) visit and check each entry.
    force_login(page.context, support_centre_staff, live_server.url)
    page.goto(f"{live_server.url}/staff/grants/checks/")
    assert_accessible(page, "checks of funded projects")
    page.get_by_role("link", name="골목 상자 텃밭").click()
    expect(page.locator("#check-heading")).to_be_visible()
    assert_accessible(page, "interim check page")
    page.locator("#id_visited_on").fill(today)
    page.locator("#id_findings").fill(
        "상자 텃밭 12개가 설치되어 있습니다. 다과비는 사업과 관계가 없습니다."
    )
    page.get_by_label("적정", exact=True).check()
    page.locator("fieldset.expense-mark").nth(0).get_by_label("확인", exact=True).check()
    second = page.locator("fieldset.expense-mark").nth(1)
    second.get_by_label("불인정", exact=True).check()
    second.locator("input[type=text]").fill("다과비는 지원 대상이 아닙니다.")
    page.get_by_role("button", name="점검 결과 등록").click()
    expect(page.locator(".message-success").first).to_contain_text("중간점검")
    assert_accessible(page, "interim check recorded")

    # The group hands in its settlement.
    force_login(page.context, resident, live_server.url)
    page.goto(f"{live_server.url}/grants/applications/{ours.pk}/")
    expect(page.get_by_text("다과비는 지원 대상이 아닙니다.").first).to_be_visible()
    page.locator("#id_report").fill("상자 텃밭 12개를 주민 8명이 가꾸었습니다.")
    page.locator("form[action$='/settlement/'] button[type=submit]").click()
    expect(page.locator(".message-success").first).to_be_visible()

    # District staff approve it: 1,000,000 paid, 600,000 confirmed, 400,000 to return.
    force_login(page.context, district_staff, live_server.url)
    page.goto(f"{live_server.url}/staff/grants/applications/{ours.pk}/")
    expect(page.get_by_text("반납할 금액 400,000원").first).to_be_visible()
    page.locator("form[action$='/settlement/approve/'] button[type=submit]").click()
    expect(page.locator(".message-success").first).to_be_visible()
    assert_accessible(page, "staff application desk with the approved settlement")

    force_login(page.context, resident, live_server.url)
    page.goto(f"{live_server.url}/grants/applications/{ours.pk}/")
    expect(page.locator("#settlement-heading")).to_be_visible()
    expect(page.get_by_text("400,000원").first).to_be_visible()
    assert_accessible(page, "the applicant's approved settlement")
