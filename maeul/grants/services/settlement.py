"""The settlement of a grant (정산), the money returned (반납) and the evaluation (평가).

The representative hands in the final report once money has been paid; the spending can
then no longer change. District staff send it back with a note, or approve it when every
entry has been checked: the confirmed spending and the amount to return are then fixed
(`spending.spending_table`, the one computation). After approval they record the money
returned and evaluate the project out of 100; next year's committee sees that evaluation
beside the group's new application.
"""

from datetime import date, datetime
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from maeul.core import audit
from maeul.core.dates import past_or_today
from maeul.core.errors import RuleViolation
from maeul.core.permissions import Action, enforce
from maeul.core.privacy import refuse_resident_number
from maeul.core.texts import required_text
from maeul.grants.models import Application, Settlement, SettlementStatus
from maeul.grants.services import tell_representative
from maeul.grants.spending import spending_table

REPORT_MAX = 8000
NOTIFY_KIND = "grants.settlement"


def submit_settlement(
    *, application: Application, report: str, user: Any, now: datetime
) -> Settlement:
    """Hand in (or hand in again) the final report; the spending is frozen until approval."""
    enforce(user, Action.SUBMIT_SETTLEMENT, application, now=now)
    report = required_text(
        report,
        field="report",
        missing=_("Write the final report."),
        most=REPORT_MAX,
        too_long=_("Write the report in at most 8,000 characters."),
    )
    with transaction.atomic():
        settlement, _created = Settlement.objects.select_for_update().get_or_create(
            application=application,
            defaults={"report": report, "submitted_at": now},
        )
        settlement.report, settlement.submitted_at = report, now
        settlement.status = SettlementStatus.SUBMITTED
        settlement.save()
    return settlement


def _locked_waiting(application: Application, *, staff: Any, now: datetime) -> Settlement:
    """The application's settlement, locked, once `SETTLE_GRANT` (a settlement waiting for
    approval) is allowed: asked under the lock, so that a send-back and an approval at the same
    moment cannot both pass."""
    locked = Settlement.objects.select_for_update().filter(application=application).first()
    enforce(staff, Action.SETTLE_GRANT, application, now=now)
    if locked is None:  # handed in between the lock and the rule: lock it now
        locked = Settlement.objects.select_for_update().get(application=application)
    return locked


def send_back_settlement(
    *, application: Application, note: str, staff: Any, now: datetime, ip: str | None
) -> Settlement:
    with transaction.atomic():
        settlement = _locked_waiting(application, staff=staff, now=now)
        note = required_text(note, field="note", missing=_("Say what the group must correct."))
        settlement.status, settlement.staff_note = SettlementStatus.SENT_BACK, note[:2000]
        settlement.save(update_fields=["status", "staff_note"])
        audit.record(
            actor=staff,
            action="grants.settlement_send_back",
            target=application,
            changes={"status": [SettlementStatus.SUBMITTED, SettlementStatus.SENT_BACK]},
            ip=ip,
            now=now,
        )
        tell_representative(
            application,
            _("The settlement of %(title)s was sent back for corrections."),
            kind=NOTIFY_KIND,
            now=now,
        )
    return settlement


def approve_settlement(
    *, application: Application, staff: Any, now: datetime, ip: str | None
) -> Settlement:
    """Approve when every entry is checked; fix the confirmed spending and the return."""
    with transaction.atomic():
        settlement = _locked_waiting(application, staff=staff, now=now)
        table = spending_table(application)
        if table.unchecked:
            raise RuleViolation(
                ngettext(
                    "%(count)d spending entry is not confirmed or refused yet.",
                    "%(count)d spending entries are not confirmed or refused yet.",
                    table.unchecked,
                )
                % {"count": table.unchecked}
            )
        settlement.status = SettlementStatus.APPROVED
        settlement.accepted_total = table.confirmed
        settlement.return_amount = table.to_return
        settlement.approved_at, settlement.approved_by = now, staff
        settlement.save()
        audit.record(
            actor=staff,
            action="grants.settlement_approve",
            target=application,
            changes={
                "accepted_total": [None, table.confirmed],
                "return_amount": [None, table.to_return],
            },
            ip=ip,
            now=now,
        )
        if table.to_return:
            message = _(
                "The settlement of %%(title)s was approved: %(amount)s won are to be returned."
            ) % {"amount": f"{table.to_return:,}"}
        else:
            message = _("The settlement of %(title)s was approved.")
        tell_representative(application, message, kind=NOTIFY_KIND, now=now)
    return settlement


def record_return(
    *, application: Application, returned_on: date | None, staff: Any, now: datetime, ip: str | None
) -> Settlement:
    """The day the amount to return came back to the district (반납 확인)."""
    enforce(staff, Action.EVALUATE_GRANT, application, now=now)
    returned_on = past_or_today(returned_on, now, field="returned_on")
    with transaction.atomic():
        settlement = Settlement.objects.select_for_update().get(application=application)
        if not settlement.return_amount:
            raise RuleViolation(_("Nothing is to be returned."))
        if settlement.returned_on is not None:
            raise RuleViolation(_("The return has already been recorded."))
        settlement.returned_on = returned_on
        settlement.save(update_fields=["returned_on"])
        audit.record(
            actor=staff,
            action="grants.return",
            target=application,
            changes={"returned_on": [None, returned_on.isoformat()]},
            ip=ip,
            now=now,
        )
    return settlement


def evaluate(
    *,
    application: Application,
    score: int | None,
    comment: str,
    staff: Any,
    now: datetime,
    ip: str | None,
) -> Settlement:
    """The project's evaluation out of 100, read by next year's committee."""
    enforce(staff, Action.EVALUATE_GRANT, application, now=now)
    comment = comment.strip()
    refuse_resident_number(comment=comment)
    if score is None or not 0 <= score <= 100:
        raise RuleViolation(_("Give a score from 0 to 100."), field="score")
    if len(comment) > 2000:
        raise RuleViolation(_("Write the evaluation in at most 2,000 characters."), field="comment")
    with transaction.atomic():
        settlement = Settlement.objects.select_for_update().get(application=application)
        before = settlement.evaluation_score
        settlement.evaluation_score, settlement.evaluation_comment = score, comment
        settlement.evaluated_at = now
        settlement.save(update_fields=["evaluation_score", "evaluation_comment", "evaluated_at"])
        audit.record(
            actor=staff,
            action="grants.evaluate",
            target=application,
            changes={"evaluation_score": [before, score]},
            ip=ip,
            now=now,
        )
    return settlement


def past_evaluations(application: Application) -> list[Settlement]:
    """The evaluated settlements of the group's earlier projects, newest first."""
    return list(
        Settlement.objects.filter(
            application__group_id=application.group_id,
            application__call__year__lt=application.call.year,
            evaluation_score__isnull=False,
        )
        .select_related("application__call")
        .order_by("-application__call__year", "-pk")
    )
