"""State changes of grants: `calls` (district staff configure and publish calls), `groups`
(a resident registers a group and its members), `applications` (the representative writes,
submits and withdraws), `screening` (staff look for duplicates again). Each takes the acting
user and `now`, checks `can` first (`enforce`), and audits staff actions."""

from datetime import datetime

from django.urls import reverse

from maeul.core.notifications import notify
from maeul.grants.models import Application


def tell_representative(
    application: Application, message: str, *, kind: str, now: datetime, **values: object
) -> None:
    """Notify the representative of the application's group, linking to the application;
    `message` names the application as %(title)s, beside any other `values`."""
    notify(
        recipients=[application.group.representative],
        kind=kind,
        message=message % {"title": application.title, **values},
        url=reverse("grants:application", args=[application.pk]),
        now=now,
    )
