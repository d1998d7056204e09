"""Which residents a staff member may look up: those tied to the dongs they serve.

Dong staff (동 주민센터) see residents with a current tie to their dong, district staff those
tied to a dong of their district, site admins everyone. Outside that, a resident does not
exist for the staff member: the same "not found" as for an unknown address, since even the
existence of an account is private. The rule itself is `Action.LOOK_UP_RESIDENT`; the rows
are the current dong ties `scope_of(staff).rows` gives.
"""

from datetime import datetime
from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from maeul.accounts.models import DongTie, User
from maeul.core.permissions import Action, can, require, scope_of


def residents_in_scope(staff: Any, *, now: datetime) -> QuerySet[User]:
    """The active accounts `staff` may find; none for someone who may not look up at all."""
    if not can(staff, Action.LOOK_UP_RESIDENT, now=now):
        return User.objects.none()
    users = User.objects.filter(is_active=True)
    scope = scope_of(staff)
    if scope.site_admin:
        return users
    tied = scope.rows(DongTie.objects.current()).values("user_id")
    return users.filter(pk__in=tied)


def find_resident(*, staff: Any, email: str, now: datetime) -> User | None:
    """The resident in `staff`'s scope who signs in with `email`, or None."""
    return residents_in_scope(staff, now=now).filter(email__iexact=email.strip()).first()


def desk_resident(staff: Any, pk: int, *, now: datetime) -> User:
    """The resident a desk page opens: 403 for whoever may not look anyone up, 404 for a
    resident outside `staff`'s scope (as for an unknown account number)."""
    require(staff, Action.LOOK_UP_RESIDENT, now=now)
    resident = residents_in_scope(staff, now=now).filter(pk=pk).first()
    if resident is None:
        raise Http404
    return resident
