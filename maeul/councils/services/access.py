"""The one check every council service makes first: may this person do it?"""

from datetime import datetime
from typing import Any

from django.db.models import Model

from maeul.core.errors import RuleViolation
from maeul.core.permissions import Action, can


def authorise(user: Any, action: Action, target: Model, now: datetime) -> None:
    """Raise RuleViolation (code "forbidden") with the reason when `can` says no."""
    decision = can(user, action, target, now=now)
    if not decision:
        raise RuleViolation(decision.reason, code="forbidden")
