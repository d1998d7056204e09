"""Spending entries: whole won, the fiscal year, receipts judged by content, the budget line,
and `Project.spent` exact after every record, correction and removal."""

from datetime import date, datetime
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from maeul.core.errors import RuleViolation
from maeul.core.models import AuditEntry
from maeul.plans.models import ProgressUpdate, Project, ProjectStatus, SpendingEntry
from maeul.plans.services.progress import add_progress_update
from maeul.plans.services.spending import (
    correct_spending,
    delete_spending,
    record_spending,
    whole_won,
)
from tests.plans.conftest import IP, PDF, make_project, pdf, png

pytestmark = pytest.mark.django_db


def record(project, staff, now, amount=500_000, **fields):
    values = {
        "spent_on": fields.pop("spent_on", date(project.year, 1, 1)),
        "amount": amount,
        "payee": "마을인쇄소",
        "purpose": "축제 홍보물 인쇄",
        "receipt": None,
    }
    values.update(fields)
    return record_spending(project=project, staff=staff, now=now, ip=IP, **values)


def spent_of(project) -> int:
    return Project.objects.get(pk=project.pk).spent


def sum_of_entries(project) -> int:
    return sum(SpendingEntry.objects.filter(project=project).values_list("amount", flat=True))


def stored_files(root: Path) -> list[Path]:
    return [path for path in root.rglob("*") if path.is_file()] if root.exists() else []


# --- Recording ------------------------------------------------------------------------------
def test_dong_staff_records_a_payment_and_spent_follows(project, dong_staff, now):
    entry = record(project, dong_staff, now, amount=1_234_000, receipt=png())

    assert spent_of(project) == 1_234_000 == project.spent
    assert entry.entered_by == dong_staff and entry.receipt_name == "receipt.png"
    assert (
        entry.receipt.name.startswith("plans/receipts/")
        and "receipt" not in Path(entry.receipt.name).name
    )
    assert Project.objects.get(pk=project.pk).execution_rate == Fraction(617, 1000)
    audit = AuditEntry.objects.get(action="plans.spending_add")
    assert audit.actor == dong_staff and audit.changes["amount"] == [None, 1_234_000]
    assert audit.changes["spent"] == [0, 1_234_000]


def test_a_pdf_receipt_is_kept_as_it_is(project, dong_staff, now):
    entry = record(project, dong_staff, now, receipt=pdf())

    assert entry.receipt.name.endswith(".pdf")
    assert entry.receipt.read() == PDF


@pytest.mark.parametrize("amount", [0, -1, -500_000])
def test_zero_or_negative_amounts_are_refused(project, dong_staff, now, amount):
    with pytest.raises(RuleViolation) as refused:
        record(project, dong_staff, now, amount=amount)

    assert refused.value.code == "not_positive"
    assert spent_of(project) == 0 and not SpendingEntry.objects.exists()


@pytest.mark.parametrize("amount", [10.5, Decimal("1000.5"), Fraction(3, 2)])
def test_fractional_won_are_refused_not_rounded(project, dong_staff, now, amount):
    with pytest.raises(RuleViolation) as refused:
        record(project, dong_staff, now, amount=amount)

    assert refused.value.code == "fraction"
    assert not SpendingEntry.objects.exists()


@pytest.mark.parametrize("amount", ["1500", True, None, float("nan")])
def test_amounts_that_are_not_numbers_are_refused(amount):
    with pytest.raises(RuleViolation):
        whole_won(amount)


def test_an_integral_decimal_is_taken_as_whole_won():
    assert whole_won(Decimal("1500000")) == 1_500_000


def test_a_date_outside_the_fiscal_year_is_refused(project, dong_staff, now):
    with pytest.raises(RuleViolation) as refused:
        record(project, dong_staff, now, spent_on=date(project.year - 1, 12, 31))

    assert refused.value.code == "date"
    assert str(project.year) in refused.value.message
    assert not SpendingEntry.objects.exists()


