"""Who may do what to which object: the one place that decides.

Views, the API and the admin ask `can(user, action, target)`; the answer is a
`Decision` that also says why not, so a page can explain a disabled button. Later
capabilities add their actions and rules here, beside these.
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any

from django.contrib.auth.backends import BaseBackend
from django.db.models import Model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from maeul.accounts.models import Role, RoleAssignment, User
from maeul.places.models import Department, District, Dong
from maeul.proposals.models import AnswerLevel, Comment, Proposal, Status


@dataclass(frozen=True)
class Decision:
    allowed: bool
    reason: str = ""

    def __bool__(self) -> bool:
        return self.allowed


ALLOW = Decision(True)


def deny(reason: Any) -> Decision:
    return Decision(False, str(reason))


class Action(StrEnum):
    USE_ADMIN = "admin.use"
    VIEW_AUDIT_LOG = "audit.view"
    MANAGE_ROLES = "accounts.manage_roles"
    VIEW_STAFF_PAGES = "core.view_staff_pages"
    VERIFY_IN_PERSON = "accounts.verify_in_person"
    CHANGE_DONG = "places.change_dong"
    CHANGE_DISTRICT = "places.change_district"
    CREATE_PROPOSAL = "proposals.create"
    ENTER_OFFLINE_PROPOSAL = "proposals.enter_offline"
    WITHDRAW_PROPOSAL = "proposals.withdraw"
    SUPPORT_PROPOSAL = "proposals.support"
    COMMENT_PROPOSAL = "proposals.comment"
    REPORT_COMMENT = "proposals.report_comment"
    MODERATE_PROPOSAL = "proposals.moderate"
    MODERATE_COMMENT = "proposals.moderate_comment"
    REVIEW_PROPOSAL = "proposals.review"
    ANSWER_PROPOSAL = "proposals.answer"
    MERGE_PROPOSAL = "proposals.merge"
    REWARD_PROPOSAL = "proposals.reward"


@dataclass
class Scope:
    """The roles a person holds, loaded once per request."""

    site_admin: bool = False
    dong_ids: set[int] = field(default_factory=set)
    district_ids: set[int] = field(default_factory=set)  # district staff
    support_district_ids: set[int] = field(default_factory=set)
    committee_district_ids: set[int] = field(default_factory=set)
    department_ids: set[int] = field(default_factory=set)

    @property
    def is_staff(self) -> bool:
        return self.site_admin or bool(
            self.dong_ids or self.district_ids or self.support_district_ids
        )

    def covers_dong(self, dong: Dong) -> bool:
        """Dong staff of this dong, or district staff of its district."""
        return dong.pk in self.dong_ids or dong.district_id in self.district_ids


def scope_of(user: Any) -> Scope:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return Scope()
    cached: Scope | None = getattr(user, "_maeul_scope", None)
    if cached is not None:
        return cached
    scope = Scope(site_admin=user.is_superuser)
    for role, dong_id, district_id, department_id in RoleAssignment.objects.of(user).values_list(
        "role", "dong_id", "district_id", "department_id"
    ):
        if role == Role.SITE_ADMIN:
            scope.site_admin = True
        elif role == Role.DONG_STAFF:
            scope.dong_ids.add(dong_id)
        elif role == Role.DISTRICT_STAFF:
            scope.district_ids.add(district_id)
            if department_id is not None:
                scope.department_ids.add(department_id)
        elif role == Role.SUPPORT_CENTRE_STAFF:
            scope.support_district_ids.add(district_id)
        elif role == Role.COMMITTEE_MEMBER:
            scope.committee_district_ids.add(district_id)
    user._maeul_scope = scope
    return scope


def forget_scope(user: Any) -> None:
    """Drop the cached scope after roles change within one request."""
    if hasattr(user, "_maeul_scope"):
        del user._maeul_scope


NOT_SIGNED_IN = _("Please log in first.")
SITE_ADMINS_ONLY = _("Only site administrators may do this.")
STAFF_ONLY = _("Only staff may do this.")
OUTSIDE_SCOPE = _("This is outside the dongs and districts you are responsible for.")


def _site_admin_only(user: Any, target: Model | None, now: datetime) -> Decision:
    return ALLOW if scope_of(user).site_admin else deny(SITE_ADMINS_ONLY)


def _any_staff(user: Any, target: Model | None, now: datetime) -> Decision:
    return ALLOW if scope_of(user).is_staff else deny(STAFF_ONLY)


def _verify_in_person(user: Any, target: Model | None, now: datetime) -> Decision:
    scope = scope_of(user)
    if not scope.is_staff:
        return deny(STAFF_ONLY)
    if not isinstance(target, User):
        return deny(OUTSIDE_SCOPE)
    if target.pk == user.pk:
        return deny(_("You cannot verify your own account."))
    if scope.site_admin:
        return ALLOW
    # Staff confirm residents who are tied to a dong they serve, since only that dong
    # office is answerable for the person standing at its counter.
    ties = list(target.dong_ties.select_related("dong"))
    if any(scope.covers_dong(tie.dong) for tie in ties):
        return ALLOW
    if not ties:
        return deny(_("This person has no dong tie yet. Ask them to add one to their profile."))
    return deny(OUTSIDE_SCOPE)


def _change_dong(user: Any, target: Model | None, now: datetime) -> Decision:
    scope = scope_of(user)
    if scope.site_admin:
        return ALLOW
    if isinstance(target, Dong) and scope.covers_dong(target):
        return ALLOW
    return deny(OUTSIDE_SCOPE if scope.is_staff else STAFF_ONLY)


def _change_district(user: Any, target: Model | None, now: datetime) -> Decision:
    scope = scope_of(user)
    if scope.site_admin:
        return ALLOW
    if isinstance(target, District) and target.pk in scope.district_ids:
        return ALLOW
    return deny(OUTSIDE_SCOPE if scope.is_staff else STAFF_ONLY)


# --- Proposals -------------------------------------------------------------------------
NOT_VERIFIED = _("Only verified residents may do this. Please verify your account first.")
NOT_OPEN_FOR_SUPPORT = _("This proposal is not open for support.")
SUPPORT_CLOSED = _("The support period has ended.")


def _signed_in(user: Any, target: Model | None, now: datetime) -> Decision:
    return ALLOW


def _proposal_staff(user: Any, proposal: Proposal) -> bool:
    """Dong staff of the proposal's dong, district staff of its district, or a site admin."""
    scope = scope_of(user)
    return (
        scope.site_admin
        or proposal.district_id in scope.district_ids
        or (proposal.dong_id is not None and proposal.dong_id in scope.dong_ids)
    )


