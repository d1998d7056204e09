"""The waiting list of something residents register for (a forum, a course): one rule for who
gets a place, who waits, who may cancel and who moves up when a place comes free.

A registration has a `status` (the app's values for holding a place and for waiting) and the
time it was made (`joined`: `created_at` unless the app names another field); the event's
`registrations` are counted while its row is locked by the caller, so two registrations
cannot take the last place, nor two cancellations hand the same place out twice.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.utils.translation import gettext as _

from maeul.core.errors import RuleViolation


def move_up_first_waiting(
    registrations: "models.QuerySet[Any]",
    *,
    freed: bool,
    capacity: int,
    placed: Any,
    waiting: Any,
    joined: str = "created_at",
) -> Any | None:
    """After a cancellation that `freed` a place: while fewer than `capacity` hold the status
    `placed`, the first one `waiting` (earliest `joined`, then lowest id) gets a place and is
    returned; else None.
    """
    taken = registrations.filter(status=placed).count()
    if not freed or taken >= capacity:
        return None
    first = registrations.filter(status=waiting).order_by(joined, "pk").first()
    if first is not None:
        first.status = placed
        first.save(update_fields=["status"])
    return first


@dataclass(frozen=True)
class WaitingList:
    """The status values of one kind of registration: holding a place (`placed`), on the
    waiting list (`waiting`) and `cancelled`; `joined` is the field of the time it was made."""

    placed: Any
    waiting: Any
    cancelled: Any
    joined: str = "created_at"

    def status_on_joining(
        self, registrations: "models.QuerySet[Any]", *, capacity: int, room: int | None = None
    ) -> Any:
        """The status of a new registration: a place while fewer than `capacity` hold one,
        else the waiting list (while fewer than `room` wait, when the list is limited);
        None when the places and the waiting list are full."""
        if registrations.filter(status=self.placed).count() < capacity:
            return self.placed
        if room is None or registrations.filter(status=self.waiting).count() < room:
            return self.waiting
        return None

    def refuse_unless_own(self, user: Any, registration: Any) -> None:
        """Only the person registered cancels, and only a registration not yet cancelled."""
        if registration.user_id != getattr(user, "pk", None) or (
            registration.status == self.cancelled
        ):
            raise RuleViolation(_("You can cancel only your own registration."), code="forbidden")

    def cancel(
        self,
        registration: Any,
        registrations: "models.QuerySet[Any]",
        *,
        capacity: int,
        also: Mapping[str, Any] | None = None,
    ) -> Any | None:
        """Cancel `registration` (saving the fields in `also` with its status); if it held a
        place, the first one waiting moves up (`move_up_first_waiting`) and is returned."""
        freed = registration.status == self.placed
        registration.status = self.cancelled
        for name, value in (also or {}).items():
            setattr(registration, name, value)
        registration.save(update_fields=["status", *(also or {})])
        return move_up_first_waiting(
            registrations,
            freed=freed,
            capacity=capacity,
            placed=self.placed,
            waiting=self.waiting,
            joined=self.joined,
        )
