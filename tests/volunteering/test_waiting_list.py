"""The waiting list of a full shift: joining it (the sign-up's rules apply), its order,
leaving it, moving up when a place comes free (notified), and hours only for active
sign-ups."""

from datetime import date, timedelta

import pytest
from django.utils import translation

from maeul.core.errors import RuleViolation
from maeul.core.models import Notification
from maeul.volunteering.models import GroupSignUp, HoursRecord, SignUp, SignUpStatus
from maeul.volunteering.services import hours, sign_ups, volunteers
from tests.factories import DongTieFactory, UserFactory
from tests.volunteering.conftest import NOW, at, make_activity, make_course, make_shift

pytestmark = pytest.mark.django_db


def refused(code: str, call, **kwargs) -> RuleViolation:
    with translation.override("en"), pytest.raises(RuleViolation) as caught:
        call(**kwargs)
    assert caught.value.code == code, caught.value.message
    return caught.value


def person(n: int, dong):
    from tests.conftest import _verified

    user = _verified(UserFactory(email=f"v{n}@example.kr", display_name=f"봉사자 {n}"))
    DongTieFactory(user=user, dong=dong)
    return user


@pytest.fixture
def full(shift, resident):
    """`shift` with one place, taken by `resident`."""
    shift.places = 1
    shift.save()
    sign_ups.sign_up(shift=shift, user=resident, now=NOW)
    return shift


def test_join_a_full_shift_and_see_the_place_in_line(full, neighbour, doksan1):
    first = sign_ups.join_waiting_list(shift=full, user=neighbour, now=NOW)
    second = sign_ups.join_waiting_list(
        shift=full, user=person(1, doksan1), now=NOW + timedelta(minutes=1)
    )
    assert first.status == SignUpStatus.WAITING
    assert sign_ups.waiting_position(first) == 1
    assert sign_ups.waiting_position(second) == 2
    assert sign_ups.taken_places(full) == 1
    assert neighbour.volunteer is not None


def test_a_shift_with_places_is_signed_up_for_instead(shift, neighbour):
    refused("not_full", sign_ups.join_waiting_list, shift=shift, user=neighbour, now=NOW)
    assert not SignUp.objects.exists()


def test_cannot_wait_twice_nor_wait_and_be_signed_up(full, resident, neighbour):
    refused("already_signed_up", sign_ups.join_waiting_list, shift=full, user=resident, now=NOW)
    sign_ups.join_waiting_list(shift=full, user=neighbour, now=NOW)
    refused("already_signed_up", sign_ups.join_waiting_list, shift=full, user=neighbour, now=NOW)
    refused("full", sign_ups.sign_up, shift=full, user=neighbour, now=NOW)
    assert SignUp.objects.filter(user=neighbour).count() == 1


def test_the_database_refuses_a_second_live_sign_up(full, neighbour):
    from django.db import IntegrityError, transaction

    sign_ups.join_waiting_list(shift=full, user=neighbour, now=NOW)
    with pytest.raises(IntegrityError), transaction.atomic():
        SignUp.objects.create(shift=full, user=neighbour, signed_up_at=NOW)


def test_youth_rules_and_training_apply_on_joining(full, teen, neighbour, geumcheon):
    refused("not_eligible", sign_ups.join_waiting_list, shift=full, user=teen, now=NOW)
    volunteers.record_guardian_consent(
        user=teen,
        guardian_name="김보호",
        relation="어머니",
        consented_on=date(2026, 3, 10),
        channel="paper",
        now=NOW,
    )
    assert sign_ups.join_waiting_list(shift=full, user=teen, now=NOW)
    full.activity.required_course = make_course(geumcheon)
    full.activity.save()
    refused("not_eligible", sign_ups.join_waiting_list, shift=full, user=neighbour, now=NOW)
    assert not SignUp.objects.filter(user=neighbour).exists()


def test_outsider_and_started_shift_are_refused(unverified_resident, activity, resident):
    past = make_shift(activity, day=-1, places=1)
    SignUp.objects.create(shift=past, user=resident, signed_up_at=at(-3, 10))
    refused("forbidden", sign_ups.join_waiting_list, shift=past, user=unverified_resident, now=NOW)


def test_cancelling_moves_the_first_waiting_up_and_tells_them(full, resident, neighbour, doksan1):
    later = person(1, doksan1)
    sign_ups.join_waiting_list(shift=full, user=later, now=NOW + timedelta(minutes=5))
    waiting = sign_ups.join_waiting_list(shift=full, user=neighbour, now=NOW)
    mine = SignUp.objects.get(user=resident)
    moved = sign_ups.cancel_sign_up(sign_up=mine, user=resident, now=NOW)
    assert moved is not None and moved.pk == waiting.pk
    waiting.refresh_from_db()
    assert waiting.status == SignUpStatus.ACTIVE
    assert sign_ups.taken_places(full) == 1
    assert sign_ups.waiting_position(SignUp.objects.get(user=later)) == 1
    note = Notification.objects.get()
    assert note.recipient == neighbour
    assert note.url == f"/volunteering/activities/{full.activity_id}/"


