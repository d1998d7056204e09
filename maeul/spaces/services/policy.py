"""The district's capacity policy (거리두기 단계): putting a level in force re-checks every
future booking of the district's spaces. A booking above the new cap keeps its slot with its
headcount capped; a booking of a room type the level closes is cancelled; each booker is
told. The change and its counts go to the audit log in the same transaction."""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from maeul.core import audit
from maeul.core.permissions import Action, enforce
from maeul.places.models import District
from maeul.spaces.models import Booking, BookingStatus, CapacityPolicy
from maeul.spaces.services.bookings import release, start_text, tell_booker


@dataclass(frozen=True)
class Recheck:
    capped: int
    cancelled: int


def set_capacity_policy(
    *, district: District, policy: CapacityPolicy | None, staff: Any, now: datetime, ip: str | None
) -> Recheck:
    """Put `policy` in force in `district` (None: no policy, full capacity)."""
    enforce(staff, Action.SET_CAPACITY_POLICY, district, now=now)
    if policy is not None and policy.district_id != district.pk:
        enforce(staff, Action.SET_CAPACITY_POLICY, policy, now=now)
    capped = cancelled = 0
    with transaction.atomic():
        current = CapacityPolicy.objects.select_for_update().filter(
            district=district, is_active=True
        )
        previous = current.first()
        current.update(is_active=False)
        if policy is not None:
            CapacityPolicy.objects.filter(pk=policy.pk).update(is_active=True)
            policy.is_active = True
            future = (
                Booking.objects.active()
                .filter(room__space__district=district, starts_at__gt=now)
                .select_related("room__space", "booker")
            )
            for booking in future:
                cap = policy.cap(booking.room)
                when = start_text(booking)
                if cap == 0:
                    release(booking, BookingStatus.CANCELLED, now=now, note=str(policy))
                    cancelled += 1
                    message = _(
                        "Your booking of %(room)s on %(day)s was cancelled: the room is "
                        "closed under %(policy)s."
                    ) % {"room": booking.room, "day": when, "policy": policy}
                elif booking.headcount > cap:
                    note = _("Headcount capped from %(old)d to %(new)d under %(policy)s.") % {
                        "old": booking.headcount,
                        "new": cap,
                        "policy": policy,
                    }
                    booking.headcount, booking.note = cap, note[:200]
                    booking.save(update_fields=["headcount", "note"])
                    capped += 1
                    message = _(
                        "Your booking of %(room)s on %(day)s may now take at most %(cap)d "
                        "people under %(policy)s."
                    ) % {"room": booking.room, "day": when, "cap": cap, "policy": policy}
                else:
                    continue
                tell_booker(booking, message, now=now, kind="space_capacity")
        audit.record(
            actor=staff,
            action="spaces.set_capacity_policy",
            target=policy or district,
            changes={
                "policy": [str(previous) if previous else "", str(policy) if policy else ""],
                "capped": [0, capped],
                "cancelled": [0, cancelled],
            },
            ip=ip,
            now=now,
        )
    return Recheck(capped=capped, cancelled=cancelled)
