"""What staff do with proposals: answer, move along the lifecycle, hide, reward, merge."""

from datetime import datetime, timedelta

import pytest

from maeul.core.dates import SEOUL
from maeul.core.errors import RuleViolation
from maeul.core.models import AuditEntry, Notification
from maeul.proposals.models import Answer, AnswerLevel, Decision, Proposal, Status, Support
from maeul.proposals.services.review import (
    answer_proposal,
    assign_department,
    change_status,
    mark_excellent,
    merge_proposals,
)
from maeul.proposals.services.support import support_proposal
from tests.korean import korean
from tests.proposals.factories import ProposalFactory

IP = "198.51.100.20"


@pytest.fixture
def assigned(proposal, departments, now):
    proposal.department = departments["교통행정과"]
    proposal.assigned_at = now
    proposal.answer_level = AnswerLevel.DEPARTMENT
    proposal.answer_due = now + timedelta(days=30)
    proposal.status = Status.REVIEWING
    proposal.save()
    return proposal


def _answer(staff, proposal, now, decision=Decision.ACCEPTED, body="내년 예산에 반영하겠습니다."):
    return answer_proposal(
        staff=staff, proposal=proposal, decision=decision, body=body, ip=IP, now=now
    )


def test_department_staff_answers(
    assigned,
    department_staff,
    resident,
    neighbour,
    now,
    mailoutbox,
    immediate_tasks,
    django_capture_on_commit_callbacks,
):
    support_proposal(proposal=assigned, user=neighbour, now=now)

    with django_capture_on_commit_callbacks(execute=True):
        answer = _answer(department_staff, assigned, now)

    assigned.refresh_from_db()
    assert assigned.status == Status.ANSWERED
    assert assigned.answered_at == now
    assert Answer.objects.get(proposal=assigned) == answer
    assert answer.decision == Decision.ACCEPTED
    assert answer.department == assigned.department
    assert answer.author == department_staff
    told = set(
        Notification.objects.filter(kind="proposal_answered").values_list("recipient", flat=True)
    )
    assert told == {resident.pk, neighbour.pk}
    assert {message.to[0] for message in mailoutbox} == {resident.email, neighbour.email}
    entry = AuditEntry.objects.get(action="proposals.answer")
    assert entry.actor == department_staff
    assert entry.ip_address == IP
    assert entry.changes["status"] == [Status.REVIEWING, Status.ANSWERED]
    assert entry.changes["decision"] == [None, Decision.ACCEPTED]


@pytest.mark.parametrize(
    "persona", ["district_staff", "other_district_staff", "dong_staff", "resident"]
)
def test_others_cannot_answer(request, assigned, persona, now):
    with pytest.raises(RuleViolation):
        _answer(request.getfixturevalue(persona), assigned, now)

    assigned.refresh_from_db()
    assert assigned.status == Status.REVIEWING
    assert not Answer.objects.exists()
    assert not AuditEntry.objects.exists()


def test_staff_of_another_department_cannot_answer(assigned, head_office_staff, now):
    with pytest.raises(RuleViolation) as refused:
        _answer(head_office_staff, assigned, now)

    assert refused.value.message == korean("Only staff of the assigned department may answer.")
    assert not Answer.objects.exists()


def test_head_office_answers_for_the_district_head(assigned, head_office_staff, now):
    assigned.answer_level = AnswerLevel.HEAD
    assigned.save()

    answer = _answer(head_office_staff, assigned, now)

    assert answer.level == AnswerLevel.HEAD


def test_answer_before_assignment_is_refused(proposal, department_staff, now):
    with pytest.raises(RuleViolation) as refused:
        _answer(department_staff, proposal, now)

    assert refused.value.message == korean("Assign the proposal to a department first.")
    proposal.refresh_from_db()
    assert proposal.status == Status.PUBLISHED
    assert not Answer.objects.exists()


def test_district_staff_assigns_then_department_answers(
    proposal, district_staff, department_staff, departments, now
):
    assign_department(
        staff=district_staff,
        proposal=proposal,
        department=departments["교통행정과"],
        ip=IP,
        now=now,
    )

    proposal.refresh_from_db()
    assert proposal.status == Status.REVIEWING
    assert proposal.answer_due == now + timedelta(days=30)
    assert AuditEntry.objects.filter(action="proposals.assign", actor=district_staff).exists()
    assert _answer(department_staff, proposal, now + timedelta(days=3)).pk


