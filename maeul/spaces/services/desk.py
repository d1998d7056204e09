"""The staff desk of a space: approve or refuse a requested booking, check a booker in by
their code, mark a booking used or missed (no-show). Each change is audited."""

from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from maeul.core import audit
from maeul.core.dates import local_date
from maeul.core.errors import RuleViolation
from maeul.core.permissions import Action, enforce
from maeul.spaces.models import Booking, BookingStatus, Space
from maeul.spaces.services.bookings import locked, release, start_text, tell_booker


def _change(
    booking: Booking, status: str, *, staff: Any, action: str, now: datetime, ip: str | None
) -> None:
    with audit.changing(booking, ["status"], actor=staff, action=action, ip=ip, now=now):
        booking.status = status
        booking.decided_at = now
        if status == BookingStatus.USED and booking.checked_in_at is None:
            booking.checked_in_at = now
        booking.save(update_fields=["status", "decided_at", "checked_in_at"])


def _locked_in(booking: Booking, status: str, refusal: str) -> Booking:
    """The booking under a row lock if it is still in `status`; refused otherwise (the booker
    may have cancelled, or another member of staff decided, since the desk was shown)."""
    booking_now = locked(booking)
    if booking_now.status != status:
        raise RuleViolation(refusal, code="status")
    return booking_now


def approve_booking(*, booking: Booking, staff: Any, now: datetime, ip: str | None) -> None:
    enforce(staff, Action.MANAGE_SPACE, booking, now=now)
    with transaction.atomic():
        booking_now = _locked_in(
            booking,
            BookingStatus.REQUESTED,
            _("Only a booking awaiting approval can be approved."),
        )
        _change(
            booking_now,
            BookingStatus.CONFIRMED,
            staff=staff,
            action="spaces.approve_booking",
            now=now,
            ip=ip,
        )
        tell_booker(
            booking_now,
            _("Your booking of %(room)s on %(day)s is confirmed.")
            % {"room": booking_now.room, "day": start_text(booking_now)},
            now=now,
        )
    booking.refresh_from_db()


def refuse_booking(
    *, booking: Booking, reason: str, staff: Any, now: datetime, ip: str | None
) -> None:
    """Refuse a requested booking with a reason the booker reads; its slots are free again."""
    enforce(staff, Action.MANAGE_SPACE, booking, now=now)
    with transaction.atomic():
        booking_now = _locked_in(
            booking,
            BookingStatus.REQUESTED,
            _("Only a booking awaiting approval can be refused."),
        )
        if not reason.strip():
            raise RuleViolation(
                _("Give the reason for the refusal."), code="reason", field="reason"
            )
        release(booking_now, BookingStatus.CANCELLED, now=now, note=reason.strip())
        audit.record(
            actor=staff,
            action="spaces.refuse_booking",
            target=booking_now,
            changes={"status": [BookingStatus.REQUESTED, BookingStatus.CANCELLED]},
            ip=ip,
            now=now,
        )
        tell_booker(
            booking_now,
            _("Your booking of %(room)s on %(day)s was refused: %(reason)s")
            % {"room": booking_now.room, "day": start_text(booking_now), "reason": reason.strip()},
            now=now,
        )
    booking.refresh_from_db()


def check_in(*, space: Space, code: str, staff: Any, now: datetime, ip: str | None) -> Booking:
    """The confirmed booking of today in `space` with this check-in code, marked used."""
    enforce(staff, Action.MANAGE_SPACE, space, now=now)
    code = code.strip()
    day = local_date(now)
    candidates = [
        booking
        for booking in Booking.objects.filter(
            room__space=space, status=BookingStatus.CONFIRMED, check_in_code=code
        ).select_related("room__space")
        if local_date(booking.starts_at) == day
    ]
    if not code or not candidates:
        raise RuleViolation(
            _("No confirmed booking of today has this check-in code."), code="code", field="code"
        )
    with transaction.atomic():
        booking = _locked_in(
            candidates[0],
            BookingStatus.CONFIRMED,
            _("No confirmed booking of today has this check-in code."),
        )
        _change(booking, BookingStatus.USED, staff=staff, action="spaces.check_in", now=now, ip=ip)
    return booking


def mark_booking(
    *, booking: Booking, used: bool, staff: Any, now: datetime, ip: str | None
) -> None:
    """After its start, a confirmed booking is marked used or missed (no-show)."""
    enforce(staff, Action.MANAGE_SPACE, booking, now=now)
    with transaction.atomic():
        booking_now = _locked_in(
            booking, BookingStatus.CONFIRMED, _("Only a confirmed booking can be marked.")
        )
        if booking_now.starts_at > now:
            raise RuleViolation(_("The booking has not started yet."), code="not_started")
        status = BookingStatus.USED if used else BookingStatus.NO_SHOW
        _change(booking_now, status, staff=staff, action="spaces.mark_booking", now=now, ip=ip)
    booking.refresh_from_db()
