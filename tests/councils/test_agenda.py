"""Agenda discovery: writing items, promoting proposals (link and notifications), statuses, meetings."""

from datetime import timedelta
from typing import Any

import pytest
from django.contrib.contenttypes.models import ContentType
from django.utils import timezone

from maeul.core.errors import RuleViolation
from maeul.core.models import AuditEntry, Notification
from maeul.councils.models import AgendaItem, AgendaStatus, CouncilMember, Meeting, MeetingKind
from maeul.councils.services.agenda import (
    change_agenda_status,
    promote_proposal,
    record_meeting,
    write_agenda_item,
)
from maeul.proposals.models import ProposalLink, Status
from tests.factories import UserFactory
from tests.proposals.factories import ProposalFactory, SupportFactory

IP = "203.0.113.5"


@pytest.fixture
def proposal(doksan1, resident):
    return ProposalFactory(dong=doksan1, author=resident, title="골목길 가로등을 밝혀 주세요")


def write(council, author, now, **fields):
    values: dict[str, Any] = {
        "title": "마을 축제 개최",
        "description": "여름 축제",
        "year": timezone.localdate(now).year + 1,
    }
    values.update(fields)
    return write_agenda_item(council=council, author=author, now=now, ip=IP, **values)


def promote(proposal, council, staff, now, **fields):
    fields.setdefault("year", timezone.localdate(now).year + 1)
    return promote_proposal(
        proposal=proposal, council=council, staff=staff, now=now, ip=IP, **fields
    )


# --- Writing ------------------------------------------------------------------------------
def test_member_writes_an_agenda_item_for_their_section(
    doksan1_council, council_member, doksan1_sections, now
):
    item = write(
        doksan1_council,
        council_member.user,
        now,
        section=doksan1_sections[0],
        estimated_cost=5_000_000,
    )

    assert item.status == AgendaStatus.DISCOVERED
    assert (item.section, item.estimated_cost, item.created_by) == (
        doksan1_sections[0],
        5_000_000,
        council_member.user,
    )
    assert AuditEntry.objects.filter(
        action="councils.agenda_write", target_id=str(item.pk)
    ).exists()


def test_dong_staff_write_an_agenda_item(doksan1_council, dong_staff, now):
    assert write(doksan1_council, dong_staff, now).council == doksan1_council


@pytest.mark.parametrize("persona", ["neighbour", "other_dong_staff", "resident"])
def test_people_outside_the_council_cannot_write(doksan1_council, persona, request, now):
    user = request.getfixturevalue(persona)  # `resident` is not a member without council_member

    with pytest.raises(RuleViolation) as refusal:
        write(doksan1_council, user, now)

    assert refusal.value.code == "forbidden"
    assert not AgendaItem.objects.exists()


@pytest.mark.parametrize(
    ("fields", "code"),
    [
        ({"title": "   "}, "title"),
        ({"title": "가" * 201}, "title"),
        ({"estimated_cost": -1}, "cost"),
        ({"estimated_cost": 1.5}, "cost"),
        ({"year": 1999}, "year"),
        ({"year": 2999}, "year"),
    ],
)
def test_bad_agenda_items_are_refused(doksan1_council, dong_staff, now, fields, code):
    with pytest.raises(RuleViolation) as refusal:
        write(doksan1_council, dong_staff, now, **fields)

    assert refusal.value.code == code
    assert not AgendaItem.objects.exists()


def test_a_section_of_another_council_is_refused(doksan1_council, gasan_council, dong_staff, now):
    with pytest.raises(RuleViolation) as refusal:
        write(doksan1_council, dong_staff, now, section=gasan_council.sections.get())

    assert refusal.value.code == "section"


# --- Promotion ----------------------------------------------------------------------------
def test_promotion_keeps_the_link_both_ways(doksan1_council, proposal, dong_staff, now):
    item = promote(proposal, doksan1_council, dong_staff, now)

    assert (item.proposal, item.title, item.description) == (
        proposal,
        proposal.title,
        proposal.body,
    )
    link = ProposalLink.objects.get(proposal=proposal)
    assert (link.relation, link.target) == ("origin", item)
    assert link.target_type == ContentType.objects.get_for_model(AgendaItem)
    assert AuditEntry.objects.filter(action="councils.agenda_promote").count() == 1


