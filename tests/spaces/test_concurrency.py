"""Two (and more) people booking one slot at the same instant: exactly one wins, the others
are told. The database decides (unique slot rows; on PostgreSQL also the exclusion
constraint), so the test runs real concurrent transactions on separate connections."""

import threading
from functools import partial

import pytest
from django.db import connection, connections

from maeul.accounts.models import VerificationMethod
from maeul.core.errors import RuleViolation
from maeul.spaces.models import Booking, BookingSlot, BookingStatus
from maeul.spaces.services import bookings, desk
from tests.factories import UserFactory
from tests.spaces.conftest import NOW, at

pytestmark = pytest.mark.django_db(transaction=True)


def _attempt(room, user, barrier, outcomes):
    try:
        barrier.wait()
        bookings.book_room(
            room=room,
            booker=user,
            starts_at=at(1, 14),
            ends_at=at(1, 15),
            headcount=2,
            purpose="동아리 연습",
            now=NOW,
        )
        outcomes.append("booked")
    except RuleViolation as refusal:
        outcomes.append(refusal.code)
    except Exception as error:  # any other outcome is named in the failed assert
        outcomes.append(type(error).__name__)
    finally:
        connections.close_all()


def test_of_concurrent_attempts_on_one_slot_exactly_one_wins(room):
    if connection.vendor == "sqlite" and connection.settings_dict["NAME"] in ("", ":memory:"):
        pytest.skip("an in-memory SQLite database is not shared between threads")
    people = []
    for n in range(6):
        user = UserFactory(email=f"booker{n}@example.kr", display_name=f"주민{n}")
        user.mark_verified(method=VerificationMethod.IN_PERSON, at=NOW)
        user.save()
        people.append(user)
    barrier, outcomes = threading.Barrier(len(people)), []
    threads = [
        threading.Thread(target=_attempt, args=(room, user, barrier, outcomes)) for user in people
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["booked"] + ["slot_taken"] * (len(people) - 1)
    assert Booking.objects.count() == 1
    assert BookingSlot.objects.count() == 2


def test_the_exclusion_constraint_refuses_an_overlap_on_postgresql(room, resident):
    """Below the slot rows, PostgreSQL itself refuses overlapping time ranges."""
    if connection.vendor != "postgresql":
        pytest.skip("the exclusion constraint exists on PostgreSQL only")
    from django.db import IntegrityError, transaction

    first = bookings.book_room(
        room=room,
        booker=resident,
        starts_at=at(1, 14),
        ends_at=at(1, 15),
        headcount=2,
        purpose="모임",
        now=NOW,
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        Booking.objects.create(
            room=room,
            booker=resident,
            purpose="겹침",
            headcount=1,
            starts_at=at(1, 14, 30),
            ends_at=at(1, 15, 30),
            status="confirmed",
            check_in_code="000000",
            created_at=first.created_at,
        )


def _decide(step, barrier, outcomes):
    try:
        barrier.wait()
        step()
        outcomes.append("done")
    except RuleViolation as refusal:
        outcomes.append(refusal.code)
    except Exception as error:  # any other outcome is named in the failed assert
        outcomes.append(type(error).__name__)
    finally:
        connections.close_all()


def test_a_booking_cancelled_while_staff_approve_it_stays_cancelled(hall, resident, dong_staff):
    """The booker cancels and staff approve at the same instant, each from the page they
    loaded: whichever comes second decides on the booking as the first left it, so the slots
    are never freed under a confirmed booking."""
    if connection.vendor == "sqlite" and connection.settings_dict["NAME"] in ("", ":memory:"):
        pytest.skip("an in-memory SQLite database is not shared between threads")
    for day in range(1, 6):
        booking = bookings.book_room(
            room=hall,
            booker=resident,
            starts_at=at(day, 14),
            ends_at=at(day, 16),
            headcount=4,
            purpose="모임",
            now=NOW,
        )
        seen_by_booker, seen_by_staff = (Booking.objects.get(pk=booking.pk) for _ in range(2))
        steps = [
            partial(bookings.cancel_booking, booking=seen_by_booker, user=resident, now=NOW),
            partial(
                desk.approve_booking, booking=seen_by_staff, staff=dong_staff, now=NOW, ip=None
            ),
        ]
        barrier, outcomes = threading.Barrier(2), []
        threads = [threading.Thread(target=_decide, args=(s, barrier, outcomes)) for s in steps]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        assert sorted(outcomes) in (["done", "done"], ["done", "status"])
        booking.refresh_from_db()
        assert booking.status == BookingStatus.CANCELLED
        assert not booking.slots.exists()
