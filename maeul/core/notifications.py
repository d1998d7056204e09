"""Tell people about what happened to things they care about: in the site and by e-mail."""

from collections.abc import Iterable
from datetime import datetime
from functools import partial
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _

from maeul.core.models import Notification
from maeul.core.tasks import send_notification_email
from maeul.privacy.models import ConsentKind, ConsentRecord


def notify(
    *, recipients: Iterable[Any], kind: str, message: str, url: str, now: datetime
) -> list[Notification]:
    """One site notification per distinct active recipient, and an e-mail after commit.

    No e-mail goes to a person who declined e-mail notifications (an optional consent);
    accounts that never answered (made before consents were asked) keep getting them.
    """
    unique = {user.pk: user for user in recipients if user is not None and user.is_active}
    rows = Notification.objects.bulk_create(
        [
            Notification(recipient=user, kind=kind, message=message[:300], url=url, created_at=now)
            for user in unique.values()
        ]
    )
    subject = _("[Maeul] %(message)s") % {"message": message[:60]}
    declined = ConsentRecord.objects.declined(ConsentKind.NOTIFY_EMAIL, unique)
    for user in unique.values():
        if user.pk in declined:
            continue
        body = f"{message}\n\n{settings.MAEUL_BASE_URL}{url}"
        transaction.on_commit(
            partial(send_notification_email.enqueue, to=user.email, subject=subject, body=body)
        )
    return rows
