"""A volunteer's own details: the 1365 portal ID, and a minor's guardian consent."""

from datetime import date, datetime
from typing import Any

from django.utils.translation import gettext as _

from maeul.core.dates import past_or_today
from maeul.core.errors import RuleViolation
from maeul.core.privacy import refuse_resident_number
from maeul.volunteering.models import ConsentChannel, GuardianConsent, Volunteer


def set_portal_id(*, user: Any, portal_id: str, now: datetime) -> Volunteer:
    """Keep the volunteer's 1365 portal ID, so their hours can be matched there."""
    refuse_resident_number(portal_id=portal_id)
    volunteer, _created = Volunteer.objects.get_or_create(user=user, defaults={"created_at": now})
    volunteer.portal_id = portal_id.strip()
    volunteer.save(update_fields=["portal_id"])
    return volunteer


def record_guardian_consent(
    *,
    user: Any,
    guardian_name: str,
    relation: str,
    consented_on: date,
    channel: str,
    now: datetime,
) -> GuardianConsent:
    """Record that the guardian of `user` (a minor) agreed to their volunteering.

    The guardian's name, relation, the date and how they agreed: never an identity number
    (a resident registration number in any of the texts is refused). Recording again
    replaces the earlier consent.
    """
    refuse_resident_number(guardian_name=guardian_name, relation=relation)
    if not guardian_name.strip():
        raise RuleViolation(
            _("Enter the guardian's name."), code="guardian_name", field="guardian_name"
        )
    if not relation.strip():
        raise RuleViolation(
            _("Enter the guardian's relation to you."), code="relation", field="relation"
        )
    past_or_today(consented_on, now, field="consented_on")
    if channel not in ConsentChannel.values:
        raise RuleViolation(_("Choose how the guardian agreed."), code="channel", field="channel")
    consent, _created = GuardianConsent.objects.update_or_create(
        user=user,
        defaults={
            "guardian_name": guardian_name.strip(),
            "relation": relation.strip(),
            "consented_on": consented_on,
            "channel": channel,
            "recorded_at": now,
        },
    )
    return consent
