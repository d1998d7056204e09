"""Reports and moderation of what residents write (comments on proposals, arguments in a
consultation's debate): one flow for every kind.

A moderated row has `hidden_at`, `hidden_reason`, `hidden_by` and `report_count`, and a
`reports` relation whose rows (`reporter`, `reason`, `created_at`, `resolved_at`) are unique
per reporter in the database. Each app describes its kind once as a `Moderated` (the
permissions asked, the audit names, the reporter's messages) and its services call that.
"""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db import transaction
from django.db.models import F
from django.utils.functional import Promise
from django.utils.translation import gettext as _

from maeul.core import audit
from maeul.core.errors import refuse_duplicate
from maeul.core.permissions import Action, enforce
from maeul.core.texts import required_text

REASON_MAX = 300


def _reason(text: str, missing: str | Promise) -> str:
    return required_text(text, field="reason", code="reason", missing=missing)[:REASON_MAX]


def file_report(
    *,
    target: Any,
    reporter: Any,
    reason: str,
    now: datetime,
    missing: str | Promise,
    already: str | Promise,
) -> Any:
    """Report `target` once; it then waits in the moderation queue."""
    reason = _reason(reason, missing)
    with refuse_duplicate(already, code="already_reported"):
        report = target.reports.create(reporter=reporter, reason=reason, created_at=now)
        type(target).objects.filter(pk=target.pk).update(report_count=F("report_count") + 1)
    return report


def hide(
    *, staff: Any, target: Any, reason: str, audit_action: str, ip: str | None, now: datetime
) -> None:
    """Hide `target` with a reason shown publicly in its place; its open reports are resolved."""
    reason = _reason(reason, _("Please give the reason for hiding. It is shown publicly."))
    with transaction.atomic():
        audit.save_changed(
            target,
            {"hidden_at": now, "hidden_reason": reason, "hidden_by": staff},
            audited=["hidden_reason"],
            actor=staff,
            action=audit_action,
            ip=ip,
            now=now,
        )
        target.reports.filter(resolved_at=None).update(resolved_at=now)


def keep(*, staff: Any, target: Any, audit_action: str, ip: str | None, now: datetime) -> int:
    """Keep a reported `target` visible and close its open reports; returns how many."""
    with transaction.atomic():
        closed = int(target.reports.filter(resolved_at=None).update(resolved_at=now))
        audit.record(
            actor=staff,
            action=audit_action,
            target=target,
            changes={"reports": [closed, 0]},
            ip=ip,
            now=now,
        )
    return closed


@dataclass(frozen=True)
class Moderated:
    """One kind of moderated row: who may report it (`report_action`) and moderate it
    (`moderate_action`), the audit names of hiding and keeping it (`audit_name` + ".hide",
    ".keep"), and what a reporter reads without a reason (`missing`) or reporting twice
    (`already`). Each method asks the permission first, then runs the one flow above.
    """

    report_action: Action
    moderate_action: Action
    audit_name: str
    missing: str | Promise
    already: str | Promise

    def report(self, *, reporter: Any, target: Any, reason: str, now: datetime) -> Any:
        """Report `target` once (`file_report`), if `reporter` may."""
        enforce(reporter, self.report_action, target, now=now)
        return file_report(
            target=target,
            reporter=reporter,
            reason=reason,
            now=now,
            missing=self.missing,
            already=self.already,
        )

    def hide(self, *, staff: Any, target: Any, reason: str, ip: str | None, now: datetime) -> None:
        """Hide `target` with a public reason (`hide`), if `staff` may moderate it."""
        enforce(staff, self.moderate_action, target, now=now)
        hide(
            staff=staff,
            target=target,
            reason=reason,
            audit_action=f"{self.audit_name}.hide",
            ip=ip,
            now=now,
        )

    def keep(self, *, staff: Any, target: Any, ip: str | None, now: datetime) -> int:
        """Keep `target` visible and close its reports (`keep`), if `staff` may moderate it."""
        enforce(staff, self.moderate_action, target, now=now)
        return keep(
            staff=staff, target=target, audit_action=f"{self.audit_name}.keep", ip=ip, now=now
        )
