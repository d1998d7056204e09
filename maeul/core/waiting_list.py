"""The waiting list of something residents register for (a forum, a course): one rule for who
moves up when a place comes free.

A registration has a `status` of its app's `RegistrationStatus` ("registered", "waiting",
"cancelled") and a `created_at`; the event's `registrations` are counted while its row is
locked by the caller, so two cancellations cannot hand the same place out twice.
"""

from typing import Any

from django.db import models


def move_up_first_waiting(
    registrations: "models.QuerySet[Any]",
    *,
    freed: bool,
    capacity: int,
    status: Any,
) -> Any | None:
    """After a cancellation that `freed` a place: while fewer than `capacity` are registered,
    the first person waiting (earliest, then lowest id) is registered and returned; else None.
    `status` is the app's `RegistrationStatus`.
    """
    taken = registrations.filter(status=status.REGISTERED).count()
    if not freed or taken >= capacity:
        return None
    first = registrations.filter(status=status.WAITING).order_by("created_at", "pk").first()
    if first is not None:
        first.status = status.REGISTERED
        first.save(update_fields=["status"])
    return first
