"""A forum's capacity follows its district's capacity policy (거리두기): the cap is the one
`spaces.models.capped_capacity` gives rooms; registrations beyond it wait; the page says why."""

import pytest
from django.urls import reverse
from django.utils import timezone

from maeul.consultations.models import RegistrationStatus, TargetGroup
from maeul.consultations.services import forums
from maeul.places.models import District
from maeul.spaces.models import CapacityPolicy, capped_capacity
from tests.consultations.conftest import NOW, respondent
from tests.consultations.test_forums import make_forum
from tests.korean import assert_shows, page_text

pytestmark = pytest.mark.django_db


def _level(district, name="사회적 거리두기 2단계", percent=30, active=True):
    return CapacityPolicy.objects.create(
        district=district, name=name, percent=percent, is_active=active
    )


def test_the_cap_is_the_spaces_rule():
    level = CapacityPolicy(percent=30)
    assert capped_capacity(10, None) == 10
    assert capped_capacity(10, level) == 3
    assert capped_capacity(2, level) == 1
    assert capped_capacity(10, CapacityPolicy(percent=0)) == 0


def test_registrations_beyond_the_capped_capacity_wait(geumcheon, district_staff, doksan1):
    forum = make_forum(geumcheon, district_staff, capacity=10)
    _level(geumcheon)
    people = [respondent(doksan1, birth_year=1980 + i) for i in range(4)]

    statuses = [
        forums.register_for_forum(
            user=p, forum=forum, target_group=TargetGroup.YOUTH, now=NOW
        ).status
        for p in people
    ]

    assert forums.seats_of(forum).capacity == 3
    assert statuses == ["registered"] * 3 + ["waiting"]


def test_a_level_in_force_elsewhere_or_not_in_force_changes_nothing(
    geumcheon, district_staff, doksan1
):
    forum = make_forum(geumcheon, district_staff, capacity=10)
    _level(geumcheon, name="사회적 거리두기 1.5단계", percent=50, active=False)
    other = District.objects.exclude(pk=geumcheon.pk).first()
    if other is not None:
        _level(other)
    assert forums.seats_of(forum).capacity == 10
    assert not forums.seats_of(forum).capped


def test_a_closed_level_puts_everyone_on_the_waiting_list(geumcheon, district_staff, resident):
    forum = make_forum(geumcheon, district_staff, capacity=10)
    _level(geumcheon, name="사회적 거리두기 3단계", percent=0)
    registration = forums.register_for_forum(
        user=resident, forum=forum, target_group=TargetGroup.YOUTH, now=NOW
    )
    assert registration.status == RegistrationStatus.WAITING


def test_a_cancellation_moves_nobody_up_while_above_the_cap(geumcheon, district_staff, doksan1):
    forum = make_forum(geumcheon, district_staff, capacity=4)
    people = [respondent(doksan1, birth_year=1980 + i) for i in range(5)]
    done = [
        forums.register_for_forum(user=p, forum=forum, target_group=TargetGroup.YOUTH, now=NOW)
        for p in people
    ]
    _level(geumcheon, percent=50)  # 4 → 2 seats; four already hold one

    moved = forums.cancel_registration(user=people[0], registration=done[0], now=NOW)

    assert moved is None
    done[4].refresh_from_db()
    assert done[4].status == RegistrationStatus.WAITING


def test_the_forum_page_says_why(client, geumcheon, district_staff):
    forum = make_forum(geumcheon, district_staff, now=timezone.now(), capacity=40)
    plain = client.get(forum.get_absolute_url())
    _level(geumcheon)

    page = client.get(forum.get_absolute_url())

    assert "거리두기" not in page_text(plain)
    assert_shows(
        page, "Under %(policy)s, at most %(cap)s people.", policy="사회적 거리두기 2단계", cap=12
    )
    assert_shows(page, "%(left)s of %(capacity)s left", left=12, capacity=12)


def test_the_staff_desk_says_it_too(client, geumcheon, district_staff):
    forum = make_forum(geumcheon, district_staff, now=timezone.now(), capacity=40)
    _level(geumcheon, name="사회적 거리두기 1.5단계", percent=50)
    client.force_login(district_staff)

    desk = client.get(reverse("consultations:staff_forum", args=[forum.pk]))

    assert_shows(
        desk, "Under %(policy)s, at most %(cap)s people.", policy="사회적 거리두기 1.5단계", cap=20
    )
