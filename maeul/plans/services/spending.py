"""Executing a project: spending entries (집행) with receipts.

`Project.spent` is the exact sum of the project's entries. Every change to an entry locks
the project row and moves `spent` by the difference with an `F()` update in the same
transaction, so two staff members entering receipts at once cannot lose one, and no page
ever has to add entries up. Each entry is a payment (지출, counted in `spent`) or a
commitment (원인행위), from one budget source; no source goes over its budget line unless
district staff confirm it with a reason (`limits.py`), which the audit log keeps.
"""

import math
import os
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from fractions import Fraction
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from maeul.core import audit
from maeul.core.dates import past_or_today
from maeul.core.errors import RuleViolation
from maeul.core.money import format_won
from maeul.core.permissions import Action, enforce
from maeul.core.privacy import refuse_resident_number
from maeul.core.stored_files import NewFiles, delete_file_later, new_files
from maeul.plans.funding import require_source
from maeul.plans.models import EntryKind, Project, SpendingEntry
from maeul.plans.services import checked_upload
from maeul.plans.services.limits import (
    REASON_MAX,
    confirmed_reason,
    require_open,
    source_use,
    with_entry,
)
from maeul.proposals.attachments import CheckedFile

ENTRY_FIELDS = [
    "spent_on",
    "kind",
    "source",
    "amount",
    "payee",
    "purpose",
    "receipt_name",
    "over_budget_reason",
]
# The largest single payment we take: 100억 원, far above any dong project; a typo guard.
MAX_AMOUNT = 10_000_000_000


def whole_won(amount: object) -> int:
    """`amount` as a positive whole number of won; raises RuleViolation saying what is wrong.

    Accepts an int or an integral Decimal/Fraction; never rounds a fraction away.
    """
    not_a_number = RuleViolation(
        _("Enter the amount as a whole number of won."), code="amount", field="amount"
    )
    if isinstance(amount, bool) or not isinstance(amount, int | Decimal | Fraction | float):
        raise not_a_number
    if isinstance(amount, float | Decimal) and not math.isfinite(amount):
        raise not_a_number
    if amount != int(amount):
        raise RuleViolation(
            _("Enter a whole number of won: amounts have no fractions of a won."),
            code="fraction",
            field="amount",
        )
    won = int(amount)
    if won <= 0:
        raise RuleViolation(
            _("The amount must be more than 0 won."), code="not_positive", field="amount"
        )
    if won > MAX_AMOUNT:
        raise RuleViolation(
            _("The amount is larger than %(most)s. Check the number.")
            % {"most": format_won(MAX_AMOUNT)},
            code="too_large",
            field="amount",
        )
    return won


def _checked_entry(
    project: Project,
    staff: Any,
    now: datetime,
    spent_on: date,
    amount: object,
    payee: str,
    purpose: str,
    receipt: UploadedFile | None,
) -> tuple[int, str, str, CheckedFile | None]:
    """A payment as it will be stored (won, payee, purpose, checked receipt), or a refusal."""
    enforce(staff, Action.RECORD_SPENDING, project, now=now)
    won = whole_won(amount)
    if not project.in_fiscal_year(spent_on):
        raise RuleViolation(
            _("The date must lie within the project's fiscal year %(year)d.")
            % {"year": project.year},
            code="date",
            field="spent_on",
        )
    past_or_today(spent_on, now, field="spent_on")
    payee, purpose = payee.strip(), purpose.strip()
    refuse_resident_number(payee=payee, purpose=purpose)
    if not payee:
        raise RuleViolation(_("Enter who was paid."), code="payee", field="payee")
    if not purpose:
        raise RuleViolation(_("Enter what the payment was for."), code="purpose", field="purpose")
    return won, payee[:100], purpose[:200], checked_upload(receipt, field="receipt")


def _locked(project: Project) -> Project:
    return (
        Project.objects.select_for_update(of=("self",))
        .select_related("plan__council")
        .get(pk=project.pk)
    )


def _store_receipt(entry: SpendingEntry, checked: CheckedFile, written: NewFiles) -> None:
    written.save(entry.receipt, checked.content, default_name="receipt")
    entry.receipt_name = checked.original_name


