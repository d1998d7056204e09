"""Writing proposals: online by residents, offline by staff, withdrawal by the author."""

from datetime import timedelta

import pytest

from maeul.core.errors import RuleViolation
from maeul.core.models import AuditEntry
from maeul.proposals.models import Channel, Proposal, Status
from maeul.proposals.services.writing import (
    enter_offline_proposal,
    submit_proposal,
    withdraw_proposal,
)
from tests.korean import korean


@pytest.fixture
def write(resident, geumcheon, doksan1, categories, now):
    """Submit a proposal as `resident` of 독산1동, with sensible defaults."""

    def write(**fields):
        values = {
            "author": resident,
            "district": geumcheon,
            "dong": doksan1,
            "category": categories["교통"],
            "title": "공영주차장을 늘려 주세요",
            "body": "저녁마다 골목에 주차할 곳이 없습니다.",
            "now": now,
        }
        values.update(fields)
        return submit_proposal(**values)

    return write


def test_resident_submits_a_published_proposal(write, resident, now):
    proposal = write()

    proposal.refresh_from_db()
    assert proposal.status == Status.PUBLISHED
    assert proposal.author == resident
    assert proposal.published_at == now
    assert proposal.support_until == now + timedelta(days=30)
    assert proposal.support_count == 0
    assert proposal.channel == Channel.ONLINE
    assert proposal.support_is_open(now)


def test_a_draft_stays_unpublished(write):
    proposal = write(publish=False)

    assert proposal.status == Status.DRAFT
    assert proposal.published_at is None
    assert proposal.support_until is None
    assert not Proposal.objects.public().exists()


def test_unverified_resident_may_write(write, unverified_resident):
    assert write(author=unverified_resident).status == Status.PUBLISHED


def test_anonymous_cannot_write(write, anonymous):
    with pytest.raises(RuleViolation) as refused:
        write(author=anonymous)

    assert refused.value.message == korean("Please log in first.")
    assert not Proposal.objects.exists()


def test_title_of_101_characters_is_refused(write):
    with pytest.raises(RuleViolation) as refused:
        write(title="가" * 101)

    assert refused.value.code == "title"
    assert refused.value.message == korean("The title can be at most 100 characters.")
    assert not Proposal.objects.exists()


def test_title_of_100_characters_is_accepted(write):
    assert len(write(title="가" * 100).title) == 100


@pytest.mark.parametrize("body", ["", "   \n  "])
def test_empty_body_is_refused(write, body):
    with pytest.raises(RuleViolation) as refused:
        write(body=body)

    assert refused.value.message == korean("Please write what you propose.")
    assert not Proposal.objects.exists()


def test_dong_of_another_district_is_refused(write, dangsan1):
    with pytest.raises(RuleViolation) as refused:
        write(dong=dangsan1)

    assert refused.value.message == korean("The dong is not in this district.")
    assert not Proposal.objects.exists()


def test_category_of_another_district_is_refused(write, yeongdeungpo_category):
    with pytest.raises(RuleViolation) as refused:
        write(category=yeongdeungpo_category)

    assert refused.value.message == korean("The category is not one of this district's.")
    assert not Proposal.objects.exists()


@pytest.mark.parametrize(
    "fields",
    [
        {"title": "제 주민번호 900101-1234567 입니다"},
        {"body": "연락 주세요. 9001011234567"},
        {"place": "시흥대로 900101-2234567"},
    ],
    ids=["title", "body", "place"],
)
def test_resident_registration_number_is_refused_and_nothing_stored(write, fields):
    with pytest.raises(RuleViolation) as refused:
        write(**fields)

    assert refused.value.code == "resident_number"
    assert refused.value.message == korean(
        "Please remove the resident registration number. Maeul must not store it."
    )
    assert not Proposal.objects.exists()


def test_place_longer_than_200_characters_is_refused(write):
    with pytest.raises(RuleViolation) as refused:
        write(place="가" * 201)

    assert refused.value.code == "place"
    assert not Proposal.objects.exists()


def test_sixth_proposal_in_an_hour_is_refused(write, now):
    for n in range(5):
        write(title=f"제안 {n}", now=now + timedelta(minutes=n))

    with pytest.raises(RuleViolation) as refused:
        write(title="여섯 번째 제안", now=now + timedelta(minutes=10))

    assert refused.value.code == "rate_limited"
    assert refused.value.message == korean(
        "You can write up to 5 proposals an hour. Please try again later."
    )
    assert Proposal.objects.count() == 5


