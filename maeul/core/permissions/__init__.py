"""Who may do what to which object: the one place that decides.

Views, the API and the admin ask `can(user, action, target, now=now)`; the answer is a
`Decision` that also says why not, so a page can explain a disabled button. The rules
live beside each other by capability (`accounts.py`, `proposals.py`, `voting.py`,
`councils.py`, `plans.py`); the foundation's rules and the shared pieces are in `base.py`;
which rows staff serve, and `require`/`enforce`/`staff_required`, in `scope.py`.
"""

from datetime import datetime
from typing import Any

from django.contrib.auth.backends import BaseBackend
from django.db.models import Model
from django.utils import timezone

from maeul.core.permissions import (
    accounts,
    archive,
    consultations,
    councils,
    courses,
    grants,
    plans,
    proposals,
    spaces,
    volunteering,
    voting,
)
from maeul.core.permissions.base import (
    ALLOW,
    NOT_SIGNED_IN,
    NOT_VERIFIED,
    OUTSIDE_SCOPE,
    SITE_ADMINS_ONLY,
    STAFF_ONLY,
    Action,
    Decision,
    Rule,
    Scope,
    _any_staff,
    _change_district,
    _change_dong,
    _site_admin_only,
    deny,
    forget_scope,
    forget_ties,
    scope_of,
)
from maeul.core.permissions.scope import (
    RowScope,
    enforce,
    register_rows,
    require,
    staff_required,
)

__all__ = [
    "ALLOW",
    "NOT_SIGNED_IN",
    "NOT_VERIFIED",
    "OUTSIDE_SCOPE",
    "RULES",
    "SITE_ADMINS_ONLY",
    "STAFF_ONLY",
    "Action",
    "Decision",
    "RowScope",
    "Scope",
    "SiteAdminBackend",
    "can",
    "deny",
    "enforce",
    "forget_scope",
    "forget_ties",
    "register_rows",
    "require",
    "scope_of",
    "staff_required",
]

RULES: dict[Action, Rule] = {
    Action.USE_ADMIN: _site_admin_only,
    Action.VIEW_AUDIT_LOG: _site_admin_only,
    Action.MANAGE_ROLES: _site_admin_only,
    Action.VIEW_STAFF_PAGES: _any_staff,
    Action.CHANGE_DONG: _change_dong,
    Action.CHANGE_DISTRICT: _change_district,
    **accounts.RULES,
    **proposals.RULES,
    **voting.RULES,
    **councils.RULES,
    **plans.RULES,
    **grants.RULES,
    **spaces.RULES,
    **consultations.RULES,
    **courses.RULES,
    **archive.RULES,
    **volunteering.RULES,
}


def can(user: Any, action: Action, target: Model | None = None, *, now: datetime) -> Decision:
    """Decide whether `user` may perform `action` on `target` at `now`, with the reason if not."""
    if not getattr(user, "is_authenticated", False):
        return deny(NOT_SIGNED_IN)
    if not user.is_active:
        return deny(NOT_SIGNED_IN)
    return RULES[action](user, target, now)


class SiteAdminBackend(BaseBackend):
    """Django's model permissions (used by the admin) answered by this module.

    Site administrators may do everything in the back office; nobody else may use it.
    """

    def has_perm(self, user_obj: Any, perm: str, obj: Model | None = None) -> bool:
        return bool(can(user_obj, Action.USE_ADMIN, now=timezone.now()))

    def has_module_perms(self, user_obj: Any, app_label: str) -> bool:
        return bool(can(user_obj, Action.USE_ADMIN, now=timezone.now()))
