"""Supports (공감): one per verified person, exact counts, thresholds that act by themselves."""

from datetime import datetime, timedelta
from typing import Any

from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from maeul.accounts.models import Role, User
from maeul.core.errors import RuleViolation, refuse_duplicate
from maeul.core.permissions import Action, enforce
from maeul.proposals.models import AnswerLevel, Proposal, Status, Support
from maeul.proposals.services import tell_about
from maeul.proposals.services.writing import policy_of


def support_proposal(*, proposal: Proposal, user: Any, now: datetime) -> Support:
    """Record one verified person's support for an open proposal.

    The proposal row is locked first (on SQLite the IMMEDIATE transaction does that) and
    the rule is checked again on the locked row, so a support cannot slip in after the
    proposal was hidden, merged or closed. The unique constraint refuses a second support
    (two clicks, two devices); the counter is raised in the same transaction, so concurrent
    supports never lose an increment and exactly one of them crosses each threshold.
    """
    enforce(user, Action.SUPPORT_PROPOSAL, proposal, now=now)
    with refuse_duplicate(_("You have already supported this proposal."), code="already_supported"):
        locked = _locked(proposal)
        enforce(user, Action.SUPPORT_PROPOSAL, locked, now=now)
        support = Support.objects.create(proposal=locked, user=user, created_at=now)
        Proposal.objects.filter(pk=locked.pk).update(support_count=F("support_count") + 1)
        locked.refresh_from_db(fields=["support_count"])
        apply_thresholds(locked, now)
    proposal.refresh_from_db()
    return support


def withdraw_support(*, proposal: Proposal, user: Any, now: datetime) -> None:
    """Take one's support back while the support period is open."""
    if not getattr(user, "is_authenticated", False):
        raise RuleViolation(_("You have not supported this proposal."), code="not_supported")
    with transaction.atomic():
        locked = _locked(proposal)
        if not locked.support_is_open(now):
            raise RuleViolation(_("The support period has ended."), code="closed")
        deleted, _rows = Support.objects.filter(proposal=locked, user=user).delete()
        if not deleted:
            raise RuleViolation(_("You have not supported this proposal."), code="not_supported")
        Proposal.objects.filter(pk=locked.pk).update(support_count=F("support_count") - 1)
    proposal.refresh_from_db(fields=["support_count"])


def _locked(proposal: Proposal) -> Proposal:
    return Proposal.objects.select_for_update().get(pk=proposal.pk)


def _staff_of_department(department_id: int) -> list[User]:
    return list(
        User.objects.filter(
            roles__role=Role.DISTRICT_STAFF, roles__department_id=department_id, is_active=True
        ).distinct()
    )


def apply_thresholds(proposal: Proposal, now: datetime) -> None:
    """Assign for review at the first threshold; raise to the head's answer at the second.

    `proposal` is locked by the caller and carries its current `support_count`. A proposal
    that staff already assigned, or that was assigned to no department for want of one,
    is not assigned (nor announced) again.
    """
    policy = policy_of(proposal.district)
    count = proposal.support_count
    if (
        count >= policy.review_threshold
        and proposal.assigned_at is None
        and proposal.status == Status.PUBLISHED
    ):
        department = proposal.category.department or policy.default_department
        Proposal.objects.filter(pk=proposal.pk).update(
            department=department,
            assigned_at=now,
            answer_level=AnswerLevel.DEPARTMENT,
            answer_due=now + timedelta(days=policy.answer_days),
            status=Status.REVIEWING,
        )
        recipients: list[Any] = [proposal.author]
        if department is not None:
            recipients += _staff_of_department(department.pk)
        tell_about(
            proposal,
            recipients,
            _('The proposal "%(title)s" reached %(count)d supports and goes to review.'),
            kind="proposal_review",
            now=now,
            count=count,
        )
    if count >= policy.head_answer_threshold and proposal.answer_level != AnswerLevel.HEAD:
        Proposal.objects.filter(pk=proposal.pk).update(answer_level=AnswerLevel.HEAD)
        head_staff = User.objects.filter(
            roles__role=Role.DISTRICT_STAFF,
            roles__department__district=proposal.district,
            roles__department__is_head_office=True,
            is_active=True,
        ).distinct()
        tell_about(
            proposal,
            [proposal.author, *head_staff],
            _(
                'The proposal "%(title)s" reached %(count)d supports: the district head will answer.'
            ),
            kind="proposal_head_answer",
            now=now,
            count=count,
        )
