"""The space's hours a week per group (by the group's name on the booking): checked in
`book_room` across the group's bookers and rooms, and on a round's requests; refused with
a Korean reason and nothing stored; shown on the space's page."""

from datetime import date, time, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from maeul.core.dates import at_seoul, local_date
from maeul.core.errors import RuleViolation
from maeul.spaces.models import AllocationRequest, Booking
from maeul.spaces.services import bookings, rounds
from tests.spaces.conftest import NOW, at

pytestmark = pytest.mark.django_db


@pytest.fixture
def limited(space):
    space.max_group_hours_per_week = 3
    space.save()
    return space


def book(room, user, start, end, group="독서회", now=NOW):
    return bookings.book_room(
        room=room,
        booker=user,
        starts_at=start,
        ends_at=end,
        headcount=4,
        purpose="모임",
        group_name=group,
        now=now,
    )


def test_one_groups_hours_are_added_up_across_bookers_and_rooms(
    limited, room, hall, resident, dong_staff
):
    book(room, resident, at(1, 9), at(1, 11))
    with pytest.raises(RuleViolation) as refusal:
        book(hall, dong_staff, at(2, 9), at(2, 11), group=" 독서회 ")
    assert refusal.value.code == "over_group_limit" and refusal.value.field == "group_name"
    assert "3시간" in refusal.value.message
    assert Booking.objects.count() == 1
    book(hall, dong_staff, at(2, 9), at(2, 10))  # exactly the limit
    book(hall, dong_staff, at(2, 10), at(2, 12), group="합창단")  # another group
    book(room, resident, at(7, 9), at(7, 11))  # next week


def test_no_limit_when_the_setting_is_empty_or_without_a_group(space, room, resident, dong_staff):
    book(room, resident, at(1, 9), at(1, 13))
    book(room, dong_staff, at(1, 13), at(1, 17))
    space.max_group_hours_per_week = 3
    space.save()
    book(room, dong_staff, at(2, 9), at(2, 11), group="")


def test_a_round_refuses_requests_beyond_the_groups_weekly_hours(
    limited, room, resident, dong_staff
):
    season = rounds.open_round(
        room=room,
        name="2026년 봄",
        starts_on=date(2026, 4, 6),
        ends_on=date(2026, 5, 3),
        staff=dong_staff,
        now=NOW,
    )

    def ask(weekday, starts, ends):
        return rounds.request_slot(
            round_=season,
            representative=resident,
            group_name="독서회",
            weekday=weekday,
            starts=time(starts),
            ends=time(ends),
            headcount=5,
            now=NOW,
        )

    ask(1, 19, 21)
    with pytest.raises(RuleViolation) as refusal:
        ask(3, 19, 21)
    assert refusal.value.code == "over_group_limit"
    assert AllocationRequest.objects.count() == 1


def test_the_page_shows_the_limit_and_the_form_the_reason(client, limited, room, resident):
    assert "한 단체" in client.get(reverse("spaces:detail", args=[limited.pk])).content.decode()
    day = local_date(timezone.now()) + timedelta(days=1)
    start = at_seoul(day, time(9))
    bookings.book_room(
        room=room,
        booker=resident,
        starts_at=start,
        ends_at=start + timedelta(hours=3),
        headcount=2,
        purpose="모임",
        group_name="독서회",
        now=timezone.now(),
    )
    client.force_login(resident)
    form = {
        "day": day.isoformat(),
        "start": "14:00",
        "half_hours": "2",
        "headcount": "4",
        "purpose": "모임",
        "group_name": "독서회",
    }
    answer = client.post(reverse("spaces:book", args=[room.pk]), form)
    assert answer.status_code == 400 and "3시간" in answer.content.decode()
    assert Booking.objects.count() == 1
