"""Who signs up for a volunteer shift (a verified resident, for themselves or for a company's
group), who cancels (the volunteer, before the shift starts), who confirms attendance and
hours (staff serving the activity's dong or district, or a leader of the camp or club that
runs it), who proposes work (일감) for a camp (its leaders and members, and staff of its
dong), who runs camps, clubs and activities and decides on proposed work (staff serving
their dong or district), and who exports hours for the 1365 portal (staff, for the dongs
and district they serve).

Age, guardian consent, a full shift and a missing training are the service's refusals
(`volunteering.services.sign_ups`), not who may ask. Which rows staff serve: a camp, club
or activity by its district and dong; a shift, proposal or hours record by its activity's
or camp's.
"""

from datetime import datetime
from typing import Any

from django.db.models import Model
from django.utils.translation import gettext_lazy as _

from maeul.core.permissions.base import (
    ALLOW,
    Action,
    Decision,
    Rule,
    all_of,
    deny,
    follow,
    of_kind,
    scope_of,
    staff_serving,
    verified,
)
from maeul.core.permissions.scope import register_rows, through
from maeul.places.models import District, Dong
from maeul.volunteering.models import (
    ActivityStatus,
    HoursRecord,
    MemberRole,
    Membership,
    Shift,
    SignUp,
    SignUpStatus,
    VolunteerActivity,
    VolunteerCamp,
    VolunteerClub,
    WorkProposal,
)

register_rows(VolunteerCamp, VolunteerClub, VolunteerActivity)
register_rows(Shift, row_scope=through("activity"))
register_rows(WorkProposal, row_scope=through("camp"))
register_rows(HoursRecord, row_scope=through("shift__activity"))

NOT_OPEN = _("This activity is not taking sign-ups.")
STARTED = _("This shift has already started.")
NOT_YOURS = _("Only the volunteer who signed up may do this.")
NOT_LEADER = _("Only staff or a leader of the camp or club running the activity may do this.")
NOT_CAMP_MEMBER = _("Only the camp's leaders and members, or staff of its dong, may propose work.")


# The activity a shift, sign-up or hours record belongs to (None for anything else).
ACTIVITY_PATHS: dict[type[Model], str] = {
    VolunteerActivity: "",
    Shift: "activity",
    SignUp: "shift.activity",
    HoursRecord: "shift.activity",
}
activity_of = follow(ACTIVITY_PATHS)
# What staff must serve: the activity, camp, club or proposal's camp, or a place.
_place_of = follow(
    {
        VolunteerCamp: "",
        VolunteerClub: "",
        Dong: "",
        District: "",
        WorkProposal: "camp",
        **ACTIVITY_PATHS,
    }
)


def leads(user: Any, activity: VolunteerActivity) -> bool:
    """Whether `user` leads the camp or club that runs `activity`."""
    if activity.camp_id is None and activity.club_id is None:
        return False
    memberships = Membership.objects.filter(user_id=user.pk, role=MemberRole.LEADER)
    if activity.camp_id is not None:
        return memberships.filter(camp_id=activity.camp_id).exists()
    return memberships.filter(club_id=activity.club_id).exists()


def _shift_open(user: Any, target: Model | None, now: datetime) -> Decision:
    if not isinstance(target, Shift) or target.activity.status != ActivityStatus.OPEN:
        return deny(NOT_OPEN)
    if target.has_started(now):
        return deny(STARTED)
    return ALLOW


# A verified resident, for a shift of an open activity that has not started.
_sign_up = all_of(verified, _shift_open)


def _cancel(user: Any, target: Model | None, now: datetime) -> Decision:
    """The volunteer, while the sign-up is active (or waiting) and the shift has not started."""
    if not isinstance(target, SignUp) or target.user_id != user.pk:
        return deny(NOT_YOURS)
    if target.status not in (SignUpStatus.ACTIVE, SignUpStatus.WAITING):
        return deny(_("This sign-up was already cancelled."))
    if target.shift.has_started(now):
        return deny(STARTED)
    return ALLOW


def _confirm_hours(user: Any, target: Model | None, now: datetime) -> Decision:
    """Staff serving the activity, or a leader of its camp or club."""
    activity = activity_of(target)
    if activity is None:
        return deny(NOT_LEADER)
    if scope_of(user).serves_row(activity) or leads(user, activity):
        return ALLOW
    return deny(NOT_LEADER)


def _propose_work(user: Any, target: Model | None, now: datetime) -> Decision:
    """A leader or member of the camp, or staff serving its dong."""
    if not isinstance(target, VolunteerCamp):
        return deny(NOT_CAMP_MEMBER)
    if scope_of(user).serves_row(target):
        return ALLOW
    if Membership.objects.filter(user_id=user.pk, camp_id=target.pk).exists():
        return ALLOW
    return deny(NOT_CAMP_MEMBER)


_manage = staff_serving(_place_of)


# Staff serving the district or dong whose hours are exported.
_export = staff_serving(of_kind(District, Dong))


RULES: dict[Action, Rule] = {
    Action.SIGN_UP_VOLUNTEER: _sign_up,
    Action.SIGN_UP_GROUP: _sign_up,
    Action.CANCEL_VOLUNTEER_SIGN_UP: _cancel,
    Action.CONFIRM_VOLUNTEER_HOURS: _confirm_hours,
    Action.PROPOSE_WORK: _propose_work,
    Action.MANAGE_VOLUNTEERING: _manage,
    Action.EXPORT_VOLUNTEER_HOURS: _export,
}