def test_leaving_the_waiting_list_moves_nobody(full, neighbour, doksan1):
    waiting = sign_ups.join_waiting_list(shift=full, user=neighbour, now=NOW)
    other = sign_ups.join_waiting_list(shift=full, user=person(1, doksan1), now=NOW)
    assert sign_ups.cancel_sign_up(sign_up=waiting, user=neighbour, now=NOW) is None
    other.refresh_from_db()
    assert other.status == SignUpStatus.WAITING
    assert sign_ups.waiting_position(other) == 1
    assert not Notification.objects.exists()
    refused("forbidden", sign_ups.cancel_sign_up, sign_up=waiting, user=neighbour, now=NOW)


def test_someone_else_cannot_take_a_person_off_the_list(full, resident, neighbour):
    waiting = sign_ups.join_waiting_list(shift=full, user=neighbour, now=NOW)
    refused("forbidden", sign_ups.cancel_sign_up, sign_up=waiting, user=resident, now=NOW)


def test_a_stale_second_cancel_is_refused_and_moves_nobody_twice(full, resident, neighbour):
    """Two requests cancelling the same sign-up passed the permission with the row as it
    was; under the lock the second sees it cancelled and nothing moves up again."""
    sign_ups.join_waiting_list(shift=full, user=neighbour, now=NOW)
    mine = SignUp.objects.get(user=resident)
    stale = SignUp.objects.get(pk=mine.pk)
    sign_ups.cancel_sign_up(sign_up=mine, user=resident, now=NOW)
    refused("cancelled", sign_ups.cancel_sign_up, sign_up=stale, user=resident, now=NOW)
    assert Notification.objects.count() == 1


def test_cancels_and_move_ups_never_exceed_the_places(shift, doksan1):
    """A shift of 3 places, 3 signed up and 5 waiting: each cancellation (of someone signed
    up or waiting, in turn) keeps taken ≤ places, and the people signed up are always the
    earliest still in line."""
    people = [person(n, doksan1) for n in range(8)]
    for n, user in enumerate(people):
        when = NOW + timedelta(minutes=n)
        if n < 3:
            sign_ups.sign_up(shift=shift, user=user, now=when)
        else:
            sign_ups.join_waiting_list(shift=shift, user=user, now=when)
    for n in (0, 4, 1, 2, 6):
        live = SignUp.objects.get(user=people[n], status__in=sign_ups.LIVE)
        sign_ups.cancel_sign_up(sign_up=live, user=people[n], now=NOW + timedelta(hours=1))
        assert sign_ups.taken_places(shift) <= shift.places
    active = set(
        SignUp.objects.filter(status=SignUpStatus.ACTIVE).values_list("user_id", flat=True)
    )
    assert active == {people[3].pk, people[5].pk, people[7].pk}
    assert Notification.objects.count() == 4  # 3, 5, 6 and, when 6 cancelled, 7


def test_a_group_holding_places_keeps_them_from_the_waiting(shift, resident, neighbour):
    GroupSignUp.objects.create(
        shift=shift,
        organisation="(주)가산전자",
        head_count=2,
        contact_name="담당",
        contact="csr@example.kr",
        signed_up_by=neighbour,
        signed_up_at=NOW,
    )
    mine = sign_ups.sign_up(shift=shift, user=resident, now=NOW)
    waiting = sign_ups.join_waiting_list(shift=shift, user=neighbour, now=NOW)
    sign_ups.cancel_sign_up(sign_up=mine, user=resident, now=NOW)
    waiting.refresh_from_db()
    assert waiting.status == SignUpStatus.ACTIVE
    assert sign_ups.taken_places(shift) == 3


def test_hours_only_for_an_active_sign_up(full, resident, neighbour, leader):
    sign_ups.join_waiting_list(shift=full, user=neighbour, now=NOW)
    after = full.starts_at + timedelta(hours=2)
    refused(
        "not_signed_up",
        hours.confirm_hours,
        shift=full,
        volunteer=neighbour,
        staff=leader,
        now=after,
    )
    assert hours.confirm_hours(shift=full, volunteer=resident, staff=leader, now=after)
    assert HoursRecord.objects.count() == 1


def test_activity_without_this_shift_is_unaffected(full, camp, neighbour):
    other = make_shift(make_activity(camp, title="공원 정화"), places=1)
    refused("not_full", sign_ups.join_waiting_list, shift=other, user=neighbour, now=NOW)