def test_status_moves_from_answered_to_in_progress_to_done(
    assigned, department_staff, district_staff, resident, now
):
    _answer(department_staff, assigned, now)

    change_status(
        staff=district_staff, proposal=assigned, status=Status.IN_PROGRESS, ip=IP, now=now
    )
    assigned.refresh_from_db()
    assert assigned.status == Status.IN_PROGRESS
    change_status(staff=district_staff, proposal=assigned, status=Status.DONE, ip=IP, now=now)
    assigned.refresh_from_db()
    assert assigned.status == Status.DONE
    assert AuditEntry.objects.filter(action="proposals.status.done", ip_address=IP).exists()
    assert Notification.objects.filter(recipient=resident, kind="proposal_status").count() == 2


def test_illegal_transition_is_refused_in_korean(proposal, district_staff, now):
    with pytest.raises(RuleViolation) as refused:
        change_status(staff=district_staff, proposal=proposal, status=Status.DONE, ip=IP, now=now)

    assert refused.value.code == "transition"
    assert refused.value.message == korean(
        "A proposal that is %(now)s cannot become %(next)s.",
        now=korean("Received"),
        next=korean("Done"),
    )
    proposal.refresh_from_db()
    assert proposal.status == Status.PUBLISHED
    assert not AuditEntry.objects.exists()


def test_an_unknown_status_is_refused(proposal, district_staff, now):
    with pytest.raises(RuleViolation):
        change_status(staff=district_staff, proposal=proposal, status="deleted", ip=IP, now=now)


def test_resident_cannot_change_the_status(proposal, resident, now):
    with pytest.raises(RuleViolation):
        change_status(staff=resident, proposal=proposal, status=Status.REVIEWING, ip=IP, now=now)

    proposal.refresh_from_db()
    assert proposal.status == Status.PUBLISHED


def test_hiding_needs_a_reason(proposal, dong_staff, now):
    with pytest.raises(RuleViolation) as refused:
        change_status(
            staff=dong_staff, proposal=proposal, status=Status.HIDDEN, ip=IP, now=now, reason=" "
        )

    assert refused.value.message == korean(
        "Please give the reason for hiding. It is shown publicly."
    )
    proposal.refresh_from_db()
    assert proposal.status == Status.PUBLISHED


def test_dong_staff_hides_with_a_public_reason(proposal, dong_staff, resident, now):
    change_status(
        staff=dong_staff,
        proposal=proposal,
        status=Status.HIDDEN,
        ip=IP,
        now=now,
        reason="광고성 글",
    )

    proposal.refresh_from_db()
    assert proposal.status == Status.HIDDEN
    assert proposal.hidden_reason == "광고성 글"
    assert not Proposal.objects.public().filter(pk=proposal.pk).exists()
    assert Notification.objects.get(recipient=resident, kind="proposal_hidden")
    assert AuditEntry.objects.get(action="proposals.status.hidden").actor == dong_staff


def test_staff_of_another_dong_cannot_hide(proposal, other_dong_staff, now):
    with pytest.raises(RuleViolation):
        change_status(
            staff=other_dong_staff,
            proposal=proposal,
            status=Status.HIDDEN,
            ip=IP,
            now=now,
            reason="x",
        )

    proposal.refresh_from_db()
    assert proposal.status == Status.PUBLISHED


@pytest.mark.parametrize(
    "before",
    [Status.PUBLISHED, Status.REVIEWING, Status.ANSWERED, Status.IN_PROGRESS, Status.DONE],
)
def test_unhiding_returns_to_the_status_before_hiding(
    proposal, district_staff, departments, before, now
):
    if before != Status.PUBLISHED:
        proposal.department = departments["교통행정과"]
    if before in (Status.ANSWERED, Status.IN_PROGRESS, Status.DONE):
        proposal.answered_at = now
    proposal.status = before
    proposal.save()
    change_status(
        staff=district_staff,
        proposal=proposal,
        status=Status.HIDDEN,
        ip=IP,
        now=now,
        reason="검토 중",
    )

    change_status(staff=district_staff, proposal=proposal, status=Status.PUBLISHED, ip=IP, now=now)

    proposal.refresh_from_db()
    assert proposal.status == before
    assert proposal.hidden_reason == ""


