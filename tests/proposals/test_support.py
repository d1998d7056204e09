"""Supports (공감): one per verified person, exact counts, thresholds that act by themselves."""

from datetime import timedelta

import pytest

from maeul.core.errors import RuleViolation
from maeul.core.models import Notification
from maeul.proposals.models import AnswerLevel, Status, Support
from maeul.proposals.services.support import support_proposal, withdraw_support
from tests.korean import korean


def test_verified_resident_supports(proposal, neighbour, now):
    support_proposal(proposal=proposal, user=neighbour, now=now)

    proposal.refresh_from_db()
    assert proposal.support_count == 1
    assert Support.objects.get().user == neighbour


def test_resident_cannot_support_twice(proposal, neighbour, now):
    support_proposal(proposal=proposal, user=neighbour, now=now)

    with pytest.raises(RuleViolation) as refused:
        support_proposal(proposal=proposal, user=neighbour, now=now + timedelta(seconds=1))

    assert refused.value.code == "already_supported"
    assert refused.value.message == korean("You have already supported this proposal.")
    proposal.refresh_from_db()
    assert proposal.support_count == 1
    assert Support.objects.count() == 1


def test_unverified_resident_cannot_support(proposal, unverified_resident, now):
    with pytest.raises(RuleViolation) as refused:
        support_proposal(proposal=proposal, user=unverified_resident, now=now)

    assert refused.value.message == korean(
        "Only verified residents may do this. Please verify your account first."
    )
    proposal.refresh_from_db()
    assert proposal.support_count == 0
    assert not Support.objects.exists()


def test_anonymous_cannot_support(proposal, anonymous, now):
    with pytest.raises(RuleViolation) as refused:
        support_proposal(proposal=proposal, user=anonymous, now=now)

    assert refused.value.message == korean("Please log in first.")


def test_support_after_the_period_is_refused(proposal, neighbour):
    after = proposal.support_until + timedelta(seconds=1)

    with pytest.raises(RuleViolation) as refused:
        support_proposal(proposal=proposal, user=neighbour, now=after)

    assert refused.value.message == korean("The support period has ended.")
    assert not Support.objects.exists()


def test_support_at_the_last_second_is_accepted(proposal, neighbour):
    support_proposal(
        proposal=proposal, user=neighbour, now=proposal.support_until - timedelta(seconds=1)
    )

    assert Support.objects.count() == 1


def test_hidden_proposal_cannot_be_supported(proposal, neighbour, now):
    proposal.status = Status.HIDDEN
    proposal.hidden_reason = "광고"
    proposal.save()

    with pytest.raises(RuleViolation) as refused:
        support_proposal(proposal=proposal, user=neighbour, now=now)

    assert refused.value.message == korean("This proposal is not open for support.")
    assert not Support.objects.exists()


def test_a_proposal_hidden_meanwhile_cannot_be_supported(proposal, neighbour, now):
    """The rule is checked again on the row as it is now, not on the copy the page loaded."""
    stale = type(proposal).objects.get(pk=proposal.pk)
    proposal.status = Status.HIDDEN
    proposal.hidden_reason = "광고"
    proposal.save()

    with pytest.raises(RuleViolation):
        support_proposal(proposal=stale, user=neighbour, now=now)

    assert not Support.objects.exists()


def test_support_is_withdrawn_within_the_period(proposal, neighbour, now):
    support_proposal(proposal=proposal, user=neighbour, now=now)

    withdraw_support(proposal=proposal, user=neighbour, now=now + timedelta(minutes=1))

    assert proposal.support_count == 0
    proposal.refresh_from_db()
    assert proposal.support_count == 0
    assert not Support.objects.exists()


def test_support_cannot_be_withdrawn_after_the_period(proposal, neighbour, now):
    support_proposal(proposal=proposal, user=neighbour, now=now)

    with pytest.raises(RuleViolation) as refused:
        withdraw_support(proposal=proposal, user=neighbour, now=proposal.support_until)

    assert refused.value.message == korean("The support period has ended.")
    proposal.refresh_from_db()
    assert proposal.support_count == 1