def _enter_offline_proposal(user: Any, target: Model | None, now: datetime) -> Decision:
    scope = scope_of(user)
    if scope.site_admin:
        return ALLOW
    if isinstance(target, Dong) and scope.covers_dong(target):
        return ALLOW
    if isinstance(target, District) and target.pk in scope.district_ids:
        return ALLOW
    return deny(OUTSIDE_SCOPE if scope.is_staff else STAFF_ONLY)


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


def _report_comment(user: Any, target: Model | None, now: datetime) -> Decision:
    if not isinstance(target, Comment) or target.is_hidden:
        return deny(_("This comment cannot be reported."))
    if target.author_id == user.pk:
        return deny(_("You cannot report your own comment."))
    return ALLOW


def _moderate_proposal(user: Any, target: Model | None, now: datetime) -> Decision:
    if isinstance(target, Proposal) and _proposal_staff(user, target):
        return ALLOW
    return deny(OUTSIDE_SCOPE if scope_of(user).is_staff else STAFF_ONLY)


def _moderate_comment(user: Any, target: Model | None, now: datetime) -> Decision:
    if isinstance(target, Comment) and _proposal_staff(user, target.proposal):
        return ALLOW
    return deny(OUTSIDE_SCOPE if scope_of(user).is_staff else STAFF_ONLY)


def _district_staff_of_proposal(user: Any, target: Model | None, now: datetime) -> Decision:
    scope = scope_of(user)
    if scope.site_admin:
        return ALLOW
    if isinstance(target, Proposal) and target.district_id in scope.district_ids:
        return ALLOW
    return deny(OUTSIDE_SCOPE if scope.is_staff else STAFF_ONLY)


def _answer_proposal(user: Any, target: Model | None, now: datetime) -> Decision:
    scope = scope_of(user)
    if scope.site_admin:
        return ALLOW
    if not isinstance(target, Proposal) or target.district_id not in scope.district_ids:
        return deny(OUTSIDE_SCOPE if scope.is_staff else STAFF_ONLY)
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


RULES: dict[Action, Callable[[Any, Model | None, datetime], Decision]] = {
    Action.USE_ADMIN: _site_admin_only,
    Action.VIEW_AUDIT_LOG: _site_admin_only,
    Action.MANAGE_ROLES: _site_admin_only,
    Action.VIEW_STAFF_PAGES: _any_staff,
    Action.VERIFY_IN_PERSON: _verify_in_person,
    Action.CHANGE_DONG: _change_dong,
    Action.CHANGE_DISTRICT: _change_district,
    Action.CREATE_PROPOSAL: _signed_in,
    Action.ENTER_OFFLINE_PROPOSAL: _enter_offline_proposal,
    Action.WITHDRAW_PROPOSAL: _withdraw_proposal,
    Action.SUPPORT_PROPOSAL: _support_proposal,
    Action.COMMENT_PROPOSAL: _comment_proposal,
    Action.REPORT_COMMENT: _report_comment,
    Action.MODERATE_PROPOSAL: _moderate_proposal,
    Action.MODERATE_COMMENT: _moderate_comment,
    Action.REVIEW_PROPOSAL: _district_staff_of_proposal,
    Action.ANSWER_PROPOSAL: _answer_proposal,
    Action.MERGE_PROPOSAL: _district_staff_of_proposal,
    Action.REWARD_PROPOSAL: _district_staff_of_proposal,
}


def can(
    user: Any, action: Action, target: Model | None = None, *, now: datetime | None = None
) -> Decision:
    """Decide whether `user` may perform `action` on `target` at `now`, with the reason if not."""
    if not getattr(user, "is_authenticated", False):
        return deny(NOT_SIGNED_IN)
    if not user.is_active:
        return deny(NOT_SIGNED_IN)
    return RULES[action](user, target, now or timezone.now())


class SiteAdminBackend(BaseBackend):
    """Django's model permissions (used by the admin) answered by this module.

    Site administrators may do everything in the back office; nobody else may use it.
    """

    def has_perm(self, user_obj: Any, perm: str, obj: Model | None = None) -> bool:
        return bool(can(user_obj, Action.USE_ADMIN))

    def has_module_perms(self, user_obj: Any, app_label: str) -> bool:
        return bool(can(user_obj, Action.USE_ADMIN))
