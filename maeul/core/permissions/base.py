"""The pieces every permission rule uses: decisions, actions, the caller's scope, the
refusals that recur, and the rules of the foundation (admin, staff pages, places)."""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any, TypeVar

from django.db.models import Model, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from maeul.accounts.models import DongTie, Role, RoleAssignment
from maeul.places.models import District, Dong


@dataclass(frozen=True)
class Decision:
    allowed: bool
    reason: str = ""

    def __bool__(self) -> bool:
        return self.allowed


ALLOW = Decision(True)


def deny(reason: Any) -> Decision:
    return Decision(False, str(reason))


# A rule answers for one action: (user, target, now) -> Decision.
Rule = Callable[[Any, Model | None, datetime], Decision]


class Action(StrEnum):
    USE_ADMIN = "admin.use"
    VIEW_AUDIT_LOG = "audit.view"
    MANAGE_ROLES = "accounts.manage_roles"
    VIEW_STAFF_PAGES = "core.view_staff_pages"
    VERIFY_IN_PERSON = "accounts.verify_in_person"
    LOOK_UP_RESIDENT = "accounts.look_up_resident"
    CONFIRM_TIE = "accounts.confirm_tie"
    CORRECT_BIRTH_YEAR = "accounts.correct_birth_year"
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
    APPROVE_PLAN = "plans.approve"
    MANAGE_GRANT_CALL = "grants.manage_call"
    REGISTER_GROUP = "grants.register_group"
    MANAGE_GROUP = "grants.manage_group"
    WRITE_APPLICATION = "grants.write_application"
    VIEW_APPLICATION = "grants.view_application"
    SCREEN_APPLICATION = "grants.screen_application"
    MANAGE_COMMITTEE = "grants.manage_committee"
    REVIEW_APPLICATION = "grants.review_application"
    DECIDE_APPLICATION = "grants.decide_application"
    READ_REVIEW_FILE = "grants.read_review_file"
    MANAGE_AGREEMENT = "grants.manage_agreement"
    RECORD_DISBURSEMENT = "grants.record_disbursement"
    RECORD_EXPENSE = "grants.record_expense"
    CHECK_SPENDING = "grants.check_spending"
    SUBMIT_SETTLEMENT = "grants.submit_settlement"
    SETTLE_GRANT = "grants.settle"
    EVALUATE_GRANT = "grants.evaluate"
    BOOK_ROOM = "spaces.book"
    REQUEST_ALLOCATION = "spaces.request_allocation"
    CANCEL_BOOKING = "spaces.cancel_booking"
    ANSWER_SURVEY = "spaces.answer_survey"
    BORROW_ITEM = "spaces.borrow"
    MANAGE_SPACE = "spaces.manage"
    SET_CAPACITY_POLICY = "spaces.set_capacity_policy"
    ANSWER_CONSULTATION = "consultations.answer"
    MANAGE_CONSULTATION = "consultations.manage"
    PUBLISH_CONSULTATION_RESULTS = "consultations.publish_results"
    RESPOND_CONSULTATION = "consultations.respond"
    SUMMARISE_DEBATE = "consultations.summarise"
    ARGUE = "consultations.argue"
    SUPPORT_ARGUMENT = "consultations.support_argument"
    REPORT_ARGUMENT = "consultations.report_argument"
    MODERATE_ARGUMENT = "consultations.moderate_argument"
    REGISTER_FOR_FORUM = "consultations.register_for_forum"
    MANAGE_FORUM = "consultations.manage_forum"
    RECORD_FORUM = "consultations.record_forum"
    RECORD_SUGGESTION = "consultations.record_suggestion"
    ANSWER_SUGGESTION = "consultations.answer_suggestion"
    MANAGE_PROCESS = "consultations.manage_process"
    OPEN_WORKSHOP = "consultations.open_workshop"
    # Courses (교육): registration, the satisfaction survey, the staff desk, attendance.
    REGISTER_FOR_COURSE = "courses.register"
    RATE_COURSE = "courses.rate"
    MANAGE_COURSE = "courses.manage"
    RECORD_ATTENDANCE = "courses.record_attendance"
    GET_COURSE_CERTIFICATE = "courses.certificate"
    # --- The community archive and the dong page (마을기록관·동단위 DB) ---
    PUBLISH_RECORD = "archive.publish_record"
    APPROVE_RECORD = "archive.approve_record"
    READ_RECORD_FILES = "archive.read_record_files"
    MANAGE_EXHIBITION = "archive.manage_exhibition"
    SURVEY_RESOURCES = "archive.survey_resources"
    # Volunteering (자원봉사, issue 16): sign-ups by a person or a company's group, cancelling,
    # hours confirmed by staff or the camp's or club's leader, 일감 proposed by a camp,
    # running camps, clubs and activities, and the export of hours for the 1365 portal.
    SIGN_UP_VOLUNTEER = "volunteering.sign_up"
    SIGN_UP_GROUP = "volunteering.sign_up_group"
    CANCEL_VOLUNTEER_SIGN_UP = "volunteering.cancel_sign_up"
    CONFIRM_VOLUNTEER_HOURS = "volunteering.confirm_hours"
    PROPOSE_WORK = "volunteering.propose_work"
    MANAGE_VOLUNTEERING = "volunteering.manage"
    EXPORT_VOLUNTEER_HOURS = "volunteering.export_hours"


