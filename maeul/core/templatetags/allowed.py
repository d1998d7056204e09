"""`{% can_do user "approve_plan" plan as ok %}`: what a staff page offers, asked of the rules.

A page offers a button or a form only when the same `can(user, Action.X, target, now=now)`
the view and the service ask allows it, so nobody is shown an action the server would
refuse; the decision's `reason` explains a missing button. The rules stay in
`maeul.core.permissions`: a template never repeats them.
"""

from typing import Any

from django import template
from django.db.models import Model
from django.utils import timezone

from maeul.core.permissions import Action, Decision, can

register = template.Library()


def action_named(name: str) -> Action:
    """The action `name` names: the enum member in lower case ("approve_plan")."""
    try:
        return Action[name.upper()]
    except KeyError:
        raise template.TemplateSyntaxError(f"can_do: no action called {name!r}") from None


@register.simple_tag(takes_context=True)
def can_do(
    context: template.Context, user: Any, action: str, target: Model | None = None
) -> Decision:
    """The decision of `can(user, action, target)` at the page's `now` (else the clock)."""
    now = context.get("now") or timezone.now()
    return can(user, action_named(action), target, now=now)
