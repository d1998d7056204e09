"""The booking rule: every refusal with its reason and nothing stored; the slot decided by
the database."""

from datetime import date, timedelta

import pytest

from maeul.core.errors import RuleViolation
from maeul.spaces.models import Booking, BookingSlot, BookingStatus, Closure, ReservedDay
from maeul.spaces.services import bookings
from tests.spaces.conftest import NOW, at

pytestmark = pytest.mark.django_db


def book(room, user, start, end, headcount=4, now=NOW, **extra):
    return bookings.book_room(
        room=room,
        booker=user,
        starts_at=start,
        ends_at=end,
        headcount=headcount,
        purpose="마을 모임 회의",
        now=now,
        **extra,
    )


def test_resident_books_a_free_slot_and_it_is_confirmed_at_once(room, resident):
    booking = book(room, resident, at(1, 14), at(1, 16))
    assert booking.status == BookingStatus.CONFIRMED
    assert len(booking.check_in_code) == 6
    assert BookingSlot.objects.filter(booking=booking).count() == 4


def test_a_room_with_staff_approval_takes_requests(hall, resident):
    assert book(hall, resident, at(1, 14), at(1, 15)).status == BookingStatus.REQUESTED


def _refused(room, user, start, end, code, **extra):
    with pytest.raises(RuleViolation) as refusal:
        book(room, user, start, end, **extra)
    assert refusal.value.code == code
    assert not Booking.objects.exists()
    return refusal.value.message


def test_a_taken_slot_is_refused_with_a_korean_message(room, resident, neighbour):
    book(room, resident, at(1, 14), at(1, 16))
    with pytest.raises(RuleViolation) as refusal:
        book(room, neighbour, at(1, 15), at(1, 17))
    assert refusal.value.code == "slot_taken"
    assert "이미" in refusal.value.message or "다른" in refusal.value.message
    assert Booking.objects.count() == 1


def test_adjacent_bookings_do_not_overlap(room, resident, neighbour):
    book(room, resident, at(1, 14), at(1, 16))
    book(room, neighbour, at(1, 16), at(1, 17))
    assert Booking.objects.count() == 2


def test_the_past_is_refused(room, resident):
    assert "지난" in _refused(room, resident, at(0, 9), at(0, 10), "past")


def test_outside_opening_hours_is_refused(room, resident):
    assert "09:00" in _refused(room, resident, at(1, 20), at(1, 22), "outside_hours")
    # Saturday (day 3) closes at 18:00.
    assert "18:00" in _refused(room, resident, at(3, 17), at(3, 19), "outside_hours")


def test_a_booking_not_on_the_half_hour_is_refused(room, resident):
    _refused(room, resident, at(1, 14, 10), at(1, 15), "time")


def test_the_end_before_the_start_is_refused(room, resident):
    _refused(room, resident, at(1, 15), at(1, 14), "time")


def test_too_far_ahead_is_refused(room, resident):
    assert "30" in _refused(room, resident, at(31, 14), at(31, 15), "too_far_ahead")


def test_a_closed_day_is_refused_with_its_reason(space, room, resident):
    day = NOW.date() + timedelta(days=1)
    Closure.objects.create(space=space, starts_on=day, ends_on=day, reason="시설 점검")
    assert "시설 점검" in _refused(room, resident, at(1, 14), at(1, 15), "closed")


def test_a_reserved_day_is_refused(space, room, resident):
    ReservedDay.objects.create(
        space=space, on=NOW.date() + timedelta(days=1), audience="복지대상자"
    )
    assert "복지대상자" in _refused(room, resident, at(1, 14), at(1, 15), "closed")


def test_above_the_room_capacity_is_refused(room, resident):
    assert "10" in _refused(room, resident, at(1, 14), at(1, 15), "over_capacity", headcount=11)


def test_above_the_capped_headcount_is_refused(room, resident, policies):
    policies["2단계"].is_active = True
    policies["2단계"].save()
    message = _refused(room, resident, at(1, 14), at(1, 15), "over_capacity", headcount=4)
    assert "3" in message and "2단계" in message


def test_a_room_type_closed_by_the_policy_is_refused(hall, resident, policies):
    policies["2.5단계"].is_active = True
    policies["2.5단계"].save()
    _refused(hall, resident, at(1, 14), at(1, 15), "closed")


def test_beyond_the_weekly_hours_is_refused(room, resident):
    book(room, resident, at(1, 9), at(1, 13))
    assert "6" in _refused_keep(room, resident, at(2, 9), at(2, 12), "over_limit")


def _refused_keep(room, user, start, end, code):
    before = Booking.objects.count()
    with pytest.raises(RuleViolation) as refusal:
        book(room, user, start, end)
    assert refusal.value.code == code
    assert Booking.objects.count() == before
    return refusal.value.message


def test_the_weekly_limit_counts_monday_to_sunday(room, resident):
    book(room, resident, at(1, 9), at(1, 13))  # Thursday
    book(room, resident, at(5, 9), at(5, 13))  # next Monday: a new week
    assert Booking.objects.count() == 2


def test_an_unverified_resident_may_not_book(room, unverified_resident):
    _refused(room, unverified_resident, at(1, 14), at(1, 15), "forbidden")


def test_an_empty_purpose_is_refused(room, resident):
    with pytest.raises(RuleViolation) as refusal:
        bookings.book_room(
            room=room,
            booker=resident,
            starts_at=at(1, 14),
            ends_at=at(1, 15),
            headcount=2,
            purpose="  ",
            now=NOW,
        )
    assert refusal.value.field == "purpose"


def test_a_resident_registration_number_is_refused(room, resident):
    with pytest.raises(RuleViolation):
        book(room, resident, at(1, 14), at(1, 15), group_name="모임 900101-1234567")
    assert not Booking.objects.exists()


def test_cancelling_frees_the_slots(room, resident, neighbour):
    booking = book(room, resident, at(1, 14), at(1, 16))
    bookings.cancel_booking(booking=booking, user=resident, now=NOW)
    assert booking.status == BookingStatus.CANCELLED
    assert book(room, neighbour, at(1, 14), at(1, 16)).status == BookingStatus.CONFIRMED


def test_someone_else_may_not_cancel(room, resident, neighbour):
    booking = book(room, resident, at(1, 14), at(1, 16))
    with pytest.raises(RuleViolation):
        bookings.cancel_booking(booking=booking, user=neighbour, now=NOW)
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CONFIRMED


def test_staff_cancelling_tells_the_booker(room, resident, dong_staff):
    booking = book(room, resident, at(1, 14), at(1, 16))
    bookings.cancel_booking(booking=booking, user=dong_staff, now=NOW)
    assert resident.notifications.count() == 1


def test_the_day_is_seoul_s(room, resident):
    # 23:30 UTC on the 18th is 08:30 on the 19th in Seoul: before opening.
    assert date(2026, 3, 19) == at(1, 8, 30).date()
    _refused(room, resident, at(1, 8, 30), at(1, 9, 30), "outside_hours")