def test_a_date_in_the_future_is_refused(project, dong_staff):
    # A clock in the middle of the fiscal year, so "tomorrow" is in the same year any day.
    midyear = datetime(project.year, 6, 15, 12, tzinfo=ZoneInfo("Asia/Seoul"))
    with pytest.raises(RuleViolation) as refused:
        record(project, dong_staff, midyear, spent_on=date(project.year, 6, 16))
    assert refused.value.code == "date"
    assert not SpendingEntry.objects.exists()


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("receipt.pdf", b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00"),
        ("receipt.pdf", b"<!DOCTYPE html><html><script>alert(1)</script></html>"),
        ("receipt.png", b"GIF89a this is not really a picture"),
        ("receipt.pdf", b"%PDF-1.4 truncated"),
    ],
)
def test_a_receipt_that_is_not_an_image_or_pdf_is_refused_and_nothing_is_stored(
    project, dong_staff, now, _media, name, data
):
    upload = SimpleUploadedFile(name, data, content_type="application/pdf")

    with pytest.raises(RuleViolation) as refused:
        record(project, dong_staff, now, receipt=upload)

    assert refused.value.code in ("bad_type", "bad_file")
    assert not SpendingEntry.objects.exists() and spent_of(project) == 0
    assert stored_files(_media) == []


def test_payee_and_purpose_are_required(project, dong_staff, now):
    with pytest.raises(RuleViolation) as refused:
        record(project, dong_staff, now, payee="  ")
    assert refused.value.code == "payee"
    with pytest.raises(RuleViolation) as refused:
        record(project, dong_staff, now, purpose="")
    assert refused.value.code == "purpose"


def test_a_cancelled_project_takes_no_spending(project, dong_staff, now):
    Project.objects.filter(pk=project.pk).update(status=ProjectStatus.CANCELLED)
    project.refresh_from_db()

    with pytest.raises(RuleViolation) as refused:
        record(project, dong_staff, now)
    assert refused.value.code == "cancelled"


# --- Who may record -------------------------------------------------------------------------
def test_staff_of_another_dong_cannot_record(project, other_dong_staff, now):
    with pytest.raises(RuleViolation) as refused:
        record(project, other_dong_staff, now)

    assert refused.value.code == "forbidden"
    assert spent_of(project) == 0 and not AuditEntry.objects.exists()


@pytest.mark.parametrize(
    "persona", ["resident", "other_district_staff", "support_centre_staff", "committee_member"]
)
def test_people_who_do_not_serve_the_dong_cannot_record(project, now, persona, request):
    with pytest.raises(RuleViolation) as refused:
        record(project, request.getfixturevalue(persona), now)
    assert refused.value.code == "forbidden"


def test_district_staff_record_for_every_council_of_their_district(
    project, governance_project, district_staff, now
):
    record(project, district_staff, now, amount=100_000)
    record(governance_project, district_staff, now, amount=200_000)

    assert (spent_of(project), spent_of(governance_project)) == (100_000, 200_000)


def test_dong_staff_cannot_record_for_the_governance_council(governance_project, dong_staff, now):
    with pytest.raises(RuleViolation) as refused:
        record(governance_project, dong_staff, now)
    assert refused.value.code == "forbidden"


# --- The budget line ------------------------------------------------------------------------
def test_a_payment_up_to_the_budget_needs_no_confirmation(project, dong_staff, now):
    record(project, dong_staff, now, amount=1_500_000)
    record(project, dong_staff, now, amount=500_000)

    assert spent_of(project) == project.budget


def test_going_over_the_budget_is_refused_without_confirmation(project, dong_staff, now):
    record(project, dong_staff, now, amount=1_500_000)

    with pytest.raises(RuleViolation) as refused:
        record(project, dong_staff, now, amount=500_001)

    assert refused.value.code == "over_budget"
    assert "2,000,001" in refused.value.message
    assert spent_of(project) == 1_500_000 and SpendingEntry.objects.count() == 1


def test_district_staff_confirm_going_over_the_budget_with_a_reason(
    project, dong_staff, district_staff, now
):
    entry = record(
        project,
        dong_staff,
        now,
        amount=2_300_000,
        confirmed_by=district_staff,
        over_budget_reason="참여 주민 증가로 추가 경비 승인 (구 결재 제2021-15호)",
    )

    assert spent_of(project) == 2_300_000
    assert entry.confirmed_by == district_staff
    assert entry.over_budget_reason.startswith("참여 주민 증가")
    added = AuditEntry.objects.get(action="plans.spending_add")
    assert added.changes["over_budget_reason"][1].startswith("참여 주민 증가")
    assert added.changes["confirmed_by"] == [None, district_staff.pk]
    confirmed = AuditEntry.objects.get(action="plans.over_budget_confirm")
    assert confirmed.actor == district_staff
    assert confirmed.changes["over_budget_reason"][1].startswith("참여 주민 증가")


def test_district_staff_recording_themselves_confirm_in_one_entry(project, district_staff, now):
    record(
        project,
        district_staff,
        now,
        amount=2_100_000,
        confirmed_by=district_staff,
        over_budget_reason="추가 공연 승인",
    )

    audit = AuditEntry.objects.get(action="plans.spending_add")
    assert audit.actor == district_staff and audit.changes["over_budget_reason"] == [
        None,
        "추가 공연 승인",
    ]
    assert not AuditEntry.objects.filter(action="plans.over_budget_confirm").exists()


