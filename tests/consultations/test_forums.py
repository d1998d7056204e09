"""Offline forums: registration by invited group up to the capacity, the waiting list moving
up on a cancellation, attendance and table notes once the forum starts, the outcome linked
to proposals and shown on the proposal it came from, and the yearly 협치론장 target."""

from datetime import datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from maeul.consultations.models import (
    Forum,
    ForumKind,
    Registration,
    RegistrationStatus,
    TableNote,
    TargetGroup,
)
from maeul.consultations.services import forums
from maeul.consultations.services.forums import ForumSpec
from maeul.core.dates import SEOUL
from maeul.core.errors import RuleViolation
from tests.consultations.conftest import NOW, respondent
from tests.korean import assert_shows, korean
from tests.proposals.factories import ProposalFactory

pytestmark = pytest.mark.django_db


def make_forum(district, staff, *, now=NOW, **overrides) -> Forum:
    fields = {
        "kind": ForumKind.POLICY,
        "title": "2021 정책공론장: 청년이 살기 좋은 금천",
        "place": "금천구청 대강당",
        "starts_at": now + timedelta(days=7),
        "ends_at": now + timedelta(days=7, hours=3),
        "capacity": 2,
        "target_groups": [TargetGroup.YOUTH, TargetGroup.WORKERS],
        "panels": "발제: 청년정책 연구자\n토론: 주민자치회 위원",
    }
    fields.update(overrides)
    return forums.create_forum(
        spec=ForumSpec(**fields), district=district, staff=staff, ip=None, now=now
    )


@pytest.fixture
def forum(geumcheon, district_staff):
    return make_forum(geumcheon, district_staff)


def _register(forum, user, group=TargetGroup.YOUTH, now=NOW):
    return forums.register_for_forum(user=user, forum=forum, target_group=group, now=now)


def _refused(call) -> RuleViolation:
    before = Registration.objects.count()
    with translation.override("ko"), pytest.raises(RuleViolation) as refusal:
        call()
    assert Registration.objects.count() == before
    return refusal.value


def test_seats_then_the_waiting_list_then_moving_up(forum, resident, neighbour, doksan1):
    third = respondent(doksan1)
    first, second = _register(forum, resident), _register(forum, neighbour, TargetGroup.WORKERS)
    waiting = _register(forum, third)
    assert [r.status for r in (first, second, waiting)] == ["registered", "registered", "waiting"]

    moved = forums.cancel_registration(user=resident, registration=first, now=NOW)

    assert moved == waiting
    waiting.refresh_from_db()
    assert waiting.status == RegistrationStatus.REGISTERED


def test_register_once(forum, resident):
    _register(forum, resident)

    refusal = _refused(lambda: _register(forum, resident))

    assert refusal.message == korean("You have already registered for this forum.")


def test_register_again_after_cancelling(forum, resident):
    forums.cancel_registration(user=resident, registration=_register(forum, resident), now=NOW)

    assert _register(forum, resident).status == RegistrationStatus.REGISTERED


def test_only_invited_groups(forum, resident):
    refusal = _refused(lambda: _register(forum, resident, TargetGroup.MERCHANTS))

    assert refusal.message == korean("Choose one of the groups this forum invites.")


def test_no_registration_once_started(forum, resident):
    refusal = _refused(lambda: _register(forum, resident, now=forum.starts_at))

    assert refusal.message == korean("Registration has closed: the forum has started.")


def test_unverified_people_cannot_register(forum, unverified_resident):
    assert _refused(lambda: _register(forum, unverified_resident)).code == "forbidden"


def test_attendance_and_notes_only_once_started(forum, resident, district_staff):
    registration = _register(forum, resident)
    with translation.override("ko"), pytest.raises(RuleViolation):
        forums.add_table_note(
            forum=forum, table="1모둠", body="공원", staff=district_staff, ip=None, now=NOW
        )
    after = forum.ends_at + timedelta(days=1)

    forums.mark_attendance(
        forum=forum, present=[registration.pk], staff=district_staff, ip=None, now=after
    )
    forums.add_table_note(
        forum=forum,
        table="상상 테이블",
        body="<script>x</script> 청년 공간",
        staff=district_staff,
        ip=None,
        now=after,
    )

    registration.refresh_from_db()
    assert registration.attended is True
    assert TableNote.objects.get().body.startswith("<script>")


