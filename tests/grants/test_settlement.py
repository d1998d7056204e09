"""After the money: the group's spending with receipts (집행), the interim check by
support-centre, dong and district staff (중간점검), the settlement with the amount to return
(정산·반납) and the evaluation that next year's committee reads (평가). Refusals store nothing."""

from datetime import date, timedelta

import pytest
from django.utils import translation

from maeul.core.errors import RuleViolation
from maeul.core.models import AuditEntry
from maeul.core.permissions import Action, can
from maeul.grants.models import (
    CheckMark,
    CheckOutcome,
    GrantExpense,
    InterimCheck,
    Settlement,
    SettlementStatus,
)
from maeul.grants.services import settlement as settling
from maeul.grants.services import spending
from maeul.grants.spending import spending_table
from tests.grants.conftest import AFTER, SIGNED, agree, make_call, make_group, pay, pdf, png
from tests.korean import HANGUL

pytestmark = pytest.mark.django_db
LATER = AFTER + timedelta(days=60)


@pytest.fixture
def paid(selected, district_staff):
    agree(selected, district_staff)
    pay(selected, district_staff, 1_500_000)
    return selected


def spend(application, user, amount, *, category="재료비", item="모종", receipt=True, **extra):
    return spending.record_expense(
        application=application,
        category=application.call.categories.get(name=category),
        item=item,
        amount=amount,
        spent_on=extra.pop("spent_on", date(2026, 4, 20)),
        receipt=(pdf("영수증.pdf") if receipt else None),
        user=user,
        now=LATER,
        **extra,
    )


def refusal(call_service) -> RuleViolation:
    with translation.override("ko"), pytest.raises(RuleViolation) as caught:
        call_service()
    assert HANGUL.search(caught.value.message), caught.value.message
    return caught.value


def check(application, staff, marks, **overrides):
    fields = {
        "visited_on": date(2026, 5, 20),
        "findings": "텃밭 상자 12개가 설치되어 있고 주민 8명이 가꾸고 있습니다.",
        "outcome": CheckOutcome.ON_TRACK,
    }
    fields.update(overrides)
    return spending.record_interim_check(
        application=application, marks=marks, staff=staff, now=LATER, ip=None, **fields
    )


def test_the_group_records_spending_with_receipts_once_paid(selected, resident, district_staff):
    agree(selected, district_staff)
    assert not can(resident, Action.RECORD_EXPENSE, selected, now=LATER)  # nothing paid yet
    pay(selected, district_staff, 1_500_000)
    expense = spend(selected, resident, 400_000)
    assert expense.has_receipt and expense.receipt_type == "application/pdf"
    assert (
        expense.receipt.name.startswith("grants/receipts/") and "영수증" not in expense.receipt.name
    )
    table = spending_table(selected)
    assert (table.disbursed, table.spent, table.confirmed, table.unchecked) == (
        1_500_000,
        400_000,
        0,
        1,
    )


@pytest.mark.parametrize(
    ("amount", "category", "field"),
    [
        (1_600_000, "재료비", "amount"),  # more than the 1,500,000 paid
        (300_000, "식비", "amount"),  # 식비 is capped at 10 % of 2,500,000 = 250,000
        (0, "재료비", "amount"),
    ],
)
def test_spending_beyond_the_money_paid_or_a_cap_is_refused(
    paid, resident, amount, category, field
):
    error = refusal(lambda: spend(paid, resident, amount, category=category))
    assert error.field == field
    assert not GrantExpense.objects.exists()


def test_the_cap_counts_what_was_already_spent_in_the_category(paid, resident):
    spend(paid, resident, 200_000, category="식비", item="간식")
    message = refusal(lambda: spend(paid, resident, 60_000, category="식비", item="음료")).message
    assert "250,000" in message and "200,000" in message
    assert GrantExpense.objects.count() == 1


