"""Who may book a room, cancel a booking, borrow an item, answer the survey after use, run
a space's desk and set the district's capacity policy (거리두기 단계).

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
    STAFF_ONLY,
    Action,
    Decision,
    Rule,
    deny,
    refuse_outsider,
    scope_of,
)
from maeul.core.permissions.scope import RowScope, register_rows
from maeul.places.models import District
from maeul.spaces.models import ACTIVE, Booking, BookingStatus, Item, ItemLoan, Room, Space

register_rows(Space, RowScope(district="district_id", dong="dong_id"))
register_rows(Booking, RowScope(district="room__space__district_id", dong="room__space__dong_id"))
register_rows(ItemLoan, RowScope(district="item__space__district_id", dong="item__space__dong_id"))

NOT_BOOKER = _("Only the person who made the booking may do this.")


def space_of(target: Model | None) -> Space | None:
    """The space a room, booking, item or loan belongs to (None for anything else)."""
    if isinstance(target, Space):
        return target
    if isinstance(target, Room):
        return target.space
    if isinstance(target, Booking):
        return target.room.space
    if isinstance(target, Item):
        return target.space
    if isinstance(target, ItemLoan):
        return target.item.space
    return None


def _verified(user: Any, target: Model | None, now: datetime) -> Decision:
    return ALLOW if user.is_verified else deny(NOT_VERIFIED)


def _manage_space(user: Any, target: Model | None, now: datetime) -> Decision:
    """Staff of the space's dong or district (or site admins)."""
    space = space_of(target)
    if space is not None and scope_of(user).serves_row(space):
        return ALLOW
    return refuse_outsider(user)


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


def _set_policy(user: Any, target: Model | None, now: datetime) -> Decision:
    """District staff of the district (a policy or the district itself)."""
    scope = scope_of(user)
    district_id = getattr(target, "district_id", None)
    if isinstance(target, District):
        district_id = target.pk
    if scope.site_admin or (district_id is not None and district_id in scope.district_ids):
        return ALLOW
    if scope.is_staff:
        return deny(_("Only district staff may change the capacity policy."))
    return deny(STAFF_ONLY)


RULES: dict[Action, Rule] = {
    Action.BOOK_ROOM: _verified,
    Action.BORROW_ITEM: _verified,
    Action.CANCEL_BOOKING: _cancel_booking,
    Action.ANSWER_SURVEY: _answer_survey,
    Action.MANAGE_SPACE: _manage_space,
    Action.SET_CAPACITY_POLICY: _set_policy,
}
