"""The in-person backend: staff at the dong office check the person and confirm ("확인함").

Staff type the name and birth date from the identity card (신분증); the account keeps their
keyed hash (`person_hmac`) and the birth year, never the plain values, so a later
ballot-box check of the same card meets this account.
"""

from datetime import date, datetime

from django.db import transaction
from django.utils.translation import gettext as _

from maeul.accounts.models import User, VerificationMethod
from maeul.accounts.person import checked_person_hash
from maeul.core import audit
from maeul.core.dates import local_date
from maeul.core.errors import RuleViolation
from maeul.core.permissions import Action, enforce

AUDITED = [
    "verified_at",
    "verification_method",
    "verified_by",
    "birth_year",
    "birth_year_changed_at",
    "person_hmac",
]


def verify_in_person(
    *,
    staff: User,
    resident: User,
    name: str,
    birth_date: date,
    ip: str | None,
    now: datetime,
) -> User:
    """Record that `staff` checked `resident`'s identity card in person; audited.

    An account verified earlier without a name and birth date on record (before they were
    asked) may be checked again, to record them; any other verified account is refused.
    """
    enforce(staff, Action.VERIFY_IN_PERSON, resident, now=now)
    person = checked_person_hash(name, birth_date, today=local_date(now))
    with transaction.atomic():
        resident = User.objects.select_for_update().get(pk=resident.pk)
        if resident.is_verified and resident.person_hmac:
            raise RuleViolation(_("This account is already verified."), code="already_verified")
        with audit.changing(
            resident, AUDITED, actor=staff, action="accounts.verify_in_person", ip=ip, now=now
        ) as changes:
            recorded = resident.person_hmac
            resident.mark_verified(method=VerificationMethod.IN_PERSON, at=now, by=staff)
            resident.person_hmac = person
            birth_fields = resident.set_birth_year(birth_date.year, at=now)
            resident.save(
                update_fields=[
                    "verified_at",
                    "verification_method",
                    "verified_by",
                    "person_hmac",
                    *birth_fields,
                ]
            )
            if person != recorded:
                changes["person_hmac"] = ["", "recorded"]  # the hash itself stays out of the log
    return resident