def test_a_confirmation_needs_a_reason(project, dong_staff, district_staff, now):
    with pytest.raises(RuleViolation) as refused:
        record(
            project,
            dong_staff,
            now,
            amount=2_000_001,
            confirmed_by=district_staff,
            over_budget_reason=" ",
        )

    assert refused.value.code == "over_budget_reason"
    assert spent_of(project) == 0


def test_dong_staff_cannot_confirm_going_over_the_budget(project, dong_staff, now):
    with pytest.raises(RuleViolation) as refused:
        record(
            project,
            dong_staff,
            now,
            amount=2_000_001,
            confirmed_by=dong_staff,
            over_budget_reason="급히 필요",
        )

    assert refused.value.code == "confirm_forbidden"
    assert spent_of(project) == 0 and not SpendingEntry.objects.exists()


def test_staff_of_another_district_cannot_confirm(project, dong_staff, other_district_staff, now):
    with pytest.raises(RuleViolation) as refused:
        record(
            project,
            dong_staff,
            now,
            amount=2_000_001,
            confirmed_by=other_district_staff,
            over_budget_reason="급히 필요",
        )
    assert refused.value.code == "confirm_forbidden"


def test_a_project_without_budget_needs_a_confirmation_for_any_payment(
    doksan1_plan, dong_staff, district_staff, now
):
    free = make_project(doksan1_plan, "재능기부 강좌", 0)
    with pytest.raises(RuleViolation):
        record(free, dong_staff, now, amount=10_000)
    record(
        free,
        dong_staff,
        now,
        amount=10_000,
        confirmed_by=district_staff,
        over_budget_reason="다과비",
    )
    assert spent_of(free) == 10_000


# --- Corrections and removals ---------------------------------------------------------------
def test_a_correction_moves_spent_by_the_difference(project, dong_staff, now):
    first = record(project, dong_staff, now, amount=700_000)
    record(project, dong_staff, now, amount=300_000)

    correct_spending(
        entry=first,
        spent_on=first.spent_on,
        amount=650_000,
        payee="마을인쇄소",
        purpose="홍보물 인쇄 (정정)",
        staff=dong_staff,
        now=now,
        ip=IP,
    )

    assert spent_of(project) == 950_000 == sum_of_entries(project)
    audit = AuditEntry.objects.get(action="plans.spending_correct")
    assert audit.changes["amount"] == [700_000, 650_000]
    assert audit.changes["spent"] == [1_000_000, 950_000]


def test_a_correction_past_the_budget_needs_the_confirmation(
    project, dong_staff, district_staff, now
):
    entry = record(project, dong_staff, now, amount=1_900_000)

    def correct(**extra):
        return correct_spending(
            entry=entry,
            spent_on=entry.spent_on,
            amount=2_100_000,
            payee="마을인쇄소",
            purpose="인쇄",
            staff=dong_staff,
            now=now,
            ip=IP,
            **extra,
        )

    with pytest.raises(RuleViolation) as refused:
        correct()
    assert refused.value.code == "over_budget" and spent_of(project) == 1_900_000

    correct(confirmed_by=district_staff, over_budget_reason="단가 인상")
    assert spent_of(project) == 2_100_000 == sum_of_entries(project)


def test_lowering_an_entry_of_a_project_over_budget_needs_no_confirmation(
    project, dong_staff, district_staff, now
):
    entry = record(
        project,
        dong_staff,
        now,
        amount=2_500_000,
        confirmed_by=district_staff,
        over_budget_reason="승인",
    )

    correct_spending(
        entry=entry,
        spent_on=entry.spent_on,
        amount=2_200_000,
        payee="마을인쇄소",
        purpose="인쇄",
        staff=dong_staff,
        now=now,
        ip=IP,
    )

    assert spent_of(project) == 2_200_000
    entry.refresh_from_db()
    assert entry.over_budget_reason == "승인"


def test_a_correction_with_a_fraction_changes_nothing(project, dong_staff, now):
    entry = record(project, dong_staff, now, amount=700_000)

    with pytest.raises(RuleViolation):
        correct_spending(
            entry=entry,
            spent_on=entry.spent_on,
            amount=Decimal("700000.5"),
            payee="x",
            purpose="y",
            staff=dong_staff,
            now=now,
            ip=IP,
        )

    assert spent_of(project) == 700_000


