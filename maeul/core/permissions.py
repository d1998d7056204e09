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
from maeul.councils.models import Council, CouncilKind, CouncilMember, Recruitment
from maeul.places.models import Department, District, Dong
from maeul.plans.models import AutonomyPlan, Project
from maeul.proposals.models import AnswerLevel, Comment, Proposal, Status
from maeul.voting.models import PaperBatch, Phase, Vote


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
    CAST_BALLOT = "voting.cast"
    MANAGE_VOTE = "voting.manage"
    ENTER_PAPER_BALLOT = "voting.enter_paper"
    CONFIRM_PAPER_BATCH = "voting.confirm_batch"
    COUNT_VOTE = "voting.count"
    MANAGE_COUNCIL = "councils.manage"
    WRITE_AGENDA_ITEM = "councils.write_agenda"
    APPLY_TO_COUNCIL = "councils.apply"
    MANAGE_PLAN = "plans.manage"
    RECORD_SPENDING = "plans.record_spending"
    CONFIRM_OVER_BUDGET = "plans.confirm_over_budget"


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


# --- Votes -----------------------------------------------------------------------------
NOT_OPEN_YET = _("Voting has not opened yet. It opens at %(time)s.")
VOTING_CLOSED = _("Voting has closed.")


def _vote_staff(user: Any, vote: Vote) -> bool:
    """District staff of the vote's district, dong staff of a dong vote's dong, site admins."""
    scope = scope_of(user)
    return (
        scope.site_admin
        or vote.district_id in scope.district_ids
        or (vote.dong_id is not None and vote.dong_id in scope.dong_ids)
    )


def _phase_refusal(vote: Vote, now: datetime) -> Decision | None:
    phase = vote.phase(now)
    if phase == Phase.UPCOMING:
        opens = timezone.localtime(vote.opens_at).strftime("%Y-%m-%d %H:%M")
        return deny(NOT_OPEN_YET % {"time": opens})
    if phase != Phase.OPEN:
        return deny(VOTING_CLOSED)
    return None


def _cast_ballot(user: Any, target: Model | None, now: datetime) -> Decision:
    """May this person cast an online ballot now? The reason names what is missing."""
    if not isinstance(target, Vote) or target.status == "draft":
        return deny(_("This vote is not open."))
    refusal = _phase_refusal(target, now)
    if refusal is not None:
        return refusal
    if not target.online:
        return deny(_("This vote takes paper ballots only. Please vote at the polling place."))
    if target.require_verified and not user.is_verified:
        return deny(NOT_VERIFIED)
    ties = [tie for tie in user.dong_ties.select_related("dong") if target.covers_dong(tie.dong)]
    if not any(tie.kind in target.allowed_ties for tie in ties):
        place = target.dong.name if target.dong is not None else target.district.name
        if ties:
            return deny(_("Your tie to %(place)s is not one this vote accepts.") % {"place": place})
        return deny(
            _(
                "Only people who live, work or study in %(place)s may vote. Add your dong in your profile."
            )
            % {"place": place}
        )
    if target.min_age:
        age = user.age_in(timezone.localdate(now).year)
        if age is None:
            return deny(_("Add your birth year to your profile: this vote has a minimum age."))
        if age < target.min_age:
            return deny(
                _("Only people aged %(age)d or over may vote in this vote.")
                % {"age": target.min_age}
            )
    return ALLOW


def _manage_vote(user: Any, target: Model | None, now: datetime) -> Decision:
    scope = scope_of(user)
    if isinstance(target, Vote) and _vote_staff(user, target):
        return ALLOW
    if isinstance(target, District) and (scope.site_admin or target.pk in scope.district_ids):
        return ALLOW
    if isinstance(target, Dong) and (scope.site_admin or scope.covers_dong(target)):
        return ALLOW
    return deny(OUTSIDE_SCOPE if scope.is_staff else STAFF_ONLY)


def _batch_staff(user: Any, batch: PaperBatch) -> Decision | None:
    scope = scope_of(user)
    if scope.site_admin or scope.covers_dong(batch.dong):
        return None
    return deny(OUTSIDE_SCOPE if scope.is_staff else STAFF_ONLY)


def _enter_paper_ballot(user: Any, target: Model | None, now: datetime) -> Decision:
    if not isinstance(target, PaperBatch):
        return deny(STAFF_ONLY)
    refusal = _batch_staff(user, target)
    if refusal is not None:
        return refusal
    if target.is_confirmed:
        return deny(_("This batch is confirmed. Start a new batch for more ballots."))
    phase = target.vote.phase(now)
    if phase not in (Phase.OPEN, Phase.CLOSED):
        return deny(_("Paper ballots can be entered only from the opening until the count."))
    if not target.vote.allows_channel(target.channel):
        return deny(_("This vote does not take ballots of this kind."))
    return ALLOW


