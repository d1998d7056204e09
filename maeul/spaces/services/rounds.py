"""Seasonal allocation rounds (정기대관 배정) for clubs.

Staff of the space open a round for a room and a season (2027년 상반기, from-until). A
group (its name and its representative's account) asks for one weekly slot: weekday,
start, end, headcount. Staff close the round: the requests are put in lottery order by the
councils' recruitment lottery (`councils.services.recruitment.lottery_order`, the same
function: `sha256(f"{seed}:{request.pk}")`, ascending), with the seed staff type or, by
default, one fixed by the request ids and the closing time. In that order each request
wins unless it overlaps a weekly slot already won; so a slot asked for once always wins,
and of overlapping requests the lottery decides. The seed and the draw order are public.

Each winner's booking is claimed for every week of the season through the same slot rows
as any booking (`bookings.claim_slots`), so no later single booking overlaps it; weeks on a
closed or reserved day, and weeks whose slots were already booked, are skipped. Every
group is told the outcome.
"""

from datetime import date, datetime, time, timedelta
from typing import Any

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from maeul.core import audit
from maeul.core.dates import at_seoul
from maeul.core.errors import RuleViolation, refuse_duplicate
from maeul.core.notifications import notify
from maeul.core.permissions import Action, enforce
from maeul.core.texts import required_text
from maeul.councils.services.recruitment import checked_seed, default_seed, lottery_order
from maeul.spaces.calendar import SpaceCalendar, active_policy, capacity_cap
from maeul.spaces.models import (
    AllocationRequest,
    AllocationRound,
    BookingStatus,
    RequestStatus,
    Room,
    RoundStatus,
)
from maeul.spaces.services.bookings import check_group_hours, claim_slots

NOTIFY_KIND = "space_allocation"


def open_round(
    *,
    room: Room,
    name: str,
    starts_on: date,
    ends_on: date,
    staff: Any,
    now: datetime,
    ip: str | None = None,
) -> AllocationRound:
    enforce(staff, Action.MANAGE_SPACE, room, now=now)
    if not name.strip():
        raise RuleViolation(_("Enter the season's name."), code="name", field="name")
    if ends_on < starts_on:
        raise RuleViolation(
            _("The season must end on or after its first day."), code="dates", field="ends_on"
        )
    if starts_on <= now.date():
        raise RuleViolation(
            _("The season must start after today."), code="dates", field="starts_on"
        )
    round_ = AllocationRound.objects.create(
        room=room, name=name.strip()[:100], starts_on=starts_on, ends_on=ends_on, created_at=now
    )
    audit.record(actor=staff, action="spaces.open_round", target=round_, changes={}, ip=ip, now=now)
    return round_


def request_slot(
    *,
    round_: AllocationRound,
    representative: Any,
    group_name: str,
    weekday: int,
    starts: time,
    ends: time,
    headcount: int,
    now: datetime,
) -> AllocationRequest:
    """A group asks for a weekly slot; refused outside hours, once closed, twice, or beyond
    the space's hours a week per group (its requests in the round added up)."""
    enforce(representative, Action.REQUEST_ALLOCATION, round_, now=now)
    group_name = required_text(
        group_name, field="group_name", code="group", missing=_("Enter the group's name.")
    )
    if headcount < 1:
        raise RuleViolation(
            _("Enter how many people will come."), code="headcount", field="headcount"
        )
    if ends <= starts:
        raise RuleViolation(_("The end must be after the start."), code="time", field="ends")
    if starts.minute % 30 or ends.minute % 30 or starts.second or ends.second:
        raise RuleViolation(
            _("Bookings start and end on the hour or the half hour."), code="time", field="starts"
        )
    room = round_.room
    hours = SpaceCalendar.of(room.space, round_.starts_on, round_.starts_on).hours
    if weekday not in hours:
        raise RuleViolation(
            _("The space is closed on that weekday."), code="outside_hours", field="weekday"
        )
    opens, closes = hours[weekday]
    if starts < opens or ends > closes:
        raise RuleViolation(
            _("The space is open from %(opens)s to %(closes)s on that day.")
            % {"opens": f"{opens:%H:%M}", "closes": f"{closes:%H:%M}"},
            code="outside_hours",
            field="starts",
        )
    cap = capacity_cap(room, active_policy(room.space.district_id))
    if headcount > cap:
        raise RuleViolation(
            _("At most %(cap)d people may use this room.") % {"cap": cap},
            code="over_capacity",
            field="headcount",
        )
    name = group_name.strip()
    asked = round_.requests.filter(group_name__iexact=name)
    held = sum(_hours(r.starts, r.ends) for r in asked)
    check_group_hours(room.space, name, held, _hours(starts, ends))
    with refuse_duplicate(
        _("This group has already asked for this weekly slot."), code="duplicate", field="starts"
    ):
        return AllocationRequest.objects.create(
            round=round_,
            group_name=group_name.strip()[:100],
            representative=representative,
            weekday=weekday,
            starts=starts,
            ends=ends,
            headcount=headcount,
            created_at=now,
        )


