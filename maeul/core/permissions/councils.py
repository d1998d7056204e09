"""Who may run councils and their plans, write agenda items, apply, and record spending."""

from datetime import datetime
from typing import Any

from django.db.models import Model
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from maeul.core.permissions.base import (
    ALLOW,
    NOT_VERIFIED,
    OUTSIDE_SCOPE,
    STAFF_ONLY,
    Action,
    Decision,
    Rule,
    deny,
    scope_of,
    ties_of,
)
from maeul.core.permissions.scope import RowScope, register_rows
from maeul.councils.models import (
    AgendaItem,
    Council,
    CouncilEvent,
    CouncilKind,
    CouncilMember,
    CycleStep,
    Meeting,
    Recruitment,
    Term,
)
from maeul.plans.models import AutonomyPlan, Project

# The rows of the council desks: a council is served by its dong's staff (a resident
# council) and its district's staff; everything of a council follows the council.
THROUGH_COUNCIL = RowScope(district="council__district_id", dong="council__dong_id")
THROUGH_TERM = RowScope(district="term__council__district_id", dong="term__council__dong_id")
register_rows(Council, RowScope(district="district_id", dong="dong_id"))
register_rows(Term, THROUGH_COUNCIL)
register_rows(AgendaItem, THROUGH_COUNCIL)
register_rows(Meeting, THROUGH_COUNCIL)
register_rows(CouncilEvent, THROUGH_COUNCIL)
register_rows(CycleStep, THROUGH_COUNCIL)
register_rows(CouncilMember, THROUGH_TERM)
register_rows(Recruitment, THROUGH_TERM)


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
    ties = ties_of(user)
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


def _approve_plan(user: Any, target: Model | None, now: datetime) -> Decision:
    """The district approves (or returns) a council's plan, not the dong office that wrote it."""
    scope = scope_of(user)
    council = _council_of(target)
    if council is not None and (scope.site_admin or council.district_id in scope.district_ids):
        return ALLOW
    return deny(_("Only district staff may approve or return a plan."))


RULES: dict[Action, Rule] = {
    Action.MANAGE_COUNCIL: _manage_council,
    Action.WRITE_AGENDA_ITEM: _write_agenda_item,
    Action.APPLY_TO_COUNCIL: _apply_to_council,
    Action.MANAGE_PLAN: _manage_council,
    Action.RECORD_SPENDING: _record_spending,
    Action.CONFIRM_OVER_BUDGET: _confirm_over_budget,
    Action.APPROVE_PLAN: _approve_plan,
}
