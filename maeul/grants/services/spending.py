"""The group's spending of a grant (집행 내역) and the staff's checks of it (중간점검).

Once money has been paid, the representative records each payment the group made: its
category, what was bought, the amount, the day, and the receipt (a PDF or a photo, judged
by its content). The entries together never exceed what was paid, and a category never
exceeds the call's cap on the agreed amount. Support-centre staff (마을지원활동가), dong
and district staff then visit, record what they found, and mark each entry confirmed, to be
corrected or not accepted; an entry that was marked can no longer be removed.
"""

from datetime import date, datetime
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from maeul.core import audit
from maeul.core.dates import past_or_today
from maeul.core.errors import RuleViolation
from maeul.core.permissions import Action, enforce, scope_of
from maeul.core.privacy import refuse_resident_number
from maeul.core.stored_files import delete_file_later, new_files
from maeul.core.texts import required_text
from maeul.grants.attachments import check_document
from maeul.grants.models import (
    Application,
    CheckMark,
    CheckOutcome,
    ExpenseCategory,
    GrantAgreement,
    GrantExpense,
    InterimCheck,
)
from maeul.grants.services import tell_representative

FINDINGS_MAX = 4000
NOTE_MAX = 200
NOTIFY_KIND = "grants.check"


def record_expense(
    *,
    application: Application,
    category: ExpenseCategory | None,
    item: str,
    amount: int | None,
    spent_on: date | None,
    receipt: UploadedFile | None,
    user: Any,
    now: datetime,
) -> GrantExpense:
    """One payment of the group from the grant, with its receipt if there is one."""
    enforce(user, Action.RECORD_EXPENSE, application, now=now)
    item = required_text(
        item,
        field="item",
        missing=_("Enter what was bought."),
        most=100,
        too_long=_("Write what was bought in at most 100 characters."),
    )
    if category is None or category.call_id != application.call_id:
        raise RuleViolation(_("Choose an expense category of the call."), field="category")
    if amount is None or amount <= 0:
        raise RuleViolation(_("Enter the amount spent."), field="amount")
    spent_on = past_or_today(spent_on, now, field="spent_on")
    checked = check_document(receipt, field="receipt") if receipt else None
    with transaction.atomic():
        # One entry at a time per application: the sums below stay true.
        agreement = GrantAgreement.objects.select_for_update().get(application=application)
        counted = [e for e in application.expenses.select_related("category") if e.counts]
        spent = sum(e.amount for e in counted)
        if spent + amount > agreement.disbursed:
            raise RuleViolation(
                _(
                    "The spending would exceed the money paid: "
                    "%(left)s won of the grant remain unspent."
                )
                % {"left": f"{max(agreement.disbursed - spent, 0):,}"},
                field="amount",
            )
        cap = category.cap_for(agreement.amount)
        in_category = sum(e.amount for e in counted if e.category_id == category.pk)
        if cap is not None and in_category + amount > cap:
            raise RuleViolation(
                _(
                    "%(category)s may take at most %(cap)s won of this grant; "
                    "%(spent)s won are already recorded."
                )
                % {"category": category.name, "cap": f"{cap:,}", "spent": f"{in_category:,}"},
                field="amount",
            )
        expense = GrantExpense(
            application=application,
            category=category,
            item=item,
            amount=amount,
            spent_on=spent_on,
            recorded_at=now,
        )
        with new_files() as written:
            if checked is not None:
                expense.receipt_name = checked.original_name
                expense.receipt_type = checked.content_type
                written.save(expense.receipt, checked.content, default_name="receipt")
            expense.save()
    return expense


def remove_expense(*, expense: GrantExpense, user: Any, now: datetime) -> None:
    """The representative removes an entry no one has checked yet."""
    enforce(user, Action.RECORD_EXPENSE, expense.application, now=now)
    with transaction.atomic():
        # Read again under lock: a checker may have marked it since the page was shown.
        expense = GrantExpense.objects.select_for_update().get(pk=expense.pk)
        if expense.mark != CheckMark.UNCHECKED:
            raise RuleViolation(_("A checked entry cannot be removed."))
        delete_file_later(expense.receipt)
        expense.delete()


