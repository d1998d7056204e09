"""Staff screening of handed-in applications: finding their similar applications again."""

from datetime import datetime
from typing import Any

from django.db import transaction

from maeul.core import audit
from maeul.core.permissions import Action, enforce
from maeul.grants import duplicates
from maeul.grants.models import Application, DuplicateMatch


def recheck_duplicates(
    *, application: Application, staff: Any, now: datetime, ip: str | None
) -> list[DuplicateMatch]:
    """Look for similar applications again (later ones may have come in since)."""
    enforce(staff, Action.SCREEN_APPLICATION, application, now=now)
    with transaction.atomic():
        matches = duplicates.record_matches(application, now=now)
        audit.record(
            actor=staff,
            action="grants.duplicates_recheck",
            target=application,
            changes={"matches": [None, len(matches)]},
            ip=ip,
            now=now,
        )
    return matches
