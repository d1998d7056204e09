"""State changes of proposals, split by topic; views, API, commands and demo data call these."""

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from maeul.core.notifications import notify
from maeul.proposals.models import Proposal


def tell_about(
    proposal: Proposal,
    recipients: Iterable[Any],
    message: str,
    *,
    kind: str,
    now: datetime,
    **values: object,
) -> None:
    """Notify `recipients` about `proposal`, linking to its page; `message` names it as
    %(title)s (its first 40 characters), beside any other `values`."""
    notify(
        recipients=list(recipients),
        kind=kind,
        message=message % {"title": proposal.title[:40], **values},
        url=proposal.get_absolute_url(),
        now=now,
    )
