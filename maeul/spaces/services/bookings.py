"""Booking a room (대관) and cancelling a booking: the one booking rule.

A booking is refused, with the reason, when it is in the past, further ahead than the space
allows, outside the opening hours, on a closed or reserved day, in a room type the capacity
policy closes, above the capped headcount, beyond the booker's hours for the week or its
group's (the space's limit per group, by the group's name), or on a slot already taken.
The last is decided by the database: each 30-minute slot is a row unique per (room, start),
so of two people booking one slot at the same instant exactly one insert succeeds (and on
PostgreSQL an exclusion constraint over the time range agrees).
"""

import secrets
from datetime import datetime, timedelta
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction
from django.db.models import F, Sum
from django.urls import reverse
from django.utils.translation import gettext as _

from maeul.core import audit
from maeul.core.dates import at_seoul, local_date, seoul_minute, seoul_time
from maeul.core.errors import RuleViolation, refuse_duplicate
from maeul.core.notifications import notify
from maeul.core.permissions import Action, enforce, scope_of
from maeul.core.privacy import refuse_resident_number
from maeul.spaces.calendar import SpaceCalendar, active_policy, capacity_cap
from maeul.spaces.models import SLOT, Booking, BookingSlot, BookingStatus, Room, Space


def _check_time(room: Room, starts_at: datetime, ends_at: datetime, now: datetime) -> None:
    space = room.space
    start, end = seoul_time(starts_at), seoul_time(ends_at)
    if end <= start:
        raise RuleViolation(_("The end must be after the start."), code="time", field="ends_at")
    if (start - at_seoul(start.date())) % SLOT or (end - start) % SLOT:
        raise RuleViolation(
            _("Bookings start and end on the hour or the half hour."),
            code="time",
            field="starts_at",
        )
    if starts_at <= now:
        raise RuleViolation(_("That time has already passed."), code="past", field="starts_at")
    last_day = local_date(now) + timedelta(days=space.max_days_ahead)
    if start.date() > last_day:
        raise RuleViolation(
            _("This space takes bookings up to %(days)d days ahead.")
            % {"days": space.max_days_ahead},
            code="too_far_ahead",
            field="starts_at",
        )
    calendar = SpaceCalendar.of(space, start.date(), start.date())
    closed = calendar.closed_reason(start.date())
    if closed:
        raise RuleViolation(closed, code="closed", field="starts_at")
    outside = calendar.outside_hours(start, end)
    if outside:
        raise RuleViolation(outside, code="outside_hours", field="starts_at")


def _check_headcount(room: Room, headcount: int) -> None:
    policy = active_policy(room.space.district_id)
    cap = capacity_cap(room, policy)
    if cap == 0:
        raise RuleViolation(
            _("This room is closed under %(policy)s.") % {"policy": policy},
            code="closed",
            field="headcount",
        )
    if headcount > cap:
        message = (
            _("At most %(cap)d people may use this room under %(policy)s.")
            % {"cap": cap, "policy": policy}
            if policy
            else _("At most %(cap)d people may use this room.") % {"cap": cap}
        )
        raise RuleViolation(message, code="over_capacity", field="headcount")


def week_hours(space: Space, starts_at: datetime, **who: Any) -> float:
    """Hours booked in `space` (bookings not cancelled) during the Monday-to-Sunday week of
    `starts_at`, by whoever `who` filters (a booker, a group's name)."""
    day = local_date(starts_at)
    monday = day - timedelta(days=day.weekday())
    booked = (
        (
            Booking.objects.holding_slots()
            .filter(
                room__space=space,
                starts_at__gte=at_seoul(monday),
                starts_at__lt=at_seoul(monday + timedelta(days=7)),
                **who,
            )
            .aggregate(total=Sum(F("ends_at") - F("starts_at")))["total"]
        )
        or timedelta()
    )
    return booked / timedelta(hours=1)


def check_group_hours(space: Space, group_name: str, held: float, hours: float) -> None:
    """A group (its name on the booking) holds at most the space's hours a week."""
    most = space.max_group_hours_per_week
    if group_name.strip() and most is not None and held + hours > most:
        raise RuleViolation(
            _("A group may hold up to %(hours)d hours a week in this space.") % {"hours": most},
            code="over_group_limit",
            field="group_name",
        )


def _check_weekly_hours(
    room: Room, booker: Any, group_name: str, starts_at: datetime, hours: float
) -> None:
    """The booker's hours, and the group's, in this space during the booking's week."""
    space = room.space
    if week_hours(space, starts_at, booker=booker) + hours > space.max_hours_per_week:
        raise RuleViolation(
            _("You may book up to %(hours)d hours a week in this space.")
            % {"hours": space.max_hours_per_week},
            code="over_limit",
            field="ends_at",
        )
    name = group_name.strip()
    if name and space.max_group_hours_per_week is not None:
        held = week_hours(space, starts_at, group_name__iexact=name)
        check_group_hours(space, name, held, hours)


