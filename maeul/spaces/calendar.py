"""A room's days and slots: when it is open, which 30-minute slots are free, and the
capacity a booking may fill under the district's policy. Reads only; a fixed number of
queries whatever the number of days (the 90-day calendar is in `make bench`)."""

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta

from django.utils.translation import gettext as _

from maeul.core.dates import at_seoul, local_date, seoul_time
from maeul.spaces.models import SLOT, Booking, CapacityPolicy, Room, Space

MAX_DAYS = 90


@dataclass(slots=True)
class Slot:
    starts_at: datetime
    ends_at: datetime
    free: bool


@dataclass
class Day:
    on: date
    slots: list[Slot] = field(default_factory=list)
    closed_reason: str = ""

    @property
    def free_count(self) -> int:
        return sum(slot.free for slot in self.slots)


def active_policy(district_id: int) -> CapacityPolicy | None:
    return CapacityPolicy.objects.filter(district_id=district_id, is_active=True).first()


def capacity_cap(room: Room, policy: CapacityPolicy | None) -> int:
    """The most people one booking of `room` may bring now (0: the room type is closed)."""
    return room.capacity if policy is None else policy.cap(room)


@dataclass(frozen=True)
class SpaceCalendar:
    """What decides a space's days: hours per weekday, closures, reserved days."""

    hours: dict[int, tuple[time, time]]
    closures: list[tuple[date, date, str]]
    reserved: dict[date, str]

    @classmethod
    def of(cls, space: Space, start: date, end: date) -> "SpaceCalendar":
        return cls(
            hours={row.weekday: (row.opens, row.closes) for row in space.opening_hours.all()},
            closures=list(
                space.closures.filter(starts_on__lte=end, ends_on__gte=start).values_list(
                    "starts_on", "ends_on", "reason"
                )
            ),
            reserved=dict(
                space.reserved_days.filter(on__range=(start, end)).values_list("on", "audience")
            ),
        )

    def _closure(self, day: date) -> str:
        for starts_on, ends_on, reason in self.closures:
            if starts_on <= day <= ends_on:
                return _("Closed: %(reason)s") % {"reason": reason}
        if day.weekday() not in self.hours:
            return _("Closed on this weekday")
        return ""

    def closed_reason(self, day: date) -> str:
        """Why `day` cannot be booked online, or "" when it can."""
        if closed := self._closure(day):
            return closed
        if day in self.reserved:
            return _("Reserved for %(audience)s") % {"audience": self.reserved[day]}
        return ""

    def outside_hours(self, start: datetime, end: datetime) -> str:
        """Why `start` to `end` (Seoul wall clock, on an open day) is outside the hours."""
        opens, closes = self.hours[start.weekday()]
        if end.date() != start.date() or start.time() < opens or end.time() > closes:
            return _("The space is open from %(opens)s to %(closes)s on that day.") % {
                "opens": f"{opens:%H:%M}",
                "closes": f"{closes:%H:%M}",
            }
        return ""

    def conflict(self, start: datetime, end: datetime) -> str:
        """Why a booking made earlier no longer fits: a closure or hours changed since it was
        made ("" when it still fits). A reserved day is not one: staff book those."""
        return self._closure(start.date()) or self.outside_hours(start, end)


def conflicts(space: Space, now: datetime) -> list[tuple[Booking, str]]:
    """The space's future active bookings that a closure or changed hours no longer allow,
    with the reason: what the staff desk lists so that staff can call the bookers."""
    upcoming = list(
        Booking.objects.filter(room__space=space, starts_at__gt=now)
        .active()
        .select_related("room", "booker")
        .order_by("starts_at")
    )
    if not upcoming:
        return []
    calendar = SpaceCalendar.of(
        space, seoul_time(upcoming[0].starts_at).date(), seoul_time(upcoming[-1].starts_at).date()
    )
    found = []
    for booking in upcoming:
        reason = calendar.conflict(seoul_time(booking.starts_at), seoul_time(booking.ends_at))
        if reason:
            found.append((booking, reason))
    return found


def room_days(room: Room, *, start: date, days: int, now: datetime) -> list[Day]:
    """`days` days of `room` from `start`: each open day's slots, free or taken (a slot in
    the past is never free), or why the day is closed.

    Slots are computed in UTC and compared as whole seconds: the 90-day calendar makes some
    2,000 of them, and Seoul-zone arithmetic on each is what would cost.
    """
    end = start + timedelta(days=days - 1)
    calendar = SpaceCalendar.of(room.space, start, end)
    policy = active_policy(room.space.district_id)
    step = int(SLOT.total_seconds())
    taken: set[int] = set()
    for booked_from, booked_to in (
        Booking.objects.holding_slots()
        .filter(room=room)
        .between(at_seoul(start), at_seoul(end + timedelta(days=1)))
        .values_list("starts_at", "ends_at")
    ):
        taken.update(range(int(booked_from.timestamp()), int(booked_to.timestamp()), step))
    room_closed = policy is not None and policy.closes(room)
    current = now.timestamp()
    out = []
    for offset in range(days):
        day = start + timedelta(days=offset)
        reason = calendar.closed_reason(day)
        if not reason and room_closed:
            reason = _("Closed under %(policy)s") % {"policy": policy}
        if reason:
            out.append(Day(on=day, closed_reason=reason))
            continue
        opens, closes = calendar.hours[day.weekday()]
        first = int(at_seoul(day, opens).timestamp())
        last = int(at_seoul(day, closes).timestamp())
        out.append(
            Day(
                on=day,
                slots=[
                    Slot(
                        datetime.fromtimestamp(at, UTC),
                        datetime.fromtimestamp(at + step, UTC),
                        free=at > current and at not in taken,
                    )
                    for at in range(first, last - step + 1, step)
                ],
            )
        )
    return out


def today(now: datetime) -> date:
    return local_date(now)
