"""Community spaces: a room's 90-day availability, and 100 concurrent attempts on one slot.

A space open 월-금 09-21, 토·일 09-18 with one room whose next 90 days are a third booked
(bookings and their slot rows bulk-inserted), a closure and a reserved day. Measured
in-process: `calendar.room_days` for 90 days (what the room's calendar and the API read)
and the whole `GET /api/spaces/{id}/availability?days=90` through Django's test client;
goal: median under 50 ms. Then N threads (100), each a verified resident on its own
database connection, book the same slot at once through `book_room`; the run checks that
exactly one booking exists and every other attempt was refused as `slot_taken`.

Usage: python bench/bench_spaces.py [--scale 0.1]   (DATABASE_URL=postgres://… for PG)
Results: bench/results/spaces.json (spaces-postgres.json on PostgreSQL).
"""

import argparse
import sys
import threading
from collections import Counter
from datetime import time, timedelta
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.bare_insert import use_bench_database
from bench.harness import measure, write_results

BACKEND = use_bench_database()

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connections  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402

from maeul.accounts.models import User, VerificationMethod  # noqa: E402
from maeul.core.dates import at_seoul, local_date  # noqa: E402
from maeul.core.errors import RuleViolation  # noqa: E402
from maeul.places.demo import load_places  # noqa: E402
from maeul.places.models import Dong  # noqa: E402
from maeul.spaces.calendar import room_days  # noqa: E402
from maeul.spaces.models import (  # noqa: E402
    Booking,
    BookingSlot,
    BookingStatus,
    Closure,
    OpeningHours,
    ReservedDay,
    Room,
    RoomType,
    Space,
)
from maeul.spaces.services import bookings  # noqa: E402

DAYS = 90
ATTEMPTS = 100
REPEAT = 30
# PostgreSQL's default max_connections is 100, some reserved and some used by others: at
# most this many attempts hold a connection at once (the others wait at the door).
POSTGRES_CONNECTIONS = 40


def prepare(days: int) -> tuple[Space, Room, User]:
    call_command("migrate", verbosity=0)
    call_command("flush", interactive=False, verbosity=0)
    load_places()
    dong = Dong.objects.get(name="독산1동")
    space = Space.objects.create(
        name="벤치 마을활력소",
        district_id=dong.district_id,
        dong=dong,
        operator="벤치",
        size_m2="100.00",
        address="서울특별시 금천구",
        max_hours_per_week=100,
        max_days_ahead=DAYS,
    )
    for weekday in range(7):
        closes = time(21) if weekday < 5 else time(18)
        OpeningHours.objects.create(space=space, weekday=weekday, opens=time(9), closes=closes)
    room = Room.objects.create(space=space, name="회의실", capacity=10, room_type=RoomType.MEETING)
    owner = User.objects.create_user("owner@bench.maeul.kr", None, display_name="벤치 주민")
    now = timezone.now()
    today = local_date(now)
    Closure.objects.create(
        space=space,
        starts_on=today + timedelta(days=20),
        ends_on=today + timedelta(days=21),
        reason="시설 점검",
    )
    ReservedDay.objects.create(space=space, on=today + timedelta(days=30), audience="복지대상자")
    rows, slots = [], []
    for offset in range(1, days + 1):
        for hour in (10, 14, 18):
            start = at_seoul(today + timedelta(days=offset), time(hour))
            rows.append(
                Booking(
                    room=room,
                    booker=owner,
                    purpose="모임",
                    headcount=4,
                    starts_at=start,
                    ends_at=start + timedelta(hours=2),
                    status=BookingStatus.CONFIRMED,
                    check_in_code="000000",
                    created_at=now,
                )
            )
    Booking.objects.bulk_create(rows)
    for booking in Booking.objects.filter(room=room):  # with their keys on every backend
        slots += [
            BookingSlot(booking=booking, room=room, starts_at=at) for at in booking.slot_starts()
        ]
    BookingSlot.objects.bulk_create(slots)
    return space, room, owner


def availability(space: Space, room: Room) -> dict[str, Any]:
    client = Client(HTTP_HOST="127.0.0.1")
    url = f"/api/spaces/{space.pk}/availability?days={DAYS}"
    assert client.get(url).status_code == 200

    def read_days() -> None:
        room_days(room, start=local_date(timezone.now()), days=DAYS, now=timezone.now())

    def read_api() -> None:
        client.get(url)

    return {
        "room_days_90": measure(read_days, repeat=REPEAT),
        "api_availability_90": measure(read_api, repeat=REPEAT),
    }


def race(room: Room, attempts: int) -> dict[str, Any]:
    now = timezone.now()
    people = []
    for n in range(attempts):
        person = User.objects.create_user(f"racer{n}@bench.maeul.kr", None, display_name=f"주민{n}")
        person.mark_verified(method=VerificationMethod.IN_PERSON, at=now)
        person.save()
        people.append(person)
    start = at_seoul(local_date(now) + timedelta(days=2), time(20))
    barrier, outcomes = threading.Barrier(attempts), Counter[str]()
    lock = threading.Lock()
    connections_at_once = attempts if BACKEND == "sqlite" else min(attempts, POSTGRES_CONNECTIONS)
    door = threading.BoundedSemaphore(connections_at_once)

    def attempt(person: User) -> None:
        try:
            barrier.wait()
            with door:
                _book(person)
            outcome = "booked"
        except RuleViolation as refusal:
            outcome = refusal.code
        finally:
            connections.close_all()
        with lock:
            outcomes[outcome] += 1

    def _book(person: User) -> None:
        try:
            bookings.book_room(
                room=room,
                booker=person,
                starts_at=start,
                ends_at=start + timedelta(minutes=30),
                headcount=2,
                purpose="동시 예약",
                now=now,
            )
        finally:
            connections.close_all()

    threads = [threading.Thread(target=attempt, args=(person,)) for person in people]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    stored = Booking.objects.filter(room=room, starts_at=start).count()
    return {
        "attempts": attempts,
        "connections_at_once": connections_at_once,
        "outcomes": dict(outcomes),
        "bookings_stored": stored,
        "exactly_one": stored == 1 and outcomes["booked"] == 1,
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", type=float, default=1.0)
    args = parser.parse_args()
    days = max(7, int(DAYS * args.scale))
    attempts = max(5, int(ATTEMPTS * args.scale))
    space, room, _owner = prepare(days)
    read = availability(space, room)
    contest = race(room, attempts)
    write_results(
        "spaces" if BACKEND == "sqlite" else f"spaces-{BACKEND}",
        {
            "goal": "a room's 90-day availability median under 50 ms; of 100 concurrent "
            "attempts on one slot exactly one booking",
            "goal_met": read["api_availability_90"]["median_ms"] < 50 and contest["exactly_one"],
            "booked_days": days,
            "availability": read,
            "race": contest,
        },
    )
    if not contest["exactly_one"]:
        raise SystemExit("more or fewer than one booking won the slot")


if __name__ == "__main__":
    main()
