"""Community spaces in the API: the spaces with their rooms, hours and items, a space's free
slots for the coming days, and the public usage statistics per space and month.

Public and read-only; never a booker, a purpose or a check-in code. Bad input (a date that is
not YYYY-MM-DD, days outside 1-90) is refused with a Korean `ErrorOut` (400).
"""

from datetime import date, time
from typing import Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Field, Query, Router, Schema

from maeul.api.common import CodeName, ErrorOut, Label, Page, PageQuery, errors, paginate
from maeul.core.dates import local_date, seoul_time
from maeul.core.errors import RuleViolation
from maeul.spaces.calendar import MAX_DAYS, active_policy, capacity_cap, room_days
from maeul.spaces.models import Space
from maeul.spaces.statistics import month_bounds, usage
from maeul.spaces.views.public import public_spaces

router = Router(tags=["spaces"])


class RoomOut(Schema):
    id: int
    name: str
    room_type: Label
    capacity: int
    capped_capacity: int
    equipment: str
    needs_approval: bool
    calendar_url: str
    ical_url: str


class SpaceItem(Schema):
    id: int
    name: str
    district: CodeName
    dong: CodeName
    operator: str
    size_m2: float | None
    fee: int
    url: str


class SpacePage(Page[SpaceItem]):
    pass


class HoursOut(Schema):
    weekday: Label
    opens: time
    closes: time


class ItemOut(Schema):
    name: str
    stock: int
    deposit: int


class SpaceDetail(SpaceItem):
    address: str
    accessibility: str
    rules: str
    max_hours_per_week: int
    max_group_hours_per_week: int | None
    max_days_ahead: int
    capacity_policy: str | None
    rooms: list[RoomOut]
    opening_hours: list[HoursOut]
    items: list[ItemOut]


class DayOut(Schema):
    """One day of a room: why it is closed, or its free 30-minute slots by their start on
    Seoul's wall clock ("14:00")."""

    date: date
    closed: str | None
    free: list[str]


class RoomAvailability(Schema):
    room_id: int
    name: str
    capped_capacity: int
    days: list[DayOut]


class AvailabilityOut(Schema):
    space_id: int
    start: date
    days: int
    slot_minutes: int
    rooms: list[RoomAvailability]


class AvailabilityQuery(Schema):
    """`from` (YYYY-MM-DD, today by default) and `days` (1-90, 14 by default); read as text
    so that a bad value gets the Korean refusal rather than a validation error."""

    start: str | None = Field(None, alias="from")
    days: str | None = None


class UsageOut(Schema):
    space_id: int
    name: str
    bookings: int
    hours: float
    booked_visitors: int
    walk_ins: int
    visitors: int
    loans: int
    survey_answers: int
    satisfied_percent: int | None


class SpaceStatisticsOut(Schema):
    month: str
    spaces: list[UsageOut]


def _item(space: Space) -> dict[str, Any]:
    return {
        "id": space.pk,
        "name": space.name,
        "district": CodeName.of(space.district),
        "dong": CodeName.of(space.dong),
        "operator": space.operator,
        "size_m2": float(space.size_m2) if space.size_m2 is not None else None,
        "fee": space.fee,
        "url": reverse("spaces:detail", args=[space.pk]),
    }


@router.get("/spaces", response=SpacePage, summary="List community spaces")
def list_spaces(request: HttpRequest, query: Query[PageQuery]) -> SpacePage:
    return SpacePage(**paginate(request, public_spaces(), query, lambda s: SpaceItem(**_item(s))))


