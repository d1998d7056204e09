"""Deactivating an account: it stops at once, everywhere, and stays stopped.

`deactivate_account` is the one path (the back office uses it): the account can no longer
sign in, every session it has ends (deleted from the session store, not merely expired),
and every API token issued to it is revoked for good, so reactivating the account later
revives neither. `finish_deactivation` is the safety net for an account made inactive some
other way (a shell, a bulk update): the first request that shows a session of it ends the
rest too.
"""

from datetime import datetime
from typing import Any

from django.db import transaction

from maeul.accounts.models import User
from maeul.api.auth import revoke_api_tokens
from maeul.core import audit
from maeul.core.sessions import end_sessions


def end_access(user: User, *, now: datetime) -> int:
    """Revoke every API token of `user` for good and delete every session of theirs from the
    session store; returns how many sessions there were. Deactivation and withdrawal both
    end an account's access this way."""
    revoke_api_tokens(user=user, now=now)
    return end_sessions(user)


def deactivate_account(*, user: User, by: Any, now: datetime, ip: str | None) -> User:
    """Deactivate `user`, end all their sessions and revoke all their API tokens.

    Safe to call again on an inactive account (it ends whatever is left). Audited.
    """
    with transaction.atomic():
        locked = User.objects.select_for_update().get(pk=user.pk)
        was_active = locked.is_active
        if was_active:
            locked.is_active = False
            locked.save(update_fields=["is_active"])
        ended = end_access(locked, now=now)
        audit.record(
            actor=by,
            action="accounts.deactivate",
            target=locked,
            changes={"is_active": [was_active, False], "sessions_ended": [ended, 0]},
            ip=ip,
            now=now,
        )
    user.is_active = False
    return locked


def finish_deactivation(*, user_id: int, now: datetime) -> bool:
    """End the sessions and tokens of an account found inactive; False when it is active."""
    user = User.objects.filter(pk=user_id, is_active=False).first()
    if user is None:
        return False
    with transaction.atomic():
        end_access(user, now=now)
    return True
