"""The spaces API: list, detail, availability (bad input refused in Korean), statistics,
and the room's iCalendar feed without personal data."""

from datetime import timedelta

import pytest
from django.utils import timezone

from maeul.core.dates import at_seoul, local_date
from maeul.spaces.services import bookings

pytestmark = pytest.mark.django_db


def test_spaces_are_listed_and_read(client, space, room):
    listing = client.get("/api/spaces").json()
    assert listing["count"] == 1
    assert listing["items"][0]["name"] == "독산1동 마을활력소"
    detail = client.get(f"/api/spaces/{space.pk}").json()
    assert detail["rooms"][0]["capped_capacity"] == 10
    assert len(detail["opening_hours"]) == 7


def test_availability_gives_free_slots(client, space, room):
    tomorrow = local_date(timezone.now()) + timedelta(days=1)
    answer = client.get(f"/api/spaces/{space.pk}/availability?from={tomorrow}&days=3")
    assert answer.status_code == 200
    days = answer.json()["rooms"][0]["days"]
    assert len(days) == 3
    assert days[0]["free"]


@pytest.mark.parametrize(
    "query",
    [
        "from=2026-13-40&days=3",
        "from=soon&days=3",
        "days=0",
        "days=91",
        "days=many",
        "from=2000-01-01&days=3",
    ],
)
def test_bad_availability_input_is_refused_in_korean(client, space, room, query):
    answer = client.get(f"/api/spaces/{space.pk}/availability?{query}")
    assert answer.status_code == 400
    body = answer.json()
    assert set(body) == {"detail", "code"}
    assert any("\uac00" <= char <= "\ud7a3" for char in body["detail"])


def test_an_unknown_space_is_404(client, db):
    assert client.get("/api/spaces/999/availability").status_code == 404


def test_statistics_by_month(client, space, room):
    answer = client.get("/api/spaces/statistics?month=2026-03").json()
    assert answer["month"] == "2026-03"
    assert answer["spaces"][0]["bookings"] == 0
    assert client.get("/api/spaces/statistics?month=March").status_code == 400


def test_the_ical_feed_shows_bookings_without_personal_data(client, room, resident):
    day = local_date(timezone.now()) + timedelta(days=1)
    start = at_seoul(day, timezone.datetime.min.time().replace(hour=10))
    bookings.book_room(
        room=room,
        booker=resident,
        starts_at=start,
        ends_at=start + timedelta(hours=1),
        headcount=2,
        purpose="비밀 모임",
        group_name="독산 텃밭모임",
        now=timezone.now(),
    )
    answer = client.get(f"/spaces/rooms/{room.pk}/calendar.ics")
    assert answer["Content-Type"].startswith("text/calendar")
    text = answer.content.decode()
    assert "BEGIN:VEVENT" in text and "SUMMARY:예약됨" in text
    assert "비밀 모임" not in text and "텃밭" not in text and "독산 주민" not in text


def test_availability_lists_free_starts_on_seoul_s_clock(client, space, room, resident):
    day = local_date(timezone.now()) + timedelta(days=1)
    start = at_seoul(day, timezone.datetime.min.time().replace(hour=10))
    bookings.book_room(
        room=room,
        booker=resident,
        starts_at=start,
        ends_at=start + timedelta(hours=1),
        headcount=2,
        purpose="모임",
        now=timezone.now(),
    )
    answer = client.get(f"/api/spaces/{space.pk}/availability?from={day}&days=1").json()
    free = answer["rooms"][0]["days"][0]["free"]
    assert answer["slot_minutes"] == 30
    assert free[0] == "09:00" and "09:30" in free
    assert "10:00" not in free and "10:30" not in free and "11:00" in free