def test_a_category_of_another_call_a_future_day_or_a_fake_receipt_is_refused(
    paid, resident, geumcheon
):
    other = make_call(geumcheon, title="다른 공모")
    with pytest.raises(RuleViolation) as caught:
        spending.record_expense(
            application=paid,
            category=other.categories.first(),
            item="x",
            amount=1000,
            spent_on=date(2026, 4, 1),
            receipt=None,
            user=resident,
            now=LATER,
        )
    assert caught.value.field == "category"
    error = refusal(lambda: spend(paid, resident, 1000, spent_on=LATER.date() + timedelta(days=2)))
    assert error.field == "spent_on"
    from django.core.files.uploadedfile import SimpleUploadedFile

    fake = SimpleUploadedFile("영수증.pdf", b"<script>alert(1)</script>", "application/pdf")
    with pytest.raises(RuleViolation) as caught:
        spending.record_expense(
            application=paid,
            category=paid.call.categories.get(name="재료비"),
            item="x",
            amount=1000,
            spent_on=date(2026, 4, 1),
            receipt=fake,
            user=resident,
            now=LATER,
        )
    assert caught.value.field == "receipt"
    assert not GrantExpense.objects.exists()


def test_an_rrn_in_the_item_is_refused(paid, resident):
    refusal(lambda: spend(paid, resident, 1000, item="강사료 900101-1234567"))
    assert not GrantExpense.objects.exists()


def test_only_the_representative_records_spending(paid, neighbour, dong_staff):
    for user in (neighbour, dong_staff):
        assert refusal(lambda u=user: spend(paid, u, 1000)).code == "forbidden"
    assert not GrantExpense.objects.exists()


@pytest.mark.parametrize("who", ["support_centre_staff", "dong_staff", "district_staff"])
def test_support_centre_dong_and_district_staff_record_an_interim_check(
    paid, resident, who, request
):
    staff = request.getfixturevalue(who)
    first = spend(paid, resident, 400_000)
    second = spend(paid, resident, 100_000, item="장갑", receipt=False)
    visit = check(
        paid,
        staff,
        {
            first.pk: (CheckMark.CONFIRMED, ""),
            second.pk: (CheckMark.QUESTIONED, "영수증을 내 주세요."),
        },
        outcome=CheckOutcome.NEEDS_CORRECTION,
    )
    assert visit.checker_role
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.mark, second.mark, second.mark_note) == (
        "confirmed",
        "questioned",
        "영수증을 내 주세요.",
    )
    assert AuditEntry.objects.filter(action="grants.interim_check").count() == 1
    assert resident.notifications.filter(kind="grants.check").exists()


def test_the_support_centre_role_reaches_its_district_only(
    paid, resident, support_centre_staff, other_dong_staff, other_district_staff
):
    assert can(support_centre_staff, Action.CHECK_SPENDING, paid, now=LATER)
    for outsider in (other_dong_staff, other_district_staff, resident):
        decision = can(outsider, Action.CHECK_SPENDING, paid, now=LATER)
        assert not decision and HANGUL.search(str(decision.reason))
        assert refusal(lambda o=outsider: check(paid, o, {})).code == "forbidden"
    assert not InterimCheck.objects.exists()


def test_questioning_or_refusing_an_entry_needs_a_note_and_changes_nothing(
    paid, resident, support_centre_staff
):
    expense = spend(paid, resident, 400_000)
    refusal(lambda: check(paid, support_centre_staff, {expense.pk: (CheckMark.DISALLOWED, " ")}))
    refusal(lambda: check(paid, support_centre_staff, {expense.pk: ("approved", "")}))
    refusal(lambda: check(paid, support_centre_staff, {}, findings=""))
    expense.refresh_from_db()
    assert expense.mark == CheckMark.UNCHECKED and not InterimCheck.objects.exists()


def test_a_checked_entry_cannot_be_removed_but_an_unchecked_one_can(
    paid, resident, support_centre_staff
):
    kept, dropped = spend(paid, resident, 400_000), spend(paid, resident, 50_000, item="끈")
    check(paid, support_centre_staff, {kept.pk: (CheckMark.CONFIRMED, "")})
    refusal(lambda: spending.remove_expense(expense=kept, user=resident, now=LATER))
    spending.remove_expense(expense=dropped, user=resident, now=LATER)
    assert list(GrantExpense.objects.values_list("pk", flat=True)) == [kept.pk]


def settle_with_return(paid, resident, staff):
    """Spent 400,000 (confirmed) and 100,000 (not accepted) of the 1,500,000 paid."""
    good = spend(paid, resident, 400_000)
    bad = spend(paid, resident, 100_000, item="회식", category="식비")
    check(
        paid,
        staff,
        {
            good.pk: (CheckMark.CONFIRMED, ""),
            bad.pk: (CheckMark.DISALLOWED, "회식비는 지원하지 않습니다."),
        },
    )
    settling.submit_settlement(
        application=paid, report="텃밭 12개를 운영했습니다.", user=resident, now=LATER
    )
    return settling.approve_settlement(application=paid, staff=staff, now=LATER, ip=None)