def _record_confirmation(
    *,
    project: Project,
    entry: SpendingEntry,
    confirmed_by: Any,
    staff: Any,
    reason: str,
    ip: str | None,
    now: datetime,
) -> None:
    """The confirming staff member's own audit entry, when someone else typed the entry in."""
    if confirmed_by is not None and reason and getattr(confirmed_by, "pk", None) != staff.pk:
        audit.record(
            actor=confirmed_by,
            action="plans.over_budget_confirm",
            target=project,
            changes={"entry": [None, entry.pk], "over_budget_reason": [None, reason]},
            ip=ip,
            now=now,
        )


def record_spending(
    *,
    project: Project,
    spent_on: date,
    amount: int,
    payee: str,
    purpose: str,
    receipt: UploadedFile | None,
    staff: Any,
    now: datetime,
    ip: str | None,
    over_budget_reason: str = "",
    confirmed_by: Any = None,
    source: str = "",
    kind: str = EntryKind.PAYMENT,
) -> SpendingEntry:
    """Record one payment (or, with `kind`, a commitment) of `project` from `source` (the
    project's `budget_source` when not given), in whole won, dated in its fiscal year.

    Raises RuleViolation for a bad amount, date, payee, purpose or receipt (nothing is
    stored), and when the payment would take the project over its budget unless
    `confirmed_by` is district staff allowed to confirm it and `over_budget_reason` says why.
    """
    won, payee, purpose, checked = _checked_entry(
        project, staff, now, spent_on, amount, payee, purpose, receipt
    )
    source = require_source(source or project.budget_source)
    kind = _kind(kind or EntryKind.PAYMENT)
    paid = _paid(kind, won)
    with new_files() as written, transaction.atomic():
        locked = _locked(project)
        require_open(locked)
        before = source_use(locked, source)
        reason = confirmed_reason(
            project=locked,
            before=before,
            after=with_entry(before, kind, won),
            over_budget_reason=over_budget_reason,
            confirmed_by=confirmed_by,
            now=now,
        )
        entry = SpendingEntry(
            project=locked,
            spent_on=spent_on,
            kind=kind,
            source=source,
            amount=won,
            payee=payee,
            purpose=purpose,
            over_budget_reason=reason,
            confirmed_by=confirmed_by if reason else None,
            entered_by=staff,
            created_at=now,
        )
        if checked is not None:
            _store_receipt(entry, checked, written)
        entry.save()
        changes = audit.diff({}, audit.snapshot(entry, ENTRY_FIELDS))
        if paid:
            Project.objects.filter(pk=locked.pk).update(spent=F("spent") + paid)
            changes["spent"] = [locked.spent, locked.spent + paid]
        if reason:
            changes["confirmed_by"] = [None, confirmed_by.pk]
        audit.record(
            actor=staff,
            action="plans.spending_add",
            target=entry,
            changes=changes,
            ip=ip,
            now=now,
        )
        _record_confirmation(
            project=locked,
            entry=entry,
            confirmed_by=confirmed_by,
            staff=staff,
            reason=reason,
            ip=ip,
            now=now,
        )
    project.spent = locked.spent + paid
    return entry


def _kind(kind: str) -> str:
    if kind not in EntryKind.values:
        raise RuleViolation(_("Choose payment or commitment."), code="kind", field="kind")
    return kind


def _paid(kind: str, amount: int) -> int:
    return amount if kind == EntryKind.PAYMENT else 0