def _hours(starts: time, ends: time) -> float:
    return (datetime.combine(date.min, ends) - datetime.combine(date.min, starts)) / timedelta(
        hours=1
    )


def season_days(round_: AllocationRound, weekday: int) -> list[date]:
    """Every `weekday` of the season, in order."""
    first = round_.starts_on + timedelta(days=(weekday - round_.starts_on.weekday()) % 7)
    days, day = [], first
    while day <= round_.ends_on:
        days.append(day)
        day += timedelta(days=7)
    return days


def _book_season(round_: AllocationRound, request: AllocationRequest, now: datetime) -> int:
    """Claim the winner's slot for each week of the season; the number of weeks booked."""
    room = round_.room
    calendar = SpaceCalendar.of(room.space, round_.starts_on, round_.ends_on)
    booked = 0
    for day in season_days(round_, request.weekday):
        if calendar.closed_reason(day) or at_seoul(day, request.starts) <= now:
            continue
        try:
            with transaction.atomic():
                claim_slots(
                    room=room,
                    booker=request.representative,
                    starts_at=at_seoul(day, request.starts),
                    ends_at=at_seoul(day, request.ends),
                    headcount=request.headcount,
                    purpose=_("Regular use: %(season)s") % {"season": round_.name},
                    group_name=request.group_name,
                    status=BookingStatus.CONFIRMED,
                    now=now,
                )
        except IntegrityError:
            continue  # that week's time was booked before the round closed
        booked += 1
    return booked


def close_round(
    *,
    round_: AllocationRound,
    staff: Any,
    now: datetime,
    seed: str = "",
    ip: str | None = None,
) -> list[AllocationRequest]:
    """Draw, book the winners' weeks and tell every group; the requests in draw order."""
    enforce(staff, Action.MANAGE_SPACE, round_, now=now)
    seed = checked_seed(seed)
    with transaction.atomic():
        locked = AllocationRound.objects.select_for_update().get(pk=round_.pk)
        if not locked.is_open:
            raise RuleViolation(_("This allocation round is closed."), code="closed")
        requests = {r.pk: r for r in locked.requests.select_related("representative")}
        locked.lottery_seed = seed or default_seed(requests, now)
        ordered = [requests[pk] for pk in lottery_order(locked.lottery_seed, requests)]
        won: list[AllocationRequest] = []
        for rank, request in enumerate(ordered, start=1):
            request.draw_rank = rank
            if any(request.overlaps(winner) for winner in won):
                request.status = RequestStatus.LOST
            else:
                request.status = RequestStatus.WON
                request.weeks_booked = _book_season(locked, request, now)
                won.append(request)
            request.save(update_fields=["draw_rank", "status", "weeks_booked"])
        locked.status, locked.closed_at = RoundStatus.CLOSED, now
        locked.save(update_fields=["status", "closed_at", "lottery_seed"])
        audit.record(
            actor=staff,
            action="spaces.close_round",
            target=locked,
            changes={"lottery_seed": ["", locked.lottery_seed], "won": [0, len(won)]},
            ip=ip,
            now=now,
        )
        url = reverse("spaces:round", args=[locked.pk])
        for request in ordered:
            values = {"group": request.group_name, "season": locked.name, "room": locked.room}
            message = (
                _("%(group)s was allocated its weekly slot of %(room)s for %(season)s.")
                if request.status == RequestStatus.WON
                else _("%(group)s was not allocated its weekly slot of %(room)s for %(season)s.")
            ) % values
            notify(
                recipients=[request.representative],
                kind=NOTIFY_KIND,
                message=message,
                url=url,
                now=now,
            )
    round_.refresh_from_db()
    return ordered
