"""Who may write a council's plan, approve it, record its spending and let it go over budget;
who may turn a counted vote's winners into projects (`MANAGE_PLAN` on the vote: staff of
the council whose plan takes them).

Which plan rows staff serve: a plan by its council's district and dong, a project by the
district and dong copied onto it, its spending entries and progress updates by their project's.
"""

from django.db.models import Model
from django.utils.translation import gettext_lazy as _

from maeul.core.permissions.base import Action, Rule, district_staff, staff_serving
from maeul.core.permissions.scope import register_rows, through
from maeul.councils.models import Council, CouncilKind
from maeul.plans.models import AutonomyPlan, ProgressUpdate, Project, SpendingEntry
from maeul.voting.models import Vote

register_rows(AutonomyPlan, row_scope=through("council"))
register_rows(Project)
register_rows(SpendingEntry, ProgressUpdate, row_scope=through("project"))


def _council_of(target: Model | None) -> Council | None:
    """The council whose plan `target` is part of (a plan starts from its council)."""
    if isinstance(target, Council):
        return target
    if isinstance(target, AutonomyPlan):
        return target.council
    if isinstance(target, Project):
        return target.plan.council
    if isinstance(target, Vote):
        # The council whose plan takes the vote's winners (`plans.services.from_vote`): the
        # dong's resident council, or the district's governance council; only where it is
        # matters here, so no query.
        kind = CouncilKind.RESIDENT if target.dong_id else CouncilKind.GOVERNANCE
        return Council(district_id=target.district_id, dong_id=target.dong_id, kind=kind)
    return None


# Staff of the council's dong or district (or site admins) write its plan and spending.
_council_staff_only = staff_serving(_council_of)


RULES: dict[Action, Rule] = {
    Action.MANAGE_PLAN: _council_staff_only,
    Action.RECORD_SPENDING: _council_staff_only,
    # District staff of the council (or site admins), not the dong office that wrote it.
    Action.CONFIRM_OVER_BUDGET: district_staff(
        _council_of, _("Only district staff may let a project go over its budget.")
    ),
    Action.APPROVE_PLAN: district_staff(
        _council_of, _("Only district staff may approve or return a plan.")
    ),
}
