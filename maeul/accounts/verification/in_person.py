"""The in-person backend: staff at the dong office check the person and confirm ("확인함")."""

from datetime import datetime

from django.db import transaction
from django.utils.translation import gettext as _

from maeul.accounts.models import User, VerificationMethod
from maeul.core import audit
from maeul.core.errors import RuleViolation
from maeul.core.permissions import Action, can


def verify_in_person(*, staff: User, resident: User, ip: str | None, now: datetime) -> User:
    """Record that `staff` checked `resident` in person; audited with who and when."""
    decision = can(staff, Action.VERIFY_IN_PERSON, resident)
    if not decision:
        raise RuleViolation(decision.reason, code="forbidden")
    with transaction.atomic():
        resident = User.objects.select_for_update().get(pk=resident.pk)
        if resident.is_verified:
            raise RuleViolation(_("This account is already verified."), code="already_verified")
        before = audit.snapshot(resident, ["verified_at", "verification_method", "verified_by"])
        resident.mark_verified(method=VerificationMethod.IN_PERSON, at=now, by=staff)
        resident.save(update_fields=["verified_at", "verification_method", "verified_by"])
        audit.record(
            actor=staff,
            action="accounts.verify_in_person",
            target=resident,
            changes=audit.diff(
                before,
                audit.snapshot(resident, ["verified_at", "verification_method", "verified_by"]),
            ),
            ip=ip,
            now=now,
        )
    return resident
