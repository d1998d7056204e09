"""Cancellations at the same instant on a full shift with a waiting list: each freed place
goes to one person waiting, in order, a sign-up cancelled twice at once frees one place, and
the places taken never exceed the shift's. Real concurrent transactions on separate
connections (the lock on the shift's row decides)."""

import threading
from datetime import timedelta

import pytest
from django.db import connection, connections

from maeul.core.errors import RuleViolation
from maeul.core.models import Notification
from maeul.volunteering.models import SignUp, SignUpStatus
from maeul.volunteering.services import sign_ups
from tests.volunteering.conftest import NOW
from tests.volunteering.test_waiting_list import person

pytestmark = pytest.mark.django_db(transaction=True)


def _cancel(sign_up, user, barrier, outcomes):
    try:
        barrier.wait()
        moved = sign_ups.cancel_sign_up(sign_up=sign_up, user=user, now=NOW)
        outcomes.append("moved" if moved is not None else "none")
    except RuleViolation as refusal:
        outcomes.append(refusal.code)
    except Exception as error:  # any other outcome is named in the failed assert
        outcomes.append(type(error).__name__)
    finally:
        connections.close_all()


def test_concurrent_cancels_hand_each_place_to_one_person(shift, doksan1):
    if connection.vendor == "sqlite" and connection.settings_dict["NAME"] in ("", ":memory:"):
        pytest.skip("an in-memory SQLite database is not shared between threads")
    shift.places = 2
    shift.save()
    people = [person(n, doksan1) for n in range(6)]
    for n, user in enumerate(people):
        when = NOW - timedelta(hours=6 - n)
        if n < 2:
            sign_ups.sign_up(shift=shift, user=user, now=when)
        else:
            sign_ups.join_waiting_list(shift=shift, user=user, now=when)
    first, second = (SignUp.objects.get(user=user) for user in people[:2])
    # The first volunteer's cancel is sent twice (two tabs), each with the row as it was.
    attempts = [
        (first, people[0]),
        (SignUp.objects.get(pk=first.pk), people[0]),
        (second, people[1]),
    ]
    barrier, outcomes = threading.Barrier(len(attempts)), []
    threads = [
        threading.Thread(target=_cancel, args=(sign_up, user, barrier, outcomes))
        for sign_up, user in attempts
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["cancelled", "moved", "moved"]
    assert sign_ups.taken_places(shift) == shift.places
    active = set(
        SignUp.objects.filter(status=SignUpStatus.ACTIVE).values_list("user_id", flat=True)
    )
    assert active == {people[2].pk, people[3].pk}
    assert SignUp.objects.filter(status=SignUpStatus.WAITING).count() == 2
    assert sorted(Notification.objects.values_list("recipient_id", flat=True)) == sorted(
        [people[2].pk, people[3].pk]
    )