def test_settlement_fixes_the_accepted_spending_and_the_amount_to_return(
    paid, resident, district_staff
):
    settlement = settle_with_return(paid, resident, district_staff)
    assert settlement.status == SettlementStatus.APPROVED
    assert (settlement.accepted_total, settlement.return_amount) == (400_000, 1_100_000)
    assert spending_table(paid).to_return == 1_100_000
    notice = resident.notifications.filter(kind="grants.settlement").get()
    assert "1,100,000" in notice.message
    # The spending and the checks are closed now.
    refusal(lambda: spend(paid, resident, 1000))
    assert not can(district_staff, Action.CHECK_SPENDING, paid, now=LATER)


def test_settlement_waits_for_every_entry_to_be_checked(paid, resident, district_staff):
    spend(paid, resident, 400_000)
    settling.submit_settlement(application=paid, report="보고", user=resident, now=LATER)
    message = refusal(
        lambda: settling.approve_settlement(
            application=paid, staff=district_staff, now=LATER, ip=None
        )
    ).message
    assert "1" in message
    assert Settlement.objects.get().status == SettlementStatus.SUBMITTED


def test_a_handed_in_settlement_freezes_spending_until_sent_back(paid, resident, district_staff):
    settling.submit_settlement(application=paid, report="보고", user=resident, now=LATER)
    refusal(lambda: spend(paid, resident, 1000))
    refusal(
        lambda: settling.send_back_settlement(
            application=paid, note="", staff=district_staff, now=LATER, ip=None
        )
    )
    settling.send_back_settlement(
        application=paid, note="영수증을 보완해 주세요.", staff=district_staff, now=LATER, ip=None
    )
    spend(paid, resident, 1000)
    settling.submit_settlement(application=paid, report="보완했습니다.", user=resident, now=LATER)
    assert Settlement.objects.get().report == "보완했습니다."


def test_only_district_staff_of_the_call_settle_and_evaluate(
    paid, resident, dong_staff, support_centre_staff, other_district_staff, district_staff
):
    settling.submit_settlement(application=paid, report="보고", user=resident, now=LATER)
    for user in (resident, dong_staff, support_centre_staff, other_district_staff):
        assert not can(user, Action.SETTLE_GRANT, paid, now=LATER)
        assert not can(user, Action.EVALUATE_GRANT, paid, now=LATER)
    assert can(district_staff, Action.SETTLE_GRANT, paid, now=LATER)
    assert not can(district_staff, Action.EVALUATE_GRANT, paid, now=LATER)  # not approved yet


def test_the_return_and_the_evaluation_after_approval(paid, resident, district_staff):
    settle_with_return(paid, resident, district_staff)
    refusal(
        lambda: settling.record_return(
            application=paid, returned_on=None, staff=district_staff, now=LATER, ip=None
        )
    )
    settling.record_return(
        application=paid, returned_on=LATER.date(), staff=district_staff, now=LATER, ip=None
    )
    refusal(
        lambda: settling.record_return(
            application=paid, returned_on=LATER.date(), staff=district_staff, now=LATER, ip=None
        )
    )
    for score in (None, 101, -1):
        refusal(
            lambda s=score: settling.evaluate(
                application=paid, score=s, comment="", staff=district_staff, now=LATER, ip=None
            )
        )
    settling.evaluate(
        application=paid,
        score=86,
        comment="주민 참여가 꾸준했습니다.",
        staff=district_staff,
        now=LATER,
        ip=None,
    )
    settlement = Settlement.objects.get()
    assert (settlement.returned_on, settlement.evaluation_score) == (LATER.date(), 86)


