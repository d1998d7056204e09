"""Who may run councils, write agenda items and apply; which council rows staff serve."""

from datetime import datetime
from typing import Any

from django.db.models import Model
from django.utils.translation import gettext_lazy as _

from maeul.core.dates import local_date
from maeul.core.permissions.base import (
    ALLOW,
    NOT_VERIFIED,
    STAFF_ONLY,
    Action,
    Decision,
    Rule,
    deny,
    scope_of,
    staff_serving,
    ties_of,
)
from maeul.core.permissions.scope import register_rows, through
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

# The rows of the council desks: a council is served by its dong's staff (a resident
# council) and its district's staff; everything of a council follows the council.
register_rows(Council)
register_rows(Term, AgendaItem, Meeting, CouncilEvent, CycleStep, row_scope=through("council"))
register_rows(CouncilMember, Recruitment, row_scope=through("term__council"))


def _council_of(target: Model | None) -> Council | None:
    return target if isinstance(target, Council) else None


# Staff of the council's dong (a resident council), or of its district, or site admins.
_manage_council = staff_serving(_council_of)


def _is_current_member(user: Any, council: Council, now: datetime) -> bool:
    today = local_date(now)
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
    if scope_of(user).serves_row(council) or _is_current_member(user, council, now):
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


RULES: dict[Action, Rule] = {
    Action.MANAGE_COUNCIL: _manage_council,
    Action.WRITE_AGENDA_ITEM: _write_agenda_item,
    Action.APPLY_TO_COUNCIL: _apply_to_council,
}
