"""Which residents a staff member may look up: those tied to the dongs they serve.

Dong staff (동 주민센터) see residents with a tie to their dong, district staff (구청) those
tied to a dong of their district, site admins everyone. Outside that, a resident does not
exist for the staff member: the same "not found" as for an unknown address, since even the
existence of an account is private. The rule itself is `Action.LOOK_UP_RESIDENT`.
"""

from datetime import datetime
from typing import Any

from django.db.models import Q, QuerySet

from maeul.accounts.models import User
from maeul.core.permissions import Action, can, scope_of


def residents_in_scope(staff: Any, *, now: datetime) -> QuerySet[User]:
    """The active accounts `staff` may find; none for someone who may not look up at all."""
    if not can(staff, Action.LOOK_UP_RESIDENT, now=now):
        return User.objects.none()
    users = User.objects.filter(is_active=True)
    scope = scope_of(staff)
    if scope.site_admin:
        return users
    tied = User.objects.filter(
        Q(dong_ties__dong_id__in=scope.dong_ids)
        | Q(dong_ties__dong__district_id__in=scope.district_ids)
    ).values("pk")
    return users.filter(pk__in=tied)


def find_resident(*, staff: Any, email: str, now: datetime) -> User | None:
    """The resident in `staff`'s scope who signs in with `email`, or None."""
    return residents_in_scope(staff, now=now).filter(email__iexact=email.strip()).first()