Rows = TypeVar("Rows", bound=QuerySet[Any])


@dataclass
class Scope:
    """The roles a person holds, loaded once per request."""

    site_admin: bool = False
    dong_ids: set[int] = field(default_factory=set)
    district_ids: set[int] = field(default_factory=set)  # district staff
    support_district_ids: set[int] = field(default_factory=set)
    committee_district_ids: set[int] = field(default_factory=set)
    department_ids: set[int] = field(default_factory=set)
    recorder_district_ids: set[int] = field(default_factory=set)  # 마을기록가 (not staff)

    @property
    def is_staff(self) -> bool:
        return self.site_admin or bool(
            self.dong_ids or self.district_ids or self.support_district_ids
        )

    def covers_dong(self, dong: Dong) -> bool:
        """Dong staff of this dong, or district staff of its district."""
        return dong.pk in self.dong_ids or dong.district_id in self.district_ids

    def serves(self, district_id: int | None, dong_id: int | None = None) -> bool:
        """Site admins, staff of this district, or staff of this dong (when there is one)."""
        return (
            self.site_admin
            or district_id in self.district_ids
            or (dong_id is not None and dong_id in self.dong_ids)
        )

    def serves_row(self, row: Any) -> bool:
        """`serves` for a dong, a district, or a row that has a district and maybe a dong."""
        if isinstance(row, Dong):
            return self.serves(row.district_id, row.pk)
        if isinstance(row, District):
            return self.serves(row.pk)
        return self.serves(row.district_id, row.dong_id)

    def rows(self, queryset: Rows) -> Rows:
        """The rows of `queryset` this person serves (all for site admins, none for residents).

        The model's lookups to its district and dong are registered once in
        `scope.ROW_SCOPES`; an unregistered model is a programming error.
        """
        from maeul.core.permissions.scope import ROW_SCOPES

        if self.site_admin:
            return queryset
        rule = ROW_SCOPES[queryset.model]
        match = Q(**{f"{rule.district}__in": self.district_ids}) | Q(
            **{f"{rule.dong}__in": self.dong_ids}
        )
        if rule.district_rows_for_dong_staff and self.dong_ids:
            districts = Dong.objects.filter(pk__in=self.dong_ids).values("district_id")
            match |= Q(**{f"{rule.dong}__isnull": True, f"{rule.district}__in": districts})
        return queryset.filter(match)


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
        elif role == Role.RECORDER:
            scope.recorder_district_ids.add(district_id)
    user._maeul_scope = scope
    return scope


def ties_of(user: Any) -> list[DongTie]:
    """The person's current dong ties (with their dongs), loaded once per request.

    Ended ties are history: they never make anyone eligible for anything.
    """
    cached: list[DongTie] | None = getattr(user, "_maeul_ties", None)
    if cached is None:
        cached = list(user.dong_ties.current().select_related("dong"))
        user._maeul_ties = cached
    return cached


def forget_ties(user: Any) -> None:
    """Drop the cached ties after they change within one request."""
    if hasattr(user, "_maeul_ties"):
        del user._maeul_ties