def checker_role(user: Any, application: Application) -> str:
    """How a checker appears on the record: 구청, 동 주민센터 or 마을지원활동가."""
    scope = scope_of(user)
    if scope.site_admin or application.call.district_id in scope.district_ids:
        return _("District office")
    if application.dong_id in scope.dong_ids:
        return _("Dong office")
    return _("Community support centre")


def mark_expenses(
    *,
    application: Application,
    marks: dict[int, tuple[str, str]],
    staff: Any,
    now: datetime,
    ip: str | None,
) -> int:
    """Mark the application's entries: {entry id: (mark, note)}. Returns how many changed."""
    enforce(staff, Action.CHECK_SPENDING, application, now=now)
    expenses = {e.pk: e for e in application.expenses.all()}
    for pk, (mark, note) in marks.items():
        if pk not in expenses:
            raise RuleViolation(_("That spending entry is not part of this application."))
        if mark not in CheckMark.values:
            raise RuleViolation(_("Choose how the entry was found."))
        refuse_resident_number(note=note)
        if mark in (CheckMark.QUESTIONED, CheckMark.DISALLOWED) and not note.strip():
            raise RuleViolation(
                _("Say what must be corrected or why the entry is not accepted: %(item)s.")
                % {"item": expenses[pk].item}
            )
    changed = 0
    with transaction.atomic():
        for pk, (mark, note) in marks.items():
            expense = expenses[pk]
            note = note.strip()[:NOTE_MAX]
            if (expense.mark, expense.mark_note) == (mark, note):
                continue
            before = expense.mark
            expense.mark, expense.mark_note = mark, note
            expense.marked_by, expense.marked_at = staff, now
            expense.save(update_fields=["mark", "mark_note", "marked_by", "marked_at"])
            audit.record(
                actor=staff,
                action="grants.expense_mark",
                target=application,
                changes={"expense": [pk, pk], "mark": [before, mark]},
                ip=ip,
                now=now,
            )
            changed += 1
    return changed


def record_interim_check(
    *,
    application: Application,
    visited_on: date | None,
    findings: str,
    outcome: str,
    marks: dict[int, tuple[str, str]],
    staff: Any,
    now: datetime,
    ip: str | None,
) -> InterimCheck:
    """A visit of the interim check with its findings, and the marks given to the entries."""
    enforce(staff, Action.CHECK_SPENDING, application, now=now)
    findings = findings.strip()
    refuse_resident_number(findings=findings)
    visited_on = past_or_today(visited_on, now, field="visited_on")
    if not findings:
        raise RuleViolation(_("Write what the visit found."), field="findings")
    if len(findings) > FINDINGS_MAX:
        raise RuleViolation(_("Write the findings in at most 4,000 characters."), field="findings")
    if outcome not in CheckOutcome.values:
        raise RuleViolation(_("Choose the outcome of the check."), field="outcome")
    with transaction.atomic():
        mark_expenses(application=application, marks=marks, staff=staff, now=now, ip=ip)
        check = InterimCheck.objects.create(
            application=application,
            visited_on=visited_on,
            findings=findings,
            outcome=outcome,
            checked_by=staff,
            checker_role=checker_role(staff, application),
            recorded_at=now,
        )
        audit.record(
            actor=staff,
            action="grants.interim_check",
            target=application,
            changes={"outcome": [None, outcome], "visited_on": [None, visited_on.isoformat()]},
            ip=ip,
            now=now,
        )
        tell_representative(
            application,
            _("The interim check of %(title)s was recorded: %(outcome)s."),
            kind=NOTIFY_KIND,
            now=now,
            outcome=CheckOutcome(outcome).label,
        )
    return check
