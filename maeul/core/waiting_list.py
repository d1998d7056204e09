"""The waiting list of something residents register for (a forum, a course): one rule for who
moves up when a place comes free.

A registration has a `status` (the app's values for holding a place and for waiting) and the
time it was made (`joined`: `created_at` unless the app names another field); the event's
`registrations` are counted while its row is locked by the caller, so two cancellations
cannot hand the same place out twice.
"""

from typing import Any

from django.db import models


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