def _confirm_paper_batch(user: Any, target: Model | None, now: datetime) -> Decision:
    if not isinstance(target, PaperBatch):
        return deny(STAFF_ONLY)
    refusal = _batch_staff(user, target)
    if refusal is not None:
        return refusal
    if target.is_confirmed:
        return deny(_("This batch is already confirmed."))
    if target.created_by_id == user.pk:
        # Four eyes: the person who entered the ballots does not also vouch for them.
        return deny(_("Another staff member must confirm the batch you entered."))
    return ALLOW


def _count_vote(user: Any, target: Model | None, now: datetime) -> Decision:
    if not isinstance(target, Vote) or not _vote_staff(user, target):
        return deny(OUTSIDE_SCOPE if scope_of(user).is_staff else STAFF_ONLY)
    phase = target.phase(now)
    if phase == Phase.COUNTED:
        return deny(_("This vote has already been counted."))
    if phase != Phase.CLOSED:
        return deny(_("A vote can be counted only after it closes."))
    return ALLOW


# --- Councils and plans -----------------------------------------------------------------
def _council_of(target: Model | None) -> Council | None:
    if isinstance(target, Council):
        return target
    if isinstance(target, AutonomyPlan):
        return target.council
    if isinstance(target, Project):
        return target.plan.council
    return None


def _council_staff(user: Any, council: Council) -> bool:
    """Staff of the council's dong (a resident council), or of its district, or site admins."""
    scope = scope_of(user)
    return (
        scope.site_admin
        or council.district_id in scope.district_ids
        or (council.dong_id is not None and council.dong_id in scope.dong_ids)
    )


def _manage_council(user: Any, target: Model | None, now: datetime) -> Decision:
    council = _council_of(target)
    if council is not None and _council_staff(user, council):
        return ALLOW
    return deny(OUTSIDE_SCOPE if scope_of(user).is_staff else STAFF_ONLY)


def _is_current_member(user: Any, council: Council, now: datetime) -> bool:
    today = timezone.localdate(now)
    return CouncilMember.objects.filter(
        user_id=user.pk,
        term__council=council,
        term__starts_on__lte=today,
        term__ends_on__gte=today,
        left_on__isnull=True,
    ).exists()


def _write_agenda_item(user: Any, target: Model | None, now: datetime) -> Decision:
    council = _council_of(target)
    if council is None:
        return deny(STAFF_ONLY)
    if _council_staff(user, council) or _is_current_member(user, council, now):
        return ALLOW
    return deny(_("Only members of the council and its staff may write agenda items."))


def _apply_to_council(user: Any, target: Model | None, now: datetime) -> Decision:
    if not isinstance(target, Recruitment) or not target.is_open(now):
        return deny(_("The council is not taking applications now."))
    if not user.is_verified:
        return deny(NOT_VERIFIED)
    council = target.term.council
    ties = user.dong_ties.select_related("dong")
    if council.kind == CouncilKind.RESIDENT:
        tied = any(tie.dong_id == council.dong_id for tie in ties)
    else:
        tied = any(tie.dong.district_id == council.district_id for tie in ties)
    if not tied:
        return deny(
            _("Only people who live, work or study in %(place)s may apply.")
            % {"place": council.dong.name if council.dong else council.district.name}
        )
    return ALLOW


def _record_spending(user: Any, target: Model | None, now: datetime) -> Decision:
    council = _council_of(target)
    if council is not None and _council_staff(user, council):
        return ALLOW
    return deny(OUTSIDE_SCOPE if scope_of(user).is_staff else STAFF_ONLY)


def _confirm_over_budget(user: Any, target: Model | None, now: datetime) -> Decision:
    scope = scope_of(user)
    council = _council_of(target)
    if council is not None and (scope.site_admin or council.district_id in scope.district_ids):
        return ALLOW
    return deny(_("Only district staff may let a project go over its budget."))


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
    Action.CAST_BALLOT: _cast_ballot,
    Action.MANAGE_VOTE: _manage_vote,
    Action.ENTER_PAPER_BALLOT: _enter_paper_ballot,
    Action.CONFIRM_PAPER_BATCH: _confirm_paper_batch,
    Action.COUNT_VOTE: _count_vote,
    Action.MANAGE_COUNCIL: _manage_council,
    Action.WRITE_AGENDA_ITEM: _write_agenda_item,
    Action.APPLY_TO_COUNCIL: _apply_to_council,
    Action.MANAGE_PLAN: _manage_council,
    Action.RECORD_SPENDING: _record_spending,
    Action.CONFIRM_OVER_BUDGET: _confirm_over_budget,
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