def test_a_new_receipt_replaces_the_old_file(
    project, dong_staff, now, _media, django_capture_on_commit_callbacks
):
    entry = record(project, dong_staff, now, receipt=png())
    old = entry.receipt.name
    assert (Path(_media) / old).exists()

    with django_capture_on_commit_callbacks(execute=True):
        with_new = correct_spending(
            entry=entry,
            spent_on=entry.spent_on,
            amount=entry.amount,
            payee=entry.payee,
            purpose=entry.purpose,
            receipt=pdf("new.pdf"),
            staff=dong_staff,
            now=now,
            ip=IP,
        )

    assert with_new.receipt.name != old and with_new.receipt_name == "new.pdf"
    assert not (Path(_media) / old).exists()
    assert (Path(_media) / with_new.receipt.name).exists()
    assert spent_of(project) == entry.amount


def test_removing_an_entry_takes_its_amount_off(project, dong_staff, now):
    first = record(project, dong_staff, now, amount=700_000)
    record(project, dong_staff, now, amount=300_000)

    delete_spending(entry=first, staff=dong_staff, now=now, ip=IP, reason="중복 입력")

    assert spent_of(project) == 300_000 == sum_of_entries(project)
    audit = AuditEntry.objects.get(action="plans.spending_delete")
    assert audit.changes["amount"] == [700_000, None]
    assert audit.changes["reason"] == [None, "중복 입력"]


def test_staff_of_another_dong_cannot_correct_or_remove(project, dong_staff, other_dong_staff, now):
    entry = record(project, dong_staff, now, amount=700_000)

    with pytest.raises(RuleViolation):
        correct_spending(
            entry=entry,
            spent_on=entry.spent_on,
            amount=1,
            payee="x",
            purpose="y",
            staff=other_dong_staff,
            now=now,
            ip=IP,
        )
    with pytest.raises(RuleViolation):
        delete_spending(entry=entry, staff=other_dong_staff, now=now, ip=IP)

    assert spent_of(project) == 700_000 and SpendingEntry.objects.count() == 1


def test_spent_stays_exact_through_many_changes(project, dong_staff, district_staff, now):
    entries = [
        record(project, dong_staff, now, amount=amount) for amount in (120_000, 33_333, 7, 999_999)
    ]
    correct_spending(
        entry=entries[1],
        spent_on=entries[1].spent_on,
        amount=44_444,
        payee="a",
        purpose="b",
        staff=dong_staff,
        now=now,
        ip=IP,
    )
    delete_spending(entry=entries[2], staff=district_staff, now=now, ip=IP)
    record(project, district_staff, now, amount=1)

    assert spent_of(project) == sum_of_entries(project) == 120_000 + 44_444 + 999_999 + 1


# --- Progress updates -----------------------------------------------------------------------
def test_a_progress_update_with_a_photo_is_re_encoded(project, dong_staff, now):
    update = add_progress_update(
        project=project,
        body="1차 축제를 열었습니다.",
        photo=png("festival.png"),
        photo_alt="축제에 모인 주민들",
        staff=dong_staff,
        now=now,
        ip=IP,
    )

    assert update.photo.name.startswith("plans/photos/") and "festival" not in update.photo.name
    assert AuditEntry.objects.filter(action="plans.progress_add").exists()


def test_a_progress_photo_must_be_an_image_with_a_description(project, dong_staff, now):
    with pytest.raises(RuleViolation) as refused:
        add_progress_update(
            project=project,
            body="회의",
            photo=pdf(),
            photo_alt="문서",
            staff=dong_staff,
            now=now,
            ip=IP,
        )
    assert refused.value.code == "bad_type"
    with pytest.raises(RuleViolation) as refused:
        add_progress_update(
            project=project,
            body="회의",
            photo=png(),
            photo_alt="",
            staff=dong_staff,
            now=now,
            ip=IP,
        )
    assert refused.value.code == "photo_alt"
    assert not ProgressUpdate.objects.exists()


def test_staff_of_another_dong_cannot_post_updates(project, other_dong_staff, now):
    with pytest.raises(RuleViolation):
        add_progress_update(
            project=project,
            body="x",
            photo=None,
            photo_alt="",
            staff=other_dong_staff,
            now=now,
            ip=IP,
        )


def test_receipts_are_kept_outside_the_public_media_folder(settings, tmp_path):
    from maeul.plans.models import SpendingEntry

    storage = SpendingEntry._meta.get_field("receipt").storage
    assert storage.location == str(tmp_path / "private")
    assert not storage.location.startswith(str(settings.MEDIA_ROOT))
