"""Bookings that no longer fit: a closure added, or opening hours cut, after a booking was
made. The desk lists them with the reason, by the same calendar rule the booking used; a
booking that still fits, a cancelled one and a day reserved for a group are not listed."""

from datetime import time, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from maeul.core.dates import at_seoul, local_date
from maeul.spaces.calendar import conflicts
from maeul.spaces.models import Booking, BookingStatus, Closure, OpeningHours, ReservedDay
from maeul.spaces.services import bookings
from tests.spaces.conftest import NOW, at

pytestmark = pytest.mark.django_db


def _book(room, user, day, start, end, purpose="모임"):
    return bookings.book_room(
        room=room,
        booker=user,
        starts_at=at(day, start),
        ends_at=at(day, end),
        headcount=2,
        purpose=purpose,
        now=NOW,
    )


def _close(space, day, reason="건물 안전 점검"):
    Closure.objects.create(space=space, starts_on=day, ends_on=day, reason=reason)


def test_a_closure_or_shorter_hours_after_booking_are_listed_with_the_reason(
    room, resident, neighbour
):
    closed = _book(room, resident, 2, 14, 15, purpose="독서 모임")
    late = _book(room, resident, 1, 19, 21, purpose="합창 연습")
    fine = _book(room, neighbour, 1, 10, 11, purpose="회의")
    cancelled = _book(room, neighbour, 2, 16, 17)
    bookings.cancel_booking(booking=cancelled, user=neighbour, now=NOW)
    # A day reserved for a group after a booking was made is not a conflict: staff book those.
    kept = _book(room, neighbour, 4, 10, 11)
    ReservedDay.objects.create(space=room.space, on=at(4, 0).date(), audience="복지대상자")

    _close(room.space, at(2, 0).date())
    OpeningHours.objects.filter(space=room.space, weekday=at(1, 0).weekday()).update(
        closes=time(18)
    )

    with translation.override("ko"):
        found = [(booking.pk, reason) for booking, reason in conflicts(room.space, NOW)]
    assert found == [  # by start
        (late.pk, "그날은 09:00부터 18:00까지 운영합니다."),
        (closed.pk, "휴관: 건물 안전 점검"),
    ]
    assert {fine.pk, kept.pk, cancelled.pk}.isdisjoint(pk for pk, _reason in found)


def test_a_booking_already_past_is_not_listed(room, resident):
    booking = _book(room, resident, 2, 14, 15)
    _close(room.space, at(2, 0).date())
    assert conflicts(room.space, booking.ends_at + timedelta(hours=1)) == []


def test_the_desk_lists_them_for_its_staff(client, room, resident, dong_staff):
    now = timezone.now()
    day = local_date(now) + timedelta(days=2)
    booking = Booking.objects.create(
        room=room,
        booker=resident,
        purpose="독서 모임",
        headcount=2,
        starts_at=at_seoul(day, time(14)),
        ends_at=at_seoul(day, time(15)),
        status=BookingStatus.CONFIRMED,
        check_in_code="123456",
        created_at=now,
    )
    _close(room.space, day)
    client.force_login(dong_staff)
    page = client.get(reverse("spaces:staff_desk", args=[room.space.pk]), HTTP_ACCEPT_LANGUAGE="ko")
    text = page.content.decode()
    assert page.status_code == 200
    assert "휴관: 건물 안전 점검" in text and booking.purpose in text