def test_withdrawing_a_support_one_never_gave_is_refused(proposal, neighbour, resident, now):
    support_proposal(proposal=proposal, user=resident, now=now)

    with pytest.raises(RuleViolation) as refused:
        withdraw_support(proposal=proposal, user=neighbour, now=now)

    assert refused.value.code == "not_supported"
    proposal.refresh_from_db()
    assert proposal.support_count == 1


# --- Thresholds ----------------------------------------------------------------------------
@pytest.fixture
def small_thresholds(policy):
    policy.review_threshold = 3
    policy.head_answer_threshold = 5
    policy.save()
    return policy


def test_review_threshold_assigns_the_department_and_tells_people(
    proposal,
    small_thresholds,
    make_verified,
    department_staff,
    resident,
    departments,
    now,
    immediate_tasks,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    first, second, third = make_verified(3)
    support_proposal(proposal=proposal, user=first, now=now)
    support_proposal(proposal=proposal, user=second, now=now)
    proposal.refresh_from_db()
    assert proposal.status == Status.PUBLISHED
    assert proposal.department is None

    at = now + timedelta(hours=1)
    with django_capture_on_commit_callbacks(execute=True):
        support_proposal(proposal=proposal, user=third, now=at)

    proposal.refresh_from_db()
    assert proposal.support_count == 3
    assert proposal.status == Status.REVIEWING
    assert proposal.department == departments["교통행정과"]
    assert proposal.assigned_at == at
    assert proposal.answer_level == AnswerLevel.DEPARTMENT
    assert proposal.answer_due == at + timedelta(days=30)
    told = set(
        Notification.objects.filter(kind="proposal_review").values_list("recipient", flat=True)
    )
    assert told == {resident.pk, department_staff.pk}
    assert sorted(message.to[0] for message in mailoutbox) == sorted(
        [resident.email, department_staff.email]
    )
    assert all(proposal.get_absolute_url() in message.body for message in mailoutbox)


def test_supports_after_the_review_threshold_do_not_assign_again(
    proposal, small_thresholds, make_verified, now
):
    people = make_verified(4)
    for person in people:
        support_proposal(proposal=proposal, user=person, now=now)

    assert Notification.objects.filter(kind="proposal_review").count() == 1


def test_a_proposal_staff_already_assigned_is_not_reassigned(
    proposal, small_thresholds, make_verified, departments, now
):
    proposal.department = departments["안전총괄과"]
    proposal.assigned_at = now
    proposal.status = Status.REVIEWING
    proposal.save()

    for person in make_verified(3):
        support_proposal(proposal=proposal, user=person, now=now)

    proposal.refresh_from_db()
    assert proposal.department == departments["안전총괄과"]
    assert not Notification.objects.filter(kind="proposal_review").exists()


def test_head_threshold_raises_the_answer_to_the_district_head(
    proposal,
    small_thresholds,
    make_verified,
    head_office_staff,
    department_staff,
    resident,
    now,
    immediate_tasks,
    mailoutbox,
    django_capture_on_commit_callbacks,
):
    people = make_verified(5)
    for person in people[:4]:
        support_proposal(proposal=proposal, user=person, now=now)
    mailoutbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        support_proposal(proposal=proposal, user=people[4], now=now)

    proposal.refresh_from_db()
    assert proposal.support_count == 5
    assert proposal.answer_level == AnswerLevel.HEAD
    told = set(
        Notification.objects.filter(kind="proposal_head_answer").values_list("recipient", flat=True)
    )
    assert told == {resident.pk, head_office_staff.pk}
    assert {message.to[0] for message in mailoutbox} == {resident.email, head_office_staff.email}


def test_no_notification_before_commit(
    proposal, small_thresholds, make_verified, now, mailoutbox, immediate_tasks
):
    for person in make_verified(3):
        support_proposal(proposal=proposal, user=person, now=now)

    # The test's transaction never commits, so no e-mail leaves for a change that may roll back.
    assert mailoutbox == []
    assert Notification.objects.filter(kind="proposal_review").exists()
