"""The resource survey (자원조사) of a dong: staff record its people, places, groups and
skills, described without names or contacts (the dong page is public)."""

from datetime import date, datetime
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from maeul.archive.models import Resource, ResourceKind
from maeul.core import audit
from maeul.core.errors import RuleViolation
from maeul.core.permissions import Action, enforce
from maeul.core.privacy import PHONE_NUMBER, refuse_resident_number
from maeul.places.models import Dong


def record_resource(
    *,
    dong: Dong,
    kind: str,
    name: str,
    description: str = "",
    surveyed_on: date,
    staff: Any,
    now: datetime,
    ip: str | None = None,
) -> Resource:
    """Add one finding of the survey. Raises RuleViolation for an empty name, an unknown
    kind, a resident registration number or a phone number."""
    enforce(staff, Action.SURVEY_RESOURCES, dong, now=now)
    name, description = " ".join(name.split()), description.strip()
    if not name:
        raise RuleViolation(_("Name the resource."), code="empty", field="name")
    if kind not in ResourceKind.values:
        raise RuleViolation(_("Choose the kind of resource."), code="kind", field="kind")
    refuse_resident_number(name=name, description=description)
    if PHONE_NUMBER.search(name) or PHONE_NUMBER.search(description):
        raise RuleViolation(
            _("Leave out phone numbers: the dong page is public."),
            code="phone_number",
            field="description",
        )
    with transaction.atomic():
        resource = Resource.objects.create(
            district_id=dong.district_id,
            dong=dong,
            kind=kind,
            name=name[:100],
            description=description,
            surveyed_on=surveyed_on,
            recorded_by=staff,
        )
        audit.record(
            actor=staff,
            action="archive.record_resource",
            target=resource,
            changes={"name": ["", resource.name]},
            ip=ip,
            now=now,
        )
    return resource