def claim_slots(
    *,
    room: Room,
    booker: Any,
    starts_at: datetime,
    ends_at: datetime,
    headcount: int,
    purpose: str,
    group_name: str,
    status: str,
    now: datetime,
) -> Booking:
    """Insert the booking and one `BookingSlot` row per half-hour it holds.

    Call inside a transaction: a slot already held raises `IntegrityError` (the database
    decides). `book_room` and the allocation round's weekly bookings both claim this way.
    """
    booking = Booking.objects.create(
        room=room,
        booker=booker,
        group_name=group_name.strip()[:100],
        purpose=purpose.strip()[:200],
        headcount=headcount,
        starts_at=starts_at,
        ends_at=ends_at,
        status=status,
        check_in_code=f"{secrets.randbelow(1_000_000):06d}",
        created_at=now,
        decided_at=now if status == BookingStatus.CONFIRMED else None,
    )
    BookingSlot.objects.bulk_create(
        BookingSlot(booking=booking, room=room, starts_at=at) for at in booking.slot_starts()
    )
    return booking


def book_room(
    *,
    room: Room,
    booker: Any,
    starts_at: datetime,
    ends_at: datetime,
    headcount: int,
    purpose: str,
    group_name: str = "",
    now: datetime,
) -> Booking:
    """Book `room` for `booker`; confirmed at once when the room needs no approval.

    Raises RuleViolation with the reason for each refusal (see the module docstring).
    """
    enforce(booker, Action.BOOK_ROOM, room, now=now)
    refuse_resident_number(purpose=purpose, group_name=group_name)
    if not purpose.strip():
        raise RuleViolation(_("Enter what the room is for."), code="purpose", field="purpose")
    if headcount < 1:
        raise RuleViolation(
            _("Enter how many people will come."), code="headcount", field="headcount"
        )
    _check_time(room, starts_at, ends_at, now)
    _check_headcount(room, headcount)
    status = BookingStatus.CONFIRMED if room.auto_confirm else BookingStatus.REQUESTED
    with refuse_duplicate(
        _("This time has just been booked by someone else. Please choose another time."),
        code="slot_taken",
        field="starts_at",
    ):
        # On PostgreSQL, bookings of one room, then of one booker, wait for each other:
        # two overlapping inserts checked by the exclusion constraint at the same moment
        # could otherwise end in a deadlock instead of a clean refusal. The constraints
        # still decide who gets the slot. SQLite's writers are serialised already.
        Room.objects.select_for_update().filter(pk=room.pk).first()
        get_user_model().objects.select_for_update().filter(pk=booker.pk).first()
        if group_name.strip():  # a group's bookings of several rooms wait for each other
            Space.objects.select_for_update().filter(pk=room.space_id).first()
        hours = (ends_at - starts_at) / timedelta(hours=1)
        _check_weekly_hours(room, booker, group_name, starts_at, hours)
        booking = claim_slots(
            room=room,
            booker=booker,
            starts_at=starts_at,
            ends_at=ends_at,
            headcount=headcount,
            purpose=purpose,
            group_name=group_name,
            status=status,
            now=now,
        )
    return booking


def start_text(booking: Booking) -> str:
    """When the booking starts, as its booker is told: Seoul time to the minute."""
    return seoul_minute(booking.starts_at)


def tell_booker(
    booking: Booking, message: str, *, now: datetime, kind: str = "space_booking"
) -> None:
    """Notify the booker about their booking, linking to their bookings."""
    notify(
        recipients=[booking.booker],
        kind=kind,
        message=message,
        url=reverse("spaces:my_bookings"),
        now=now,
    )


def locked(booking: Booking) -> Booking:
    """The booking read again under a row lock, so that a change is decided on its status as it
    is now and not as the page that asked for the change saw it."""
    return Booking.objects.select_for_update().select_related("room__space").get(pk=booking.pk)


def release(booking: Booking, status: str, *, now: datetime, note: str = "") -> None:
    """End an active booking as `status` (cancelled) and give its slots back."""
    booking.status = status
    booking.decided_at = now
    if note:
        booking.note = note[:200]
    booking.save(update_fields=["status", "decided_at", "note"])
    booking.slots.all().delete()


def cancel_booking(*, booking: Booking, user: Any, now: datetime, ip: str | None = None) -> None:
    """The booker (or staff of the space) cancels an active booking; its slots are free again."""
    with transaction.atomic():
        booking_now = locked(booking)
        enforce(user, Action.CANCEL_BOOKING, booking_now, now=now)
        before = audit.snapshot(booking_now, ["status"])
        release(booking_now, BookingStatus.CANCELLED, now=now)
        if booking_now.booker_id != user.pk and scope_of(user).is_staff:
            audit.record(
                actor=user,
                action="spaces.cancel_booking",
                target=booking_now,
                changes=audit.diff(before, audit.snapshot(booking_now, ["status"])),
                ip=ip,
                now=now,
            )
            tell_booker(
                booking_now,
                _("Your booking of %(room)s on %(day)s was cancelled by staff.")
                % {"room": booking_now.room, "day": start_text(booking_now)},
                now=now,
            )
    booking.refresh_from_db()
