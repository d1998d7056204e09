"""Database sessions that remember their account, so that one account's sessions can all end.

Django's own database sessions keep the account only inside the encoded data, so ending
every session of one person would mean decoding every row. This store (SESSION_ENGINE)
writes the account id beside the data, as Django's documentation shows for extending
the database engine.
"""

from typing import Any

from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore


class SessionStore(DatabaseSessionStore):
    @classmethod
    def get_model_class(cls) -> Any:
        from maeul.core.models import UserSession

        return UserSession

    def create_model_instance(self, data: dict[str, Any]) -> Any:
        row: Any = super().create_model_instance(data)
        raw = str(data.get(SESSION_KEY) or "")
        row.user_id = int(raw) if raw.isdigit() else None
        return row


def end_sessions(user: Any) -> int:
    """Delete every session of `user` from the store; returns how many there were."""
    from maeul.core.models import UserSession

    deleted, _rows = UserSession.objects.filter(user_id=user.pk).delete()
    return deleted