def test_the_proposal_limit_is_per_person(write, neighbour):
    for n in range(5):
        write(title=f"제안 {n}")

    assert write(author=neighbour).author == neighbour


def test_mass_assignment_is_impossible(write):
    with pytest.raises(TypeError):
        write(status=Status.DONE)
    with pytest.raises(TypeError):
        write(support_count=1000)

    proposal = write()
    proposal.refresh_from_db()
    assert proposal.support_count == 0
    assert proposal.status == Status.PUBLISHED
    assert proposal.department is None
    assert proposal.excellent_from is None


# --- Offline entry -----------------------------------------------------------------------
@pytest.fixture
def enter(geumcheon, doksan1, categories, now):
    def enter(staff, **fields):
        values = {
            "staff": staff,
            "district": geumcheon,
            "dong": doksan1,
            "category": categories["안전"],
            "title": "놀이터 옆 횡단보도가 위험해요",
            "body": "거리 부스에서 받은 한 줄 제안",
            "channel": Channel.STREET_BOOTH,
            "ip": "203.0.113.7",
            "now": now,
        }
        values.update(fields)
        return enter_offline_proposal(**values)

    return enter


def test_dong_staff_enters_a_street_booth_proposal(enter, dong_staff, now):
    proposal = enter(dong_staff, author_name="김 어르신")

    proposal.refresh_from_db()
    assert proposal.channel == Channel.STREET_BOOTH
    assert proposal.author is None
    assert proposal.author_name == "김 어르신"
    assert proposal.proposer_label == "김 어르신"
    assert proposal.entered_by == dong_staff
    assert proposal.status == Status.PUBLISHED
    assert proposal.support_until == now + timedelta(days=30)
    entry = AuditEntry.objects.get(action="proposals.enter_offline")
    assert entry.actor == dong_staff
    assert entry.target_id == str(proposal.pk)
    assert entry.ip_address == "203.0.113.7"


def test_the_name_is_optional_offline(enter, dong_staff):
    proposal = enter(dong_staff)

    assert proposal.author_name == ""
    assert proposal.proposer_label == korean("Resident")


def test_resident_cannot_enter_offline_proposals(enter, resident):
    with pytest.raises(RuleViolation) as refused:
        enter(resident)

    assert refused.value.message == korean("Only staff may do this.")
    assert not Proposal.objects.exists()
    assert not AuditEntry.objects.exists()


def test_dong_staff_cannot_enter_for_another_dong(enter, other_dong_staff):
    with pytest.raises(RuleViolation):
        enter(other_dong_staff)

    assert not Proposal.objects.exists()


def test_offline_entry_needs_an_offline_channel(enter, dong_staff):
    with pytest.raises(RuleViolation) as refused:
        enter(dong_staff, channel=Channel.ONLINE)

    assert refused.value.code == "channel"
    assert not Proposal.objects.exists()


def test_offline_entry_refuses_a_resident_number_in_the_name(enter, dong_staff):
    with pytest.raises(RuleViolation):
        enter(dong_staff, author_name="9001011234567")

    assert not Proposal.objects.exists()


# --- Withdrawal ----------------------------------------------------------------------------
def test_author_withdraws_before_the_answer(proposal, resident, now):
    withdraw_proposal(author=resident, proposal=proposal, now=now)

    proposal.refresh_from_db()
    assert proposal.status == Status.WITHDRAWN
    assert not Proposal.objects.public().filter(pk=proposal.pk).exists()


def test_author_cannot_withdraw_after_the_answer(proposal, resident, now):
    proposal.status = Status.ANSWERED
    proposal.save()

    with pytest.raises(RuleViolation) as refused:
        withdraw_proposal(author=resident, proposal=proposal, now=now)

    assert refused.value.message == korean(
        "A proposal cannot be withdrawn after it has been answered."
    )
    proposal.refresh_from_db()
    assert proposal.status == Status.ANSWERED


@pytest.mark.parametrize("persona", ["neighbour", "dong_staff", "district_staff", "anonymous"])
def test_nobody_else_can_withdraw(request, proposal, persona, now):
    with pytest.raises(RuleViolation):
        withdraw_proposal(author=request.getfixturevalue(persona), proposal=proposal, now=now)

    proposal.refresh_from_db()
    assert proposal.status == Status.PUBLISHED