@router.get(
    "/spaces/{int:space_id}",
    response={200: SpaceDetail, **errors(404)},
    summary="Read a community space",
)
def get_space(request: HttpRequest, space_id: int) -> SpaceDetail:
    space = get_object_or_404(public_spaces(), pk=space_id)
    policy = active_policy(space.district_id)
    return SpaceDetail(
        **_item(space),
        address=space.address,
        accessibility=space.accessibility,
        rules=space.rules,
        max_hours_per_week=space.max_hours_per_week,
        max_group_hours_per_week=space.max_group_hours_per_week,
        max_days_ahead=space.max_days_ahead,
        capacity_policy=policy.name if policy else None,
        rooms=[
            RoomOut(
                id=room.pk,
                name=room.name,
                room_type=Label.of_field(room, "room_type"),
                capacity=room.capacity,
                capped_capacity=capacity_cap(room, policy),
                equipment=room.equipment,
                needs_approval=not room.auto_confirm,
                calendar_url=reverse("spaces:room", args=[room.pk]),
                ical_url=reverse("spaces:ical", args=[room.pk]),
            )
            for room in space.rooms.all()
        ],
        opening_hours=[
            HoursOut(
                weekday=Label(code=str(row.weekday), label=row.get_weekday_display()),
                opens=row.opens,
                closes=row.closes,
            )
            for row in space.opening_hours.all()
        ],
        items=[
            ItemOut(name=item.name, stock=item.stock, deposit=item.deposit)
            for item in space.items.all()
        ],
    )


def _parse_window(raw_start: str | None, raw_days: str | None, today: date) -> tuple[date, int]:
    try:
        start = date.fromisoformat(raw_start) if raw_start else today
    except ValueError:
        raise RuleViolation(_("Give the start date as YYYY-MM-DD."), code="bad_date") from None
    try:
        days = int(raw_days) if raw_days else 14
    except ValueError:
        days = 0
    if not 1 <= days <= MAX_DAYS:
        raise RuleViolation(
            _("Give a number of days from 1 to %(most)d.") % {"most": MAX_DAYS}, code="bad_days"
        )
    if start < today:
        raise RuleViolation(_("The start date may not be in the past."), code="bad_date")
    return start, days


@router.get(
    "/spaces/{int:space_id}/availability",
    response={200: AvailabilityOut, **errors(400, 404)},
    summary="Free slots of a space's rooms",
)
def availability(
    request: HttpRequest, space_id: int, query: Query[AvailabilityQuery]
) -> dict[str, Any]:
    """`?from=YYYY-MM-DD&days=N` (today and 14 days by default; at most 90 days)."""
    space = get_object_or_404(public_spaces(), pk=space_id)
    now = timezone.now()
    start, days = _parse_window(query.start, query.days, local_date(now))
    policy = active_policy(space.district_id)
    # Plain dicts: the response is validated once, by the schema (2,000 slots in 90 days).
    rooms = [
        {
            "room_id": room.pk,
            "name": room.name,
            "capped_capacity": capacity_cap(room, policy),
            "days": [
                {
                    "date": day.on,
                    "closed": day.closed_reason or None,
                    "free": [f"{seoul_time(s.starts_at):%H:%M}" for s in day.slots if s.free],
                }
                for day in room_days(room, start=start, days=days, now=now)
            ],
        }
        for room in space.rooms.all()
    ]
    return {
        "space_id": space.pk,
        "start": start,
        "days": days,
        "slot_minutes": 30,
        "rooms": rooms,
    }


@router.get(
    "/spaces/statistics",
    response={200: SpaceStatisticsOut, **errors(400)},
    summary="Usage of the spaces in a month",
)
def statistics(request: HttpRequest, month: str | None = None) -> SpaceStatisticsOut:
    """`?month=YYYY-MM` (this month by default): bookings, hours, visitors, loans, survey."""
    today = local_date(timezone.now())
    try:
        year, number = (
            (int(part) for part in month.split("-")) if month else (today.year, today.month)
        )
        bounds = month_bounds(year, number)
    except ValueError:
        raise RuleViolation(_("Give the month as YYYY-MM."), code="bad_month") from None
    rows = usage(public_spaces(), *bounds)
    return SpaceStatisticsOut(
        month=f"{year:04d}-{number:02d}",
        spaces=[
            UsageOut(
                space_id=row.space.pk,
                name=row.space.name,
                bookings=row.bookings,
                hours=round(row.hours, 1),
                booked_visitors=row.booked_visitors,
                walk_ins=row.walk_ins,
                visitors=row.visitors,
                loans=row.loans,
                survey_answers=row.answers,
                satisfied_percent=row.satisfied_percent,
            )
            for row in rows
        ],
    )


__all__ = ["ErrorOut", "router"]
