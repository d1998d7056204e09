"""What the staff verify desk may do for the resident it shows (for its template partial)."""

from dataclasses import dataclass, field
from typing import Any

from django import template
from django.utils import timezone

from maeul.accounts.models import DongTie, TieKind, User
from maeul.core.permissions import Action, can

register = template.Library()


@dataclass
class TieRow:
    tie: DongTie
    may_confirm: bool


@dataclass
class ResidentDesk:
    ties: list[TieRow] = field(default_factory=list)
    may_correct_birth_year: bool = False


@register.simple_tag(takes_context=True)
def resident_desk(context: template.Context, resident: User) -> ResidentDesk:
    """The resident's current ties, each with whether this staff member may confirm it."""
    staff: Any = context["request"].user
    order = list(TieKind.values)
    now = timezone.now()
    ties = sorted(
        resident.dong_ties.current().select_related("dong"),
        key=lambda tie: order.index(tie.kind),
    )
    return ResidentDesk(
        ties=[TieRow(tie, bool(can(staff, Action.CONFIRM_TIE, tie, now=now))) for tie in ties],
        may_correct_birth_year=bool(can(staff, Action.CORRECT_BIRTH_YEAR, resident, now=now)),
    )