def correct_spending(
    *,
    entry: SpendingEntry,
    spent_on: date,
    amount: int,
    payee: str,
    purpose: str,
    staff: Any,
    now: datetime,
    ip: str | None,
    receipt: UploadedFile | None = None,
    over_budget_reason: str = "",
    confirmed_by: Any = None,
    source: str = "",
    kind: str = "",
) -> SpendingEntry:
    """Correct an entry (its source and kind too when given); `spent` moves by the
    difference in payments. A new receipt replaces the old one.

    Taking a source further past its budget needs the same confirmation as a new entry; a
    correction that lowers what the source is spoken for never does.
    """
    project = entry.project
    won, payee, purpose, checked = _checked_entry(
        project, staff, now, spent_on, amount, payee, purpose, receipt
    )
    source = require_source(source or entry.source)
    kind = _kind(kind or entry.kind)
    with new_files() as written, transaction.atomic():
        locked = _locked(project)
        require_open(locked)
        stored = SpendingEntry.objects.select_for_update().get(pk=entry.pk, project=locked)
        before = audit.snapshot(stored, ENTRY_FIELDS)
        difference = _paid(kind, won) - _paid(stored.kind, stored.amount)
        reason = stored.over_budget_reason
        confirmer = stored.confirmed_by
        new_reason = confirmed_reason(
            project=locked,
            before=source_use(locked, source),
            after=with_entry(source_use(locked, source, leave_out=stored.pk), kind, won),
            over_budget_reason=over_budget_reason,
            confirmed_by=confirmed_by,
            now=now,
        )
        if new_reason:
            reason, confirmer = new_reason, confirmed_by
        old_name = stored.receipt.name
        if checked is not None:
            delete_file_later(stored.receipt)
        stored.spent_on, stored.amount = spent_on, won
        stored.source, stored.kind = source, kind
        stored.payee, stored.purpose = payee, purpose
        stored.over_budget_reason, stored.confirmed_by = reason, confirmer
        if checked is not None:
            _store_receipt(stored, checked, written)
        stored.save()
        if difference:
            Project.objects.filter(pk=locked.pk).update(spent=F("spent") + difference)
        changes = audit.diff(before, audit.snapshot(stored, ENTRY_FIELDS))
        if checked is not None:
            changes["receipt"] = [old_name or None, stored.receipt.name]
        if difference:
            changes["spent"] = [locked.spent, locked.spent + difference]
        audit.record(
            actor=staff,
            action="plans.spending_correct",
            target=stored,
            changes=changes,
            ip=ip,
            now=now,
        )
        if reason != before["over_budget_reason"]:
            _record_confirmation(
                project=locked,
                entry=stored,
                confirmed_by=confirmer,
                staff=staff,
                reason=reason,
                ip=ip,
                now=now,
            )
    project.spent = locked.spent + difference
    return stored


def delete_spending(
    *, entry: SpendingEntry, staff: Any, now: datetime, ip: str | None, reason: str = ""
) -> None:
    """Remove a mistaken entry (and its receipt); `spent` drops by its amount."""
    project = entry.project
    enforce(staff, Action.RECORD_SPENDING, project, now=now)
    with transaction.atomic():
        locked = _locked(project)
        require_open(locked)
        stored = SpendingEntry.objects.select_for_update().get(pk=entry.pk, project=locked)
        paid = _paid(stored.kind, stored.amount)
        changes = audit.diff(audit.snapshot(stored, ENTRY_FIELDS), {})
        changes["spent"] = [locked.spent, locked.spent - paid]
        if reason.strip():
            changes["reason"] = [None, reason.strip()[:REASON_MAX]]
        audit.record(
            actor=staff,
            action="plans.spending_delete",
            target=stored,
            changes=changes,
            ip=ip,
            now=now,
        )
        Project.objects.filter(pk=locked.pk).update(spent=F("spent") - paid)
        delete_file_later(stored.receipt)
        stored.delete()
    project.spent = locked.spent - paid


@dataclass(frozen=True)
class ReceiptFile:
    """What the authenticated receipt view serves: the stored file and how to name it."""

    path: str
    name: str
    content_type: str


_CONTENT_TYPES = {".pdf": "application/pdf", ".jpg": "image/jpeg", ".png": "image/png"}


def receipt_file(entry: SpendingEntry) -> ReceiptFile | None:
    """The entry's receipt as stored (we chose its extension ourselves), or None."""
    if not entry.receipt:
        return None
    extension = os.path.splitext(entry.receipt.name)[1].lower()
    return ReceiptFile(
        path=entry.receipt.name,
        name=entry.receipt_name or os.path.basename(entry.receipt.name),
        content_type=_CONTENT_TYPES.get(extension, "application/octet-stream"),
    )
