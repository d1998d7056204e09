"""Public pages of spaces: the list, one space (rooms, hours, rules, accessibility, items)
and a room's calendar of free slots for the next days. Reads only; a fixed number of queries."""

from datetime import UTC, date, timedelta
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from maeul.core.dates import at_seoul, local_date
from maeul.spaces.calendar import active_policy, capacity_cap, room_days
from maeul.spaces.models import AllocationRound, Booking, Room, Space, SpacePhoto

CALENDAR_DAYS = 14
BOOKED = _("Booked")  # the only title a feed's event has


def public_spaces() -> QuerySet[Space]:
    return Space.objects.public().select_related("dong", "district").order_by("dong__code", "name")


def space_list(request: HttpRequest) -> HttpResponse:
    spaces = list(public_spaces().prefetch_related("rooms"))
    return render(request, "spaces/space_list.html", {"spaces": spaces})


def space_detail(request: HttpRequest, pk: int) -> HttpResponse:
    space = get_object_or_404(public_spaces(), pk=pk)
    policy = active_policy(space.district_id)
    rooms = [(room, capacity_cap(room, policy)) for room in space.rooms.all()]
    return render(
        request,
        "spaces/space_detail.html",
        {
            "space": space,
            "rooms": rooms,
            "policy": policy,
            "hours": list(space.opening_hours.all()),
            "items": list(space.items.all()),
            "closures": list(space.closures.filter(ends_on__gte=local_date(timezone.now()))),
            "photos": list(SpacePhoto.objects.filter(space=space)),
            "rounds": list(
                AllocationRound.objects.filter(room__space=space).select_related("room")[:10]
            ),
        },
    )


def _start(request: HttpRequest, today: date) -> date:
    try:
        start = date.fromisoformat(request.GET.get("from", ""))
    except ValueError:
        return today
    return min(max(start, today), today + timedelta(days=90 - CALENDAR_DAYS))


def room_context(room: Room) -> dict[str, Any]:
    """A room's page: the room, its space, and the capacity level in force with the room's cap."""
    policy = active_policy(room.space.district_id)
    return {"room": room, "space": room.space, "cap": capacity_cap(room, policy), "policy": policy}


def room_calendar(request: HttpRequest, pk: int) -> HttpResponse:
    room = get_object_or_404(Room.objects.select_related("space__dong"), pk=pk)
    now = timezone.now()
    today = local_date(now)
    start = _start(request, today)
    days = room_days(room, start=start, days=CALENDAR_DAYS, now=now)
    return render(
        request,
        "spaces/room_calendar.html",
        {
            **room_context(room),
            "days": days,
            "previous": start - timedelta(days=CALENDAR_DAYS) if start > today else None,
            "next": start + timedelta(days=CALENDAR_DAYS),
        },
    )


def _ical_text(text: str) -> str:
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


def room_ical(request: HttpRequest, pk: int) -> HttpResponse:
    """The room's bookings from today for 90 days as an iCalendar feed (RFC 5545).

    No personal data: every event is titled 「예약됨」 (booked), without booker or purpose.
    """
    room = get_object_or_404(Room.objects.select_related("space"), pk=pk)
    now = timezone.now()
    start = at_seoul(local_date(now))
    booked = Booking.objects.holding_slots().filter(
        room=room, ends_at__gt=start, starts_at__lt=start + timedelta(days=90)
    )
    stamp = now.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    host = request.get_host().split(":")[0]
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//Maeul//Spaces//KO",
        "CALSCALE:GREGORIAN",
        f"X-WR-CALNAME:{_ical_text(str(room))}",
    ]
    for booking in booked:
        lines += [
            "BEGIN:VEVENT",
            f"UID:booking-{booking.pk}@{host}",
            f"DTSTAMP:{stamp}",
            f"DTSTART:{booking.starts_at.astimezone(UTC):%Y%m%dT%H%M%SZ}",
            f"DTEND:{booking.ends_at.astimezone(UTC):%Y%m%dT%H%M%SZ}",
            f"SUMMARY:{_ical_text(str(BOOKED))}",
            f"LOCATION:{_ical_text(str(room))}",
            "END:VEVENT",
        ]
    lines.append("END:VCALENDAR")
    response = HttpResponse(
        "\r\n".join(lines) + "\r\n", content_type="text/calendar; charset=utf-8"
    )
    response["Content-Disposition"] = f'inline; filename="room-{room.pk}.ics"'
    return response
