"""The debate of a consultation: arguments for and against, replies, support (공감) once
per person, reports, and moderation through the staff's moderation queue.

Bodies are stored as typed and escaped when shown, so markup in them stays inert text.
"""

from datetime import datetime
from typing import Any

from django.db.models import F
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from maeul.consultations.models import (
    Argument,
    ArgumentReport,
    ArgumentSupport,
    Consultation,
    Stance,
)
from maeul.core import moderation
from maeul.core.errors import RuleViolation, refuse_duplicate
from maeul.core.permissions import Action, enforce
from maeul.core.privacy import refuse_resident_number
from maeul.core.ratelimit import refuse_over_limit

ARGUMENT_MAX = 2000
ARGUMENTS_PER_HOUR = 30

ARGUMENTS = moderation.Moderated(
    report_action=Action.REPORT_ARGUMENT,
    moderate_action=Action.MODERATE_ARGUMENT,
    audit_name="consultations.argument",
    missing=gettext_lazy("Please say why you report this argument."),
    already=gettext_lazy("You have already reported this argument."),
)


def add_argument(
    *,
    author: Any,
    consultation: Consultation,
    body: str,
    stance: str = "",
    parent: Argument | None = None,
    now: datetime,
) -> Argument:
    """An argument for or against, or (with `parent`) a reply to one, while it is open."""
    enforce(author, Action.ARGUE, parent or consultation, now=now)
    if parent is not None and parent.consultation_id != consultation.pk:
        raise RuleViolation(
            _("You can reply only to an argument of this consultation."),
            code="parent",
            field="parent",
        )
    if parent is None and stance not in Stance.values:
        raise RuleViolation(
            _("Choose whether you argue for or against."), code="stance", field="stance"
        )
    body = body.strip()
    if not body:
        raise RuleViolation(_("Please write your argument."), code="body", field="body")
    if len(body) > ARGUMENT_MAX:
        raise RuleViolation(
            _("An argument can be at most 2,000 characters."), code="body", field="body"
        )
    refuse_resident_number(body=body)
    refuse_over_limit(
        f"argument:{author.pk}",
        allowed=ARGUMENTS_PER_HOUR,
        message=_("You can write up to 30 arguments an hour. Please try again later."),
    )
    return Argument.objects.create(
        consultation=consultation,
        parent=parent,
        stance="" if parent is not None else stance,
        author=author,
        body=body,
        created_at=now,
    )


def support_argument(*, user: Any, argument: Argument, now: datetime) -> ArgumentSupport:
    """One support (공감) per person and argument; the database refuses a second."""
    enforce(user, Action.SUPPORT_ARGUMENT, argument, now=now)
    with refuse_duplicate(_("You have already supported this argument."), code="already_supported"):
        support = ArgumentSupport.objects.create(argument=argument, user=user, created_at=now)
        Argument.objects.filter(pk=argument.pk).update(support_count=F("support_count") + 1)
    return support


def report_argument(
    *, reporter: Any, argument: Argument, reason: str, now: datetime
) -> ArgumentReport:
    """Report an argument once; it then waits in the moderation queue."""
    report: ArgumentReport = ARGUMENTS.report(
        reporter=reporter, target=argument, reason=reason, now=now
    )
    return report


def hide_argument(
    *, staff: Any, argument: Argument, reason: str, ip: str | None, now: datetime
) -> Argument:
    """Hide an argument with a public reason; its reports are resolved."""
    ARGUMENTS.hide(staff=staff, target=argument, reason=reason, ip=ip, now=now)
    return argument


def dismiss_argument_reports(
    *, staff: Any, argument: Argument, ip: str | None, now: datetime
) -> int:
    """Keep a reported argument visible and close its reports."""
    return ARGUMENTS.keep(staff=staff, target=argument, ip=ip, now=now)
