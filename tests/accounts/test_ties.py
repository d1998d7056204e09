"""Dong ties (issue 9): one current tie per kind, a 30-day pause after a change, history kept,
every change audited; staff confirm a tie in person."""

from datetime import timedelta

import pytest
from django.db import IntegrityError, transaction
from django.utils import timezone

from maeul.accounts.models import DongTie, TieKind
from maeul.accounts.services import (
    add_dong_tie,
    confirm_tie,
    move_dong_tie,
    next_tie_change,
    remove_dong_tie,
)
from maeul.core.errors import RuleViolation
from maeul.core.models import AuditEntry
from maeul.core.permissions.base import ties_of
from tests.factories import DongTieFactory
from tests.korean import assert_shows, korean

PROFILE = "/me/"
KIND_LABELS = {"lives": "lives here", "works": "works here", "studies": "studies here"}


def _pause_message(kind: str, ready) -> str:
    return korean(
        "Your tie (%(kind)s) changed less than 30 days ago. You can change it again from %(date)s.",
        kind=korean(KIND_LABELS[kind]),
        date=timezone.localtime(ready).strftime("%Y-%m-%d %H:%M"),
    )


# --- One current tie per kind -------------------------------------------------------------


def test_a_second_tie_of_one_kind_is_refused(resident, gasan):
    now = timezone.now()

    with pytest.raises(RuleViolation) as refused:
        add_dong_tie(user=resident, dong=gasan, kind=TieKind.LIVES, now=now)

    assert refused.value.code == "duplicate_tie"
    assert refused.value.message == korean(
        "You already have a tie of this kind (%(kind)s): one dong per kind. "
        "If you moved, change the dong of that tie instead.",
        kind=korean("lives here"),
    )
    assert list(resident.dong_ties.values_list("dong__name", flat=True)) == ["독산1동"]
    assert not AuditEntry.objects.exists()


def test_the_database_holds_one_current_tie_per_kind(resident, gasan):
    with pytest.raises(IntegrityError), transaction.atomic():
        DongTie.objects.create(user=resident, dong=gasan, kind=TieKind.LIVES)


def test_ties_of_other_kinds_are_added_freely_and_audited(resident, gasan, doksan1):
    now = timezone.now()

    works = add_dong_tie(user=resident, dong=gasan, kind=TieKind.WORKS, now=now, ip="203.0.113.9")
    add_dong_tie(user=resident, dong=doksan1, kind=TieKind.STUDIES, now=now)

    assert works.started_at == now
    assert resident.dong_ties.current().count() == 3
    entry = AuditEntry.objects.filter(action="accounts.add_tie").order_by("id").first()
    assert entry is not None
    assert (entry.actor, entry.target_id, entry.ip_address) == (
        resident,
        str(resident.pk),
        "203.0.113.9",
    )
    assert entry.changes == {"works": [None, f"가산동 ({gasan.code})"]}


# --- Ending and moving: history kept, a pause after each change ---------------------------


def test_removing_a_tie_ends_it_and_keeps_the_history(resident):
    now = timezone.now()
    tie = resident.dong_ties.get()

    remove_dong_tie(user=resident, tie_id=tie.pk, now=now)

    tie.refresh_from_db()
    assert tie.ended_at == now
    assert ties_of(resident) == []
    assert DongTie.objects.held_at(now - timedelta(days=1)).filter(pk=tie.pk).exists()
    assert not DongTie.objects.held_at(now).filter(pk=tie.pk).exists()
    entry = AuditEntry.objects.get(action="accounts.end_tie")
    assert entry.changes == {"lives": [f"독산1동 ({tie.dong.code})", None]}