def forget_scope(user: Any) -> None:
    """Drop the cached scope after roles change within one request."""
    if hasattr(user, "_maeul_scope"):
        del user._maeul_scope


NOT_SIGNED_IN = _("Please log in first.")
SITE_ADMINS_ONLY = _("Only site administrators may do this.")
STAFF_ONLY = _("Only staff may do this.")
OUTSIDE_SCOPE = _("This is outside the dongs and districts you are responsible for.")
NOT_VERIFIED = _("Only verified residents may do this. Please verify your account first.")


def _site_admin_only(user: Any, target: Model | None, now: datetime) -> Decision:
    return ALLOW if scope_of(user).site_admin else deny(SITE_ADMINS_ONLY)


def _any_staff(user: Any, target: Model | None, now: datetime) -> Decision:
    return ALLOW if scope_of(user).is_staff else deny(STAFF_ONLY)


def verified(user: Any, target: Model | None, now: datetime) -> Decision:
    """A rule for verified residents (whatever the target)."""
    return ALLOW if user.is_verified else deny(NOT_VERIFIED)


def all_of(*rules: Rule) -> Rule:
    """A rule that asks `rules` in order and answers the first refusal (or ALLOW)."""

    def rule(user: Any, target: Model | None, now: datetime) -> Decision:
        for each in rules:
            decision = each(user, target, now)
            if not decision:
                return decision
        return ALLOW

    return rule


def refuse_outsider(user: Any, reason: Any = OUTSIDE_SCOPE) -> Decision:
    """Why someone the rule does not let in is refused: `reason` (out of scope) for staff,
    or not staff at all."""
    return deny(reason if scope_of(user).is_staff else STAFF_ONLY)


def staff_serving(place_of: Callable[[Model | None], Any]) -> Rule:
    """A rule for the staff serving the place `place_of(target)` leads to (or site admins).

    `place_of` answers a dong, a district or a row with a district and dong, or None when
    the target is not of the kind the action is about.
    """

    def rule(user: Any, target: Model | None, now: datetime) -> Decision:
        place = place_of(target)
        if place is not None and scope_of(user).serves_row(place):
            return ALLOW
        return refuse_outsider(user)

    return rule


def district_staff(place_of: Callable[[Model | None], Any], refusal: Any = OUTSIDE_SCOPE) -> Rule:
    """A rule for district staff of the district of `place_of(target)` (or site admins), not
    the dong office: other staff are refused with `refusal`, everyone else as not staff.

    `place_of` answers a district or a row with a district, or None as for `staff_serving`.
    """

    def rule(user: Any, target: Model | None, now: datetime) -> Decision:
        place = place_of(target)
        if place is not None and scope_of(user).serves(district_of(place)):
            return ALLOW
        return refuse_outsider(user, refusal)

    return rule


def district_of(place: Model | None) -> int | None:
    """The id of a district, or of the district a row belongs to (None without one)."""
    if isinstance(place, District):
        return place.pk
    return getattr(place, "district_id", None)


def follow(paths: dict[type[Model], str]) -> Callable[[Model | None], Any]:
    """A `place_of` for rules: the row a target of each kind in `paths` leads to, by its
    dotted attribute path ("room.space"; "" is the target itself), None for other kinds.

    The first kind the target is an instance of answers.
    """

    def row_of(target: Model | None) -> Any:
        for kind, path in paths.items():
            if isinstance(target, kind):
                row: Any = target
                for name in filter(None, path.split(".")):
                    row = getattr(row, name)
                return row
        return None

    return row_of


def of_kind(*kinds: type[Model]) -> Callable[[Model | None], Model | None]:
    """The target itself when it is one of `kinds`, else None (a `place_of` for rules)."""
    return lambda target: target if isinstance(target, kinds) else None


def reportable(kind: type[Model], not_reportable: Any, own: Any) -> Rule:
    """A rule for reporting a row of `kind` (a comment, an argument): anyone but its author,
    while it is visible."""

    def rule(user: Any, target: Model | None, now: datetime) -> Decision:
        row: Any = target if isinstance(target, kind) else None
        if row is None or row.is_hidden:
            return deny(not_reportable)
        if row.author_id == user.pk:
            return deny(own)
        return ALLOW

    return rule


_change_dong = staff_serving(of_kind(Dong))
_change_district = staff_serving(of_kind(District))
