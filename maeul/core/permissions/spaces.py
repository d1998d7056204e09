"""Who may book a room, cancel a booking, borrow an item, answer the survey after use, run
a space's desk and set the district's capacity policy (거리두기 단계), and who asks for a
club's weekly slot in a seasonal allocation round (정기대관: a verified resident for the
group, while the round is open; staff of the space open and close it, and add and remove
its photos).

A verified resident books rooms and borrows items; the booker cancels their own booking
while it is active and answers the survey once it was used. Staff run the desk of the spaces
they serve: dong staff those of their dong, district staff all of their district. Only
district staff of the district set its capacity policy. Which rows staff serve: a space by
its dong, a booking and a loan by their space's.
"""

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
    staff_serving,
    verified,
)
from maeul.core.permissions.scope import register_rows, through
from maeul.places.models import District
from maeul.spaces.models import (
    ACTIVE,
    AllocationRound,
    Booking,
    BookingStatus,
    CapacityPolicy,
    Item,
    ItemLoan,
    Room,
    Space,
    SpacePhoto,
)

register_rows(Space)
register_rows(Booking, AllocationRound, row_scope=through("room__space"))
register_rows(SpacePhoto, row_scope=through("space"))
register_rows(ItemLoan, row_scope=through("item__space"))

NOT_BOOKER = _("Only the person who made the booking may do this.")


# The space a room, booking, item or loan belongs to (None for anything else).
space_of = follow(
    {
        Space: "",
        Room: "space",
        AllocationRound: "room.space",
        SpacePhoto: "space",
        Booking: "room.space",
        Item: "space",
        ItemLoan: "item.space",
    }
)


def _request_allocation(user: Any, target: Model | None, now: datetime) -> Decision:
    """A verified resident, for a group, while the round takes requests."""
    if not user.is_verified:
        return deny(NOT_VERIFIED)
    if not isinstance(target, AllocationRound) or not target.is_open:
        return deny(_("This allocation round is closed."))
    return ALLOW


# Staff of the space's dong or district (or site admins).
_manage_space = staff_serving(space_of)


def _cancel_booking(user: Any, target: Model | None, now: datetime) -> Decision:
    """The booker, or staff of the space, while the booking is active and not over."""
    if not isinstance(target, Booking):
        return deny(NOT_BOOKER)
    if target.booker_id != user.pk and not _manage_space(user, target, now):
        return deny(NOT_BOOKER)
    if target.status not in ACTIVE:
        return deny(_("Only a booking that is awaiting approval or confirmed can be cancelled."))
    if target.ends_at <= now:
        return deny(_("The booking is already over."))
    return ALLOW


def _answer_survey(user: Any, target: Model | None, now: datetime) -> Decision:
    """The booker, once the booking was used."""
    if not isinstance(target, Booking) or target.booker_id != user.pk:
        return deny(NOT_BOOKER)
    if target.status != BookingStatus.USED:
        return deny(_("The survey opens once the space has been used."))
    return ALLOW


# District staff of the district (a policy or the district itself).
_set_policy = district_staff(
    of_kind(CapacityPolicy, District), _("Only district staff may change the capacity policy.")
)


RULES: dict[Action, Rule] = {
    Action.BOOK_ROOM: verified,
    Action.BORROW_ITEM: verified,
    Action.REQUEST_ALLOCATION: _request_allocation,
    Action.CANCEL_BOOKING: _cancel_booking,
    Action.ANSWER_SURVEY: _answer_survey,
    Action.MANAGE_SPACE: _manage_space,
    Action.SET_CAPACITY_POLICY: _set_policy,
}
