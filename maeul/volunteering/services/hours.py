"""Confirming attendance and hours (봉사실적): by staff serving the activity or a leader of
its camp or club, only for someone who signed up for that shift, and once.

"Once" is the database's: a record is unique per (shift, person), so a second confirmation,
even at the same instant from two desks, is refused and nothing is counted twice.
"""

from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from maeul.core import audit
from maeul.core.errors import RuleViolation, refuse_duplicate
from maeul.core.permissions import Action, enforce
from maeul.volunteering.models import (
    GroupSignUp,
    HoursRecord,
    Shift,
    SignUp,
    SignUpStatus,
)


def confirm_hours(
    *,
    shift: Shift,
    volunteer: Any,
    staff: Any,
    now: datetime,
    ip: str | None = None,
    minutes: int | None = None,
) -> HoursRecord:
    """Confirm that `volunteer` came to `shift`, crediting its minutes (or fewer, if they
    left early).

    Raises RuleViolation when `staff` may not, the shift has not started, `volunteer` did
    not sign up for it, the minutes are out of range, or the hours were already confirmed.
    """
    enforce(staff, Action.CONFIRM_VOLUNTEER_HOURS, shift, now=now)
    if not shift.has_started(now):
        raise RuleViolation(_("Hours are confirmed once the shift has started."), code="early")
    sign_up = SignUp.objects.filter(
        shift=shift, user_id=volunteer.pk, status=SignUpStatus.ACTIVE
    ).first()
    if sign_up is None:
        raise RuleViolation(
            _("This person did not sign up for this shift: hours cannot be confirmed."),
            code="not_signed_up",
        )
    credited = shift.minutes if minutes is None else minutes
    if not 1 <= credited <= shift.minutes:
        raise RuleViolation(
            _("The minutes credited must be between 1 and the shift's %(minutes)d.")
            % {"minutes": shift.minutes},
            code="minutes",
            field="minutes",
        )
    with refuse_duplicate(
        _("The hours for this shift were already confirmed."), code="already_confirmed"
    ):
        record = HoursRecord.objects.create(
            shift=shift,
            user=volunteer,
            sign_up=sign_up,
            minutes=credited,
            confirmed_by=staff,
            confirmed_at=now,
        )
        audit.record_created(
            record, ["minutes"], actor=staff, action="volunteering.confirm_hours", ip=ip, now=now
        )
    return record


def confirm_group(
    *, group: GroupSignUp, attended: int, staff: Any, now: datetime, ip: str | None = None
) -> GroupSignUp:
    """Record how many of a company's group came (at most its head count), once."""
    enforce(staff, Action.CONFIRM_VOLUNTEER_HOURS, group.shift, now=now)
    if group.status != SignUpStatus.ACTIVE:
        raise RuleViolation(_("This group's sign-up was cancelled."), code="cancelled")
    if not 0 <= attended <= group.head_count:
        raise RuleViolation(
            _("Enter a number from 0 to the group's %(n)d people.") % {"n": group.head_count},
            code="attended",
            field="attended",
        )
    with transaction.atomic():
        locked = GroupSignUp.objects.select_for_update().get(pk=group.pk)
        if locked.confirmed_at is not None:
            raise RuleViolation(
                _("The group's attendance was already confirmed."), code="already_confirmed"
            )
        with audit.changing(
            locked, ["attended"], actor=staff, action="volunteering.confirm_group", ip=ip, now=now
        ):
            locked.attended, locked.confirmed_by, locked.confirmed_at = attended, staff, now
            locked.save(update_fields=["attended", "confirmed_by", "confirmed_at"])
    return locked