# --- Rewards -------------------------------------------------------------------------------
def test_excellent_proposal_for_one_year_by_the_seoul_calendar(proposal, district_staff, resident):
    # 00:30 in Seoul is still the previous day in UTC.
    at = datetime(2026, 3, 1, 0, 30, tzinfo=SEOUL)

    mark_excellent(staff=district_staff, proposal=proposal, ip=IP, now=at)

    proposal.refresh_from_db()
    assert proposal.excellent_from.isoformat() == "2026-03-01"
    assert proposal.excellent_until.isoformat() == "2027-02-28"
    assert list(Proposal.objects.excellent(at)) == [proposal]
    assert proposal.is_excellent(at)
    assert list(Proposal.objects.excellent(datetime(2027, 2, 28, 23, 59, tzinfo=SEOUL))) == [
        proposal
    ]
    assert not Proposal.objects.excellent(at + timedelta(days=365)).exists()
    assert not proposal.is_excellent(at + timedelta(days=365))
    assert not Proposal.objects.excellent(at - timedelta(hours=1)).exists()
    assert AuditEntry.objects.filter(action="proposals.reward", actor=district_staff).exists()
    assert Notification.objects.filter(recipient=resident, kind="proposal_rewarded").exists()


def test_excellent_on_leap_day(proposal, district_staff):
    mark_excellent(
        staff=district_staff, proposal=proposal, ip=IP, now=datetime(2028, 2, 29, 12, tzinfo=SEOUL)
    )

    proposal.refresh_from_db()
    assert proposal.excellent_until.isoformat() == "2029-02-28"


def test_dong_staff_cannot_reward(proposal, dong_staff, now):
    with pytest.raises(RuleViolation):
        mark_excellent(staff=dong_staff, proposal=proposal, ip=IP, now=now)

    proposal.refresh_from_db()
    assert proposal.excellent_from is None


# --- Merging -------------------------------------------------------------------------------
@pytest.fixture
def duplicate(doksan1, categories, neighbour, now):
    return ProposalFactory(
        district=doksan1.district,
        dong=doksan1,
        category=categories["교통"],
        title="공영주차장 확충 요청",
        author=neighbour,
        created_at=now - timedelta(hours=2),
    )


def test_merge_moves_supports_and_counts_nobody_twice(
    proposal, duplicate, district_staff, make_verified, now
):
    both, only_dup, only_target = make_verified(3)
    for person in (both, only_dup):
        support_proposal(proposal=duplicate, user=person, now=now)
    for person in (both, only_target):
        support_proposal(proposal=proposal, user=person, now=now)

    merge_proposals(staff=district_staff, duplicate=duplicate, target=proposal, ip=IP, now=now)

    proposal.refresh_from_db()
    duplicate.refresh_from_db()
    supporters = set(Support.objects.filter(proposal=proposal).values_list("user", flat=True))
    assert supporters == {both.pk, only_dup.pk, only_target.pk}
    assert proposal.support_count == 3 == Support.objects.filter(proposal=proposal).count()
    assert duplicate.status == Status.MERGED
    assert duplicate.merged_into == proposal
    assert duplicate.support_count == 0
    assert not Support.objects.filter(proposal=duplicate).exists()
    assert AuditEntry.objects.get(action="proposals.merge").ip_address == IP


def test_merged_supports_can_carry_the_target_over_the_threshold(
    proposal, duplicate, district_staff, policy, make_verified, now
):
    policy.review_threshold = 3
    policy.save()
    for person in make_verified(2):
        support_proposal(proposal=duplicate, user=person, now=now)
    support_proposal(proposal=proposal, user=make_verified(1)[0], now=now)

    merge_proposals(staff=district_staff, duplicate=duplicate, target=proposal, ip=IP, now=now)

    proposal.refresh_from_db()
    assert proposal.support_count == 3
    assert proposal.status == Status.REVIEWING
    assert proposal.department is not None


def test_merging_across_districts_is_refused(
    proposal, site_admin, dangsan1, yeongdeungpo_category, now
):
    other = ProposalFactory(
        district=dangsan1.district, dong=dangsan1, category=yeongdeungpo_category
    )

    with pytest.raises(RuleViolation) as refused:
        merge_proposals(staff=site_admin, duplicate=other, target=proposal, ip=IP, now=now)

    assert refused.value.message == korean("Only proposals of the same district can be merged.")
    other.refresh_from_db()
    assert other.status == Status.PUBLISHED
    assert other.merged_into is None


def test_district_staff_cannot_merge_into_another_district(
    proposal, district_staff, dangsan1, yeongdeungpo_category, now
):
    other = ProposalFactory(
        district=dangsan1.district, dong=dangsan1, category=yeongdeungpo_category
    )

    with pytest.raises(RuleViolation):
        merge_proposals(staff=district_staff, duplicate=proposal, target=other, ip=IP, now=now)

    proposal.refresh_from_db()
    assert proposal.status == Status.PUBLISHED


def test_a_proposal_cannot_be_merged_into_itself(proposal, district_staff, now):
    with pytest.raises(RuleViolation):
        merge_proposals(staff=district_staff, duplicate=proposal, target=proposal, ip=IP, now=now)