def test_promotion_notifies_author_and_supporters_once_each(
    doksan1_council, proposal, resident, dong_staff, now
):
    supporters = [UserFactory() for _ in range(3)]
    for user in supporters:
        SupportFactory(proposal=proposal, user=user)
    SupportFactory(proposal=proposal, user=resident)  # the author supports their own too

    item = promote(proposal, doksan1_council, dong_staff, now)

    for user in [resident, *supporters]:
        notes = Notification.objects.filter(recipient=user)
        assert notes.count() == 1
        assert notes.get().url == f"/councils/agenda/{item.pk}/"
    assert Notification.objects.count() == 4
    assert not Notification.objects.filter(recipient=dong_staff).exists()


def test_promoting_the_same_proposal_twice_is_refused(doksan1_council, proposal, dong_staff, now):
    promote(proposal, doksan1_council, dong_staff, now)
    Notification.objects.all().delete()

    with pytest.raises(RuleViolation) as refusal:
        promote(proposal, doksan1_council, dong_staff, now)

    assert refusal.value.code == "already_promoted"
    assert AgendaItem.objects.count() == 1
    assert ProposalLink.objects.count() == 1
    assert not Notification.objects.exists()


def test_the_same_proposal_may_come_back_another_year(doksan1_council, proposal, dong_staff, now):
    promote(proposal, doksan1_council, dong_staff, now, year=timezone.localdate(now).year)
    promote(proposal, doksan1_council, dong_staff, now, year=timezone.localdate(now).year + 1)

    assert AgendaItem.objects.filter(proposal=proposal).count() == 2


@pytest.mark.parametrize("status", [Status.HIDDEN, Status.WITHDRAWN, Status.DRAFT, Status.MERGED])
def test_a_proposal_that_is_not_public_cannot_be_promoted(
    doksan1_council, proposal, dong_staff, now, status
):
    proposal.status = status
    proposal.hidden_reason = "욕설"
    proposal.save()

    with pytest.raises(RuleViolation) as refusal:
        promote(proposal, doksan1_council, dong_staff, now)

    assert refusal.value.code == "not_public"
    assert not AgendaItem.objects.exists()
    assert not Notification.objects.exists()


def test_a_proposal_of_another_district_cannot_be_promoted(
    doksan1_council, dangsan1, dong_staff, now
):
    other = ProposalFactory(dong=dangsan1)

    with pytest.raises(RuleViolation) as refusal:
        promote(other, doksan1_council, dong_staff, now)

    assert refusal.value.code == "other_place"
    assert not AgendaItem.objects.exists()


def test_a_proposal_of_another_dong_cannot_go_to_a_resident_council(
    doksan1_council, gasan, dong_staff, now
):
    with pytest.raises(RuleViolation) as refusal:
        promote(ProposalFactory(dong=gasan), doksan1_council, dong_staff, now)

    assert refusal.value.code == "other_place"


def test_a_district_wide_proposal_may_go_to_a_resident_council(
    doksan1_council, geumcheon, dong_staff, now
):
    whole = ProposalFactory(district=geumcheon, dong=None)

    assert promote(whole, doksan1_council, dong_staff, now).proposal == whole


def test_the_governance_council_takes_up_proposals_of_any_dong_of_its_district(
    governance_council, gasan, district_staff, now
):
    item = promote(ProposalFactory(dong=gasan), governance_council, district_staff, now)

    assert item.council == governance_council


def test_staff_of_another_dong_cannot_promote(doksan1_council, proposal, other_dong_staff, now):
    with pytest.raises(RuleViolation) as refusal:
        promote(proposal, doksan1_council, other_dong_staff, now)

    assert refusal.value.code == "forbidden"
    assert not AgendaItem.objects.exists()
    assert not Notification.objects.exists()


def test_a_council_member_who_is_not_staff_cannot_promote(
    doksan1_council, proposal, council_member, now
):
    with pytest.raises(RuleViolation):
        promote(proposal, doksan1_council, council_member.user, now)