def test_a_second_change_within_30_days_is_refused(resident, gasan):
    now = timezone.now()
    tie = add_dong_tie(user=resident, dong=gasan, kind=TieKind.WORKS, now=now)
    later = now + timedelta(days=29)

    with pytest.raises(RuleViolation) as refused:
        remove_dong_tie(user=resident, tie_id=tie.pk, now=later)

    assert refused.value.code == "tie_paused"
    assert refused.value.message == _pause_message("works", now + timedelta(days=30))
    tie.refresh_from_db()
    assert tie.ended_at is None
    assert AuditEntry.objects.filter(action="accounts.end_tie").count() == 0

    remove_dong_tie(user=resident, tie_id=tie.pk, now=now + timedelta(days=30))

    tie.refresh_from_db()
    assert tie.ended_at == now + timedelta(days=30)


def test_re_adding_a_kind_ended_within_30_days_is_refused(resident, gasan):
    """The trick of the issue, later: add a tie, vote, remove it, and add it back elsewhere."""
    now = timezone.now()
    tie = resident.dong_ties.get()
    remove_dong_tie(user=resident, tie_id=tie.pk, now=now)

    with pytest.raises(RuleViolation) as refused:
        add_dong_tie(user=resident, dong=gasan, kind=TieKind.LIVES, now=now + timedelta(days=3))

    assert refused.value.code == "tie_paused"
    assert not resident.dong_ties.current().exists()


def test_a_tie_of_a_kind_never_held_is_not_paused(resident, gasan):
    now = timezone.now()

    assert next_tie_change(resident, TieKind.STUDIES, now) is None
    add_dong_tie(user=resident, dong=gasan, kind=TieKind.STUDIES, now=now)

    assert next_tie_change(resident, TieKind.STUDIES, now) == now + timedelta(days=30)


def test_moving_a_tie_ends_the_old_one_and_starts_a_new_one(resident, gasan):
    now = timezone.now()
    old = resident.dong_ties.get()
    old.confirmed_at = now - timedelta(days=100)
    old.save()

    moved = move_dong_tie(user=resident, tie_id=old.pk, dong=gasan, now=now)

    old.refresh_from_db()
    assert old.ended_at == now
    assert (moved.dong, moved.kind, moved.started_at) == (gasan, TieKind.LIVES, now)
    assert moved.confirmed_at is None  # a confirmation belongs to the dong that was checked
    entry = AuditEntry.objects.get(action="accounts.move_tie")
    assert entry.changes == {"lives": [f"독산1동 ({old.dong.code})", f"가산동 ({gasan.code})"]}

    with pytest.raises(RuleViolation) as refused:
        move_dong_tie(user=resident, tie_id=moved.pk, dong=old.dong, now=now + timedelta(days=1))
    assert refused.value.code == "tie_paused"


def test_an_ended_tie_cannot_be_removed_or_moved_again(resident, gasan):
    now = timezone.now()
    tie = resident.dong_ties.get()
    remove_dong_tie(user=resident, tie_id=tie.pk, now=now)

    for change in (
        lambda: remove_dong_tie(user=resident, tie_id=tie.pk, now=now + timedelta(days=60)),
        lambda: move_dong_tie(
            user=resident, tie_id=tie.pk, dong=gasan, now=now + timedelta(days=60)
        ),
    ):
        with pytest.raises(RuleViolation) as refused:
            change()
        assert refused.value.message == korean("This tie does not exist.")


# --- Pages ------------------------------------------------------------------------------


def test_profile_shows_current_ties_only_with_their_state(client, resident, gasan):
    ended = DongTieFactory(user=resident, dong=gasan, kind=TieKind.WORKS, ended_at=timezone.now())
    client.force_login(resident)

    response = client.get(PROFILE)

    assert [tie.pk for tie in response.context["ties"]] == [resident.dong_ties.current().get().pk]
    assert ended.pk not in [tie.pk for tie in response.context["ties"]]
    assert f"/me/ties/{ended.pk}/delete/" not in response.content.decode()


def test_second_tie_of_a_kind_on_the_page_is_refused_with_the_reason(client, resident, gasan):
    client.force_login(resident)

    response = client.post("/me/ties/", {"dong": gasan.pk, "kind": TieKind.LIVES})

    assert response.status_code == 400
    assert_shows(
        response,
        "You already have a tie of this kind (%(kind)s): one dong per kind. "
        "If you moved, change the dong of that tie instead.",
        kind=korean("lives here"),
    )
    assert resident.dong_ties.count() == 1