def test_next_years_committee_sees_the_groups_evaluation(
    paid, resident, district_staff, geumcheon, group
):
    from tests.grants.conftest import write_draft

    settle_with_return(paid, resident, district_staff)
    settling.evaluate(
        application=paid,
        score=86,
        comment="꾸준했습니다.",
        staff=district_staff,
        now=LATER,
        ip=None,
    )
    next_call = make_call(geumcheon, year=2027, title="2027 마을공동체 통합공모 이웃만들기")
    next_year = write_draft(
        next_call, group, resident, title="골목 텃밭 2년차", description="상자 텃밭"
    )
    past = settling.past_evaluations(next_year)
    assert [(p.application_id, p.evaluation_score) for p in past] == [(paid.pk, 86)]
    assert settling.past_evaluations(paid) == []  # not its own year


def test_receipts_of_pictures_are_accepted(paid, resident):
    expense = spending.record_expense(
        application=paid,
        category=paid.call.categories.get(name="재료비"),
        item="흙",
        amount=30_000,
        spent_on=SIGNED,
        receipt=png("영수증.png"),
        user=resident,
        now=LATER,
    )
    assert expense.receipt_type.startswith("image/")  # re-encoded, without EXIF


def test_spending_before_the_agreement_is_flagged_for_the_checker(paid, resident):
    from maeul.grants.spending import expense_warnings

    early = spend(paid, resident, 10_000, spent_on=SIGNED - timedelta(days=5), receipt=False)
    with translation.override("ko"):
        warnings = expense_warnings(early, SIGNED)
    assert len(warnings) == 2 and all(HANGUL.search(w) for w in warnings)


def test_joint_applications_of_trade_associations(
    call, geumcheon, doksan1, gasan, resident, neighbour
):
    from maeul.grants.models import GroupKind
    from maeul.grants.services import applications, joint
    from tests.grants.conftest import write_draft

    traders = make_group(resident, doksan1, "독산 상인회", kind=GroupKind.TRADE)
    partner = make_group(
        neighbour, gasan, "가산 상인회", contact="010-5555-6666", kind=GroupKind.TRADE
    )
    circle = make_group(neighbour, gasan, "가산 책모임", contact="010-5555-7777")
    draft = write_draft(
        call, traders, resident, title="골목 상권 축제", description="상인회 공동 축제"
    )
    from tests.grants.conftest import NOW

    refusal(
        lambda: joint.add_partner(application=draft, partner_id=circle.pk, user=resident, now=NOW)
    )
    joint.add_partner(application=draft, partner_id=partner.pk, user=resident, now=NOW)
    assert list(draft.partners.all()) == [partner]
    # The partner cannot apply to the same call on its own as well.
    own = write_draft(call, partner, neighbour, title="가산 상인 축제", description="축제")
    applications.submit_application(application=draft, user=resident, now=NOW)
    message = refusal(
        lambda: applications.submit_application(application=own, user=neighbour, now=NOW)
    ).message
    assert "가산 상인회" in message
    # A call closed to trade associations takes no joint applicants.
    closed = make_call(geumcheon, title="주민 모임 공모", trade_groups_allowed=False)
    other = applications.start_application(
        call=closed,
        group=circle,
        title="책 모임",
        description="",
        place="",
        dong=gasan,
        amount=1_000_000,
        user=neighbour,
        now=NOW,
    )
    refusal(
        lambda: joint.add_partner(application=other, partner_id=partner.pk, user=neighbour, now=NOW)
    )


def test_the_archive_publishes_what_was_spent_and_returned_not_the_evaluation(
    client, paid, resident, district_staff
):
    def item():
        rows = client.get("/api/grant-applications?page_size=100").json()["items"]
        return next(row for row in rows if row["id"] == paid.pk)

    settling.submit_settlement(application=paid, report="보고", user=resident, now=LATER)
    assert (item()["amount_spent"], item()["amount_returned"]) == (None, None)  # not approved
    settling.approve_settlement(application=paid, staff=district_staff, now=LATER, ip=None)
    settling.evaluate(
        application=paid,
        score=73,
        comment="내부 평가 의견",
        staff=district_staff,
        now=LATER,
        ip=None,
    )
    row = item()
    assert (row["amount_granted"], row["amount_spent"], row["amount_returned"]) == (
        2_500_000,
        0,
        1_500_000,
    )
    page = client.get("/grants/archive/", HTTP_ACCEPT_LANGUAGE="ko").content.decode()
    assert "1,500" in page  # 천원
    assert "내부 평가 의견" not in page and "내부 평가 의견" not in str(row)
    assert not any("score" in key or "evaluation" in key for key in row)
