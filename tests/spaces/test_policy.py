"""The capacity policy (거리두기 단계): putting a level in force re-checks future bookings."""

import pytest

from maeul.core.errors import RuleViolation
from maeul.core.models import AuditEntry
from maeul.spaces.models import BookingStatus, CapacityPolicy
from maeul.spaces.services import bookings, policy
from tests.spaces.conftest import NOW, at

pytestmark = pytest.mark.django_db


def book(room, user, day, hour, headcount):
    return bookings.book_room(
        room=room,
        booker=user,
        starts_at=at(day, hour),
        ends_at=at(day, hour + 1),
        headcount=headcount,
        purpose="모임",
        now=NOW,
    )


def set_level(district, level, staff, now=NOW):
    return policy.set_capacity_policy(
        district=district, policy=level, staff=staff, now=now, ip="127.0.0.1"
    )


def test_a_level_caps_future_bookings_and_tells_the_booker(
    geumcheon, room, resident, district_staff, policies
):
    booking = book(room, resident, 1, 14, headcount=8)
    small = book(room, resident, 1, 16, headcount=2)
    outcome = set_level(geumcheon, policies["2단계"], district_staff)
    booking.refresh_from_db()
    small.refresh_from_db()
    assert (booking.headcount, small.headcount) == (3, 2)
    assert booking.status == BookingStatus.CONFIRMED
    assert outcome.capped == 1
    [notice] = resident.notifications.all()
    assert "3" in notice.message
    entry = AuditEntry.objects.get(action="spaces.set_capacity_policy")
    assert entry.changes["capped"] == [0, 1]


def test_a_level_closing_a_room_type_cancels_its_bookings(
    geumcheon, room, hall, resident, district_staff, policies
):
    in_hall = book(hall, resident, 1, 14, headcount=10)
    in_room = book(room, resident, 1, 14, headcount=2)
    outcome = set_level(geumcheon, policies["2.5단계"], district_staff)
    in_hall.refresh_from_db()
    in_room.refresh_from_db()
    assert in_hall.status == BookingStatus.CANCELLED
    assert not in_hall.slots.exists()
    assert in_room.status == BookingStatus.CONFIRMED
    assert (outcome.cancelled, outcome.capped) == (1, 0)
    assert resident.notifications.count() == 1


def test_past_bookings_are_not_touched(geumcheon, room, resident, district_staff, policies):
    booking = book(room, resident, 1, 14, headcount=8)
    set_level(geumcheon, policies["3단계"], district_staff, now=at(1, 15))
    booking.refresh_from_db()
    assert (booking.status, booking.headcount) == (BookingStatus.CONFIRMED, 8)


def test_one_level_in_force_at_a_time(geumcheon, district_staff, policies):
    set_level(geumcheon, policies["1.5단계"], district_staff)
    set_level(geumcheon, policies["2단계"], district_staff)
    assert list(CapacityPolicy.objects.filter(is_active=True)) == [policies["2단계"]]
    set_level(geumcheon, None, district_staff)
    assert not CapacityPolicy.objects.filter(is_active=True).exists()


def test_dong_staff_may_not_change_the_level(geumcheon, dong_staff, policies):
    with pytest.raises(RuleViolation) as refusal:
        set_level(geumcheon, policies["2단계"], dong_staff)
    assert refusal.value.code == "forbidden"
    assert not CapacityPolicy.objects.filter(is_active=True).exists()


def test_staff_of_another_district_may_not_change_it(geumcheon, other_district_staff, policies):
    with pytest.raises(RuleViolation):
        set_level(geumcheon, policies["2단계"], other_district_staff)
