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
from maeul.core.permissions.scope import IN_ITS_DONG, register_rows

# Current ties only (`DongTie.objects.current()`): staff serve the people tied to their dongs now.
register_rows(DongTie, row_scope=IN_ITS_DONG)


def _tied_to_a_served_dong(scope: Scope, person: User) -> bool:
    return any(scope.covers_dong(tie.dong) for tie in ties_of(person))


def _serve_person(
    user: Any, target: Model | None, *, own: Any, untied: Any = OUTSIDE_SCOPE
) -> Decision:
    """Staff act on another person (`own`: the refusal for themselves) tied to a dong they
    serve, or site admins on anyone; `untied`: the refusal for a person with no tie."""
    scope = scope_of(user)
    if not scope.is_staff:
        return deny(STAFF_ONLY)
    if not isinstance(target, User):
        return deny(OUTSIDE_SCOPE)
    if target.pk == user.pk:
        return deny(own)
    if scope.site_admin or _tied_to_a_served_dong(scope, target):
        return ALLOW
    return deny(OUTSIDE_SCOPE if ties_of(target) else untied)


def _verify_in_person(user: Any, target: Model | None, now: datetime) -> Decision:
    # Staff confirm residents who are tied to a dong they serve, since only that dong
    # office is answerable for the person standing at its counter.
    return _serve_person(
        user,
        target,
        own=_("You cannot verify your own account."),
        untied=_("This person has no dong tie yet. Ask them to add one to their profile."),
    )


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
    if isinstance(target, User) and _tied_to_a_served_dong(scope, target):
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
    return _serve_person(user, target, own=_("You cannot correct your own birth year."))


RULES: dict[Action, Rule] = {
    Action.VERIFY_IN_PERSON: _verify_in_person,
    Action.LOOK_UP_RESIDENT: _look_up_resident,
    Action.CONFIRM_TIE: _confirm_tie,
    Action.CORRECT_BIRTH_YEAR: _correct_birth_year,
}
