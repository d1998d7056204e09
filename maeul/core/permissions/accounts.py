"""Who may find, verify and vouch for residents: the dong office's desk (주민센터 창구)."""

from datetime import datetime
from typing import Any

from django.db.models import Model
from django.utils.translation import gettext_lazy as _

from maeul.accounts.models import DongTie, User
from maeul.core.permissions.base import (
    ALLOW,
    OUTSIDE_SCOPE,
    STAFF_ONLY,
    Action,
    Decision,
    Rule,
    Scope,
    deny,
    scope_of,
    ties_of,
)
from maeul.core.permissions.scope import RowScope, register_rows

# Current ties only (`DongTie.objects.current()`): staff serve the people tied to their dongs now.
register_rows(DongTie, RowScope(district="dong__district_id", dong="dong_id"))


def _serves_person(scope: Scope, person: User) -> bool:
    return any(scope.covers_dong(tie.dong) for tie in ties_of(person))


def _other_person(user: Any, target: Model | None, own: Any) -> User | Decision:
    """The person staff act on, unless the user is not staff or it is themselves (`own`)."""
    if not scope_of(user).is_staff:
        return deny(STAFF_ONLY)
    if not isinstance(target, User):
        return deny(OUTSIDE_SCOPE)
    if target.pk == user.pk:
        return deny(own)
    return target


def _verify_in_person(user: Any, target: Model | None, now: datetime) -> Decision:
    person = _other_person(user, target, _("You cannot verify your own account."))
    if isinstance(person, Decision):
        return person
    scope = scope_of(user)
    # Staff confirm residents who are tied to a dong they serve, since only that dong
    # office is answerable for the person standing at its counter.
    if scope.site_admin or _serves_person(scope, person):
        return ALLOW
    if not ties_of(person):
        return deny(_("This person has no dong tie yet. Ask them to add one to their profile."))
    return deny(OUTSIDE_SCOPE)


def _look_up_resident(user: Any, target: Model | None, now: datetime) -> Decision:
    """Dong staff find residents tied to their dongs, district staff to their district's.

    A person with no dong tie is found by nobody but site admins: the office asks them to
    add their dong first (docs/security.md). Without a target: may the user search at all.
    """
    scope = scope_of(user)
    if not scope.is_staff:
        return deny(STAFF_ONLY)
    if not (scope.site_admin or scope.dong_ids or scope.district_ids):
        return deny(_("Only dong and district staff may look residents up."))
    if target is None or scope.site_admin:
        return ALLOW
    if isinstance(target, User) and _serves_person(scope, target):
        return ALLOW
    return deny(OUTSIDE_SCOPE)


def _confirm_tie(user: Any, target: Model | None, now: datetime) -> Decision:
    """Staff of the tie's dong, or of its district, vouch for a tie they checked in person."""
    scope = scope_of(user)
    if not scope.is_staff:
        return deny(STAFF_ONLY)
    if not isinstance(target, DongTie) or not scope.covers_dong(target.dong):
        return deny(OUTSIDE_SCOPE)
    if target.user_id == user.pk:
        return deny(_("You cannot confirm your own tie."))
    if not target.is_current:
        return deny(_("This tie has ended."))
    if target.is_confirmed:
        return deny(_("This tie is already confirmed."))
    return ALLOW


def _correct_birth_year(user: Any, target: Model | None, now: datetime) -> Decision:
    """Staff serving one of the person's dongs (or its district), or site admins."""
    person = _other_person(user, target, _("You cannot correct your own birth year."))
    if isinstance(person, Decision):
        return person
    scope = scope_of(user)
    if scope.site_admin or _serves_person(scope, person):
        return ALLOW
    return deny(OUTSIDE_SCOPE)


RULES: dict[Action, Rule] = {
    Action.VERIFY_IN_PERSON: _verify_in_person,
    Action.LOOK_UP_RESIDENT: _look_up_resident,
    Action.CONFIRM_TIE: _confirm_tie,
    Action.CORRECT_BIRTH_YEAR: _correct_birth_year,
}
