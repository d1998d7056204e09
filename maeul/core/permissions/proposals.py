"""Who may write, support, comment on, moderate, review, answer, merge and reward proposals."""

from datetime import datetime
from typing import Any

from django.db.models import Model
from django.utils.translation import gettext_lazy as _

from maeul.core.permissions.base import (
    ALLOW,
    NOT_VERIFIED,
    Action,
    Decision,
    Rule,
    deny,
    district_staff,
    follow,
    of_kind,
    refuse_outsider,
    reportable,
    scope_of,
    staff_serving,
)
from maeul.core.permissions.scope import register_rows, through
from maeul.places.models import Department, District, Dong
from maeul.proposals.models import AnswerLevel, Comment, Proposal, Status

# Dong staff serve their dongs' proposals, district staff every proposal of their district
# (the district-wide ones too); the same rows as `_moderate_proposal` decides for one.
register_rows(Proposal)
register_rows(Comment, row_scope=through("proposal"))

NOT_OPEN_FOR_SUPPORT = _("This proposal is not open for support.")
SUPPORT_CLOSED = _("The support period has ended.")


def _signed_in(user: Any, target: Model | None, now: datetime) -> Decision:
    return ALLOW


_enter_offline_proposal = staff_serving(of_kind(Dong, District))


def _withdraw_proposal(user: Any, target: Model | None, now: datetime) -> Decision:
    if not isinstance(target, Proposal) or target.author_id != user.pk:
        return deny(_("Only the author can withdraw a proposal."))
    if target.status not in (Status.DRAFT, Status.PUBLISHED, Status.REVIEWING):
        return deny(_("A proposal cannot be withdrawn after it has been answered."))
    return ALLOW


def _support_proposal(user: Any, target: Model | None, now: datetime) -> Decision:
    if not user.is_verified:
        return deny(NOT_VERIFIED)
    if not isinstance(target, Proposal) or target.status not in (
        Status.PUBLISHED,
        Status.REVIEWING,
    ):
        return deny(NOT_OPEN_FOR_SUPPORT)
    if not target.support_is_open(now):
        return deny(SUPPORT_CLOSED)
    return ALLOW


def _comment_proposal(user: Any, target: Model | None, now: datetime) -> Decision:
    if not isinstance(target, Proposal) or not target.is_public:
        return deny(_("Comments are closed for this proposal."))
    return ALLOW


_moderate_proposal = staff_serving(of_kind(Proposal))


_moderate_comment = staff_serving(follow({Comment: "proposal"}))
_district_staff_of_proposal = district_staff(of_kind(Proposal))


def _answer_proposal(user: Any, target: Model | None, now: datetime) -> Decision:
    scope = scope_of(user)
    if scope.site_admin:
        return ALLOW
    if not isinstance(target, Proposal) or not scope.serves(target.district_id):
        return refuse_outsider(user)
    if target.department_id is None:
        return deny(_("Assign the proposal to a department first."))
    if target.department_id in scope.department_ids:
        return ALLOW
    if target.answer_level == AnswerLevel.HEAD and (
        Department.objects.filter(
            pk__in=scope.department_ids, district_id=target.district_id, is_head_office=True
        ).exists()
    ):
        return ALLOW  # the head office prepares the district head's answers
    return deny(_("Only staff of the assigned department may answer."))


RULES: dict[Action, Rule] = {
    Action.CREATE_PROPOSAL: _signed_in,
    Action.ENTER_OFFLINE_PROPOSAL: _enter_offline_proposal,
    Action.WITHDRAW_PROPOSAL: _withdraw_proposal,
    Action.SUPPORT_PROPOSAL: _support_proposal,
    Action.COMMENT_PROPOSAL: _comment_proposal,
    Action.REPORT_COMMENT: reportable(
        Comment,
        _("This comment cannot be reported."),
        _("You cannot report your own comment."),
    ),
    Action.MODERATE_PROPOSAL: _moderate_proposal,
    Action.MODERATE_COMMENT: _moderate_comment,
    Action.REVIEW_PROPOSAL: _district_staff_of_proposal,
    Action.ANSWER_PROPOSAL: _answer_proposal,
    Action.MERGE_PROPOSAL: _district_staff_of_proposal,
    Action.REWARD_PROPOSAL: _district_staff_of_proposal,
}