def test_removing_a_just_added_tie_on_the_page_names_the_date(client, resident, gasan):
    client.force_login(resident)
    client.post("/me/ties/", {"dong": gasan.pk, "kind": TieKind.WORKS})
    tie = resident.dong_ties.get(kind=TieKind.WORKS)

    response = client.post(f"/me/ties/{tie.pk}/delete/", follow=True)

    assert "30일" in response.content.decode()
    tie.refresh_from_db()
    assert tie.ended_at is None


def test_move_on_the_page(client, resident, gasan):
    client.force_login(resident)
    tie = resident.dong_ties.get()

    response = client.post(f"/me/ties/{tie.pk}/move/", {"new_dong": gasan.pk})

    assert response.status_code == 302
    assert resident.dong_ties.current().get().dong == gasan
    assert_shows(client.get(PROFILE), "The dong tie was moved.")


def test_move_without_a_dong_changes_nothing(client, resident):
    client.force_login(resident)
    tie = resident.dong_ties.get()

    response = client.post(f"/me/ties/{tie.pk}/move/", {}, follow=True)

    assert_shows(response, "Choose the new dong.")
    tie.refresh_from_db()
    assert tie.ended_at is None


def test_moving_another_persons_tie_is_refused(client, resident, neighbour, doksan1):
    client.force_login(resident)
    tie = neighbour.dong_ties.get()

    response = client.post(f"/me/ties/{tie.pk}/move/", {"new_dong": doksan1.pk}, follow=True)

    assert_shows(response, "This tie does not exist.")
    assert neighbour.dong_ties.current().get().dong.name == "가산동"


# --- Staff confirm a tie in person ---------------------------------------------------------


def test_dong_staff_confirm_a_tie_of_their_dong(dong_staff, resident):
    now = timezone.now()
    tie = resident.dong_ties.get()

    confirm_tie(staff=dong_staff, tie=tie, now=now, ip="203.0.113.5")

    tie.refresh_from_db()
    assert (tie.confirmed_at, tie.confirmed_by) == (now, dong_staff)
    entry = AuditEntry.objects.get(action="accounts.confirm_tie")
    assert (entry.actor, entry.target_id) == (dong_staff, str(tie.pk))
    assert entry.changes["confirmed_by"] == [None, dong_staff.pk]


@pytest.mark.parametrize(
    ("persona", "allowed"),
    [
        ("dong_staff", True),
        ("district_staff", True),
        ("other_dong_staff", False),
        ("other_district_staff", False),
        ("resident", False),
        ("site_admin", False),
    ],
)
def test_who_may_confirm_a_tie_of_doksan1(request, unverified_resident, persona, allowed):
    staff = request.getfixturevalue(persona)
    tie = unverified_resident.dong_ties.get()

    if allowed:
        confirm_tie(staff=staff, tie=tie, now=timezone.now(), ip=None)
    else:
        with pytest.raises(RuleViolation) as refused:
            confirm_tie(staff=staff, tie=tie, now=timezone.now(), ip=None)
        assert refused.value.code == "forbidden"

    tie.refresh_from_db()
    assert tie.is_confirmed is allowed
    assert AuditEntry.objects.filter(action="accounts.confirm_tie").exists() is allowed


def test_a_tie_is_confirmed_once(dong_staff, district_staff, resident):
    tie = resident.dong_ties.get()
    confirm_tie(staff=dong_staff, tie=tie, now=timezone.now(), ip=None)
    tie.refresh_from_db()

    with pytest.raises(RuleViolation) as refused:
        confirm_tie(staff=district_staff, tie=tie, now=timezone.now(), ip=None)

    assert refused.value.message == korean("This tie is already confirmed.")
    tie.refresh_from_db()
    assert tie.confirmed_by == dong_staff