def test_table_notes_with_a_resident_number_are_refused(forum, district_staff):
    with translation.override("ko"), pytest.raises(RuleViolation) as refusal:
        forums.add_table_note(
            forum=forum,
            table="1모둠",
            body="900101-1234567",
            staff=district_staff,
            ip=None,
            now=forum.ends_at,
        )

    assert refusal.value.code == "resident_number"
    assert TableNote.objects.count() == 0


def test_dong_staff_cannot_run_a_district_forum(forum, dong_staff):
    with translation.override("ko"), pytest.raises(RuleViolation) as refusal:
        forums.add_table_note(
            forum=forum, table="1모둠", body="공원", staff=dong_staff, ip=None, now=forum.ends_at
        )

    assert refusal.value.code == "forbidden"


def test_governance_forums_against_the_yearly_target(geumcheon, district_staff):
    for month in range(1, 7):
        when = datetime(2019, month, 10, 14, tzinfo=SEOUL)
        make_forum(
            geumcheon,
            district_staff,
            now=when - timedelta(days=10),
            kind=ForumKind.GOVERNANCE,
            starts_at=when,
            ends_at=when + timedelta(hours=2),
        )
    when = datetime(2018, 11, 10, 14, tzinfo=SEOUL)
    make_forum(
        geumcheon,
        district_staff,
        now=when,
        kind=ForumKind.GOVERNANCE,
        starts_at=when,
        ends_at=when + timedelta(hours=2),
    )

    years = forums.governance_forums_by_year(geumcheon, datetime(2020, 1, 5, tzinfo=SEOUL))

    assert [(y.year, y.held, y.met) for y in years] == [
        (2018, 1, False),
        (2019, 6, True),
        (2020, 0, False),
    ]


def test_the_outcome_shows_on_the_proposal_it_came_from(
    client, geumcheon, district_staff, resident
):
    proposal = ProposalFactory(district=geumcheon, author=resident)
    now = timezone.now()
    forum = make_forum(
        geumcheon,
        district_staff,
        now=now - timedelta(days=10),
        kind=ForumKind.WORKSHOP,
        proposal=proposal,
    )
    client.force_login(district_staff)

    response = client.post(
        reverse("consultations:staff_forum_outcome", args=[forum.pk]),
        {"text": "놀이터 그늘막을 내년 사업으로 제안합니다.", "proposals": str(proposal.pk)},
    )

    assert response.status_code == 302
    page = client.get(proposal.get_absolute_url()).content.decode()
    assert "놀이터 그늘막을 내년 사업으로 제안합니다." in page


def test_forum_pages_register_and_cancel(client, geumcheon, district_staff, resident):
    forum = make_forum(geumcheon, district_staff, now=timezone.now())
    assert client.get(reverse("consultations:forums")).status_code == 200
    client.force_login(resident)

    client.post(reverse("consultations:forum_register", args=[forum.pk]), {"target_group": "youth"})
    page = client.get(forum.get_absolute_url())
    registration = Registration.objects.get()
    refused = client.post(
        reverse("consultations:forum_register", args=[forum.pk]),
        {"target_group": "youth"},
        follow=True,
    )
    client.post(reverse("consultations:forum_cancel", args=[registration.pk]))

    assert_shows(page, "You are registered (as %(group)s).", group="청소년")
    assert_shows(refused, "You have already registered for this forum.")
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.CANCELLED


def test_staff_forum_pages(client, geumcheon, district_staff, other_district_staff):
    forum = make_forum(geumcheon, district_staff, now=timezone.now())
    client.force_login(district_staff)
    assert client.get(reverse("consultations:staff_forums")).status_code == 200
    assert client.get(reverse("consultations:staff_forum", args=[forum.pk])).status_code == 200
    early = client.post(
        reverse("consultations:staff_forum_note", args=[forum.pk]),
        {"table": "1모둠", "body": "공원"},
    )
    assert early.status_code == 403
    client.force_login(other_district_staff)
    assert client.get(reverse("consultations:staff_forum", args=[forum.pk])).status_code == 404