# --- Status -------------------------------------------------------------------------------
def test_staff_drop_and_revive_an_item(doksan1_council, dong_staff, now):
    item = write(doksan1_council, dong_staff, now)

    change_agenda_status(
        status=AgendaStatus.DROPPED, item=item, reason="예산 부족", staff=dong_staff, now=now, ip=IP
    )
    item.refresh_from_db()
    assert item.status == AgendaStatus.DROPPED
    entry = AuditEntry.objects.get(action="councils.agenda_status")
    assert entry.changes == {"status": ["discovered", "dropped"], "reason": [None, "예산 부족"]}

    change_agenda_status(
        item=item, status=AgendaStatus.DISCOVERED, staff=dong_staff, now=now, ip=IP
    )
    item.refresh_from_db()
    assert item.status == AgendaStatus.DISCOVERED


@pytest.mark.parametrize("status", [AgendaStatus.PASSED, AgendaStatus.ON_ASSEMBLY, "nonsense"])
def test_the_assembly_statuses_cannot_be_set_by_hand(doksan1_council, dong_staff, now, status):
    item = write(doksan1_council, dong_staff, now)

    with pytest.raises(RuleViolation) as refusal:
        change_agenda_status(item=item, status=status, staff=dong_staff, now=now, ip=IP)

    assert refusal.value.code == "transition"
    item.refresh_from_db()
    assert item.status == AgendaStatus.DISCOVERED


def test_staff_of_another_dong_cannot_drop(doksan1_council, dong_staff, other_dong_staff, now):
    item = write(doksan1_council, dong_staff, now)

    with pytest.raises(RuleViolation):
        change_agenda_status(
            status=AgendaStatus.DROPPED, item=item, staff=other_dong_staff, now=now, ip=IP
        )

    item.refresh_from_db()
    assert item.status == AgendaStatus.DISCOVERED


# --- Meetings -----------------------------------------------------------------------------
def meet(council, staff, now, **fields):
    values = {
        "kind": MeetingKind.JOINT,
        "held_at": now - timedelta(hours=2),
        "place": "독산1동 주민센터 3층",
        "attendees": [],
        "guests": 2,
        "minutes": "## 안건\n- 축제 <script>alert(1)</script>",
    }
    values.update(fields)
    return record_meeting(council=council, staff=staff, now=now, ip=IP, **values)


def test_a_joint_meeting_is_recorded_with_attendance_and_minutes(
    doksan1_council, council_member, council_chair, dong_staff, now
):
    meeting = meet(doksan1_council, dong_staff, now, attendees=[council_member, council_chair])

    assert set(meeting.attendees.all()) == {council_member, council_chair}
    assert meeting.guests == 2
    assert "<script>" not in meeting.minutes_html
    assert "<li>" in meeting.minutes_html
    assert AuditEntry.objects.filter(action="councils.meeting_record").count() == 1


def test_a_member_of_another_council_cannot_attend(doksan1_council, gasan_term, dong_staff, now):
    stranger = CouncilMember.objects.create(
        term=gasan_term, public_name="이가산", joined_on=gasan_term.starts_on
    )

    with pytest.raises(RuleViolation) as refusal:
        meet(doksan1_council, dong_staff, now, attendees=[stranger])

    assert refusal.value.code == "attendees"
    assert not Meeting.objects.exists()


def test_a_member_who_left_cannot_attend(doksan1_council, council_member, dong_staff, now):
    council_member.left_on = (now - timedelta(days=3)).date()
    council_member.save()

    with pytest.raises(RuleViolation):
        meet(doksan1_council, dong_staff, now, attendees=[council_member])


@pytest.mark.parametrize(
    ("fields", "code"),
    [
        ({"held_at_offset": timedelta(days=1)}, "future"),
        ({"guests": -1}, "guests"),
        ({"kind": MeetingKind.SECTION}, "section"),
        ({"kind": "picnic"}, "kind"),
    ],
)
def test_bad_meetings_are_refused(doksan1_council, dong_staff, now, fields, code):
    if "held_at_offset" in fields:
        fields = {"held_at": now + fields.pop("held_at_offset")}

    with pytest.raises(RuleViolation) as refusal:
        meet(doksan1_council, dong_staff, now, **fields)

    assert refusal.value.code == code
    assert not Meeting.objects.exists()


def test_staff_of_another_dong_cannot_record_a_meeting(doksan1_council, other_dong_staff, now):
    with pytest.raises(RuleViolation):
        meet(doksan1_council, other_dong_staff, now)

    assert not Meeting.objects.exists()
