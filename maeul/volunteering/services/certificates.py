"""Issuing a certificate of volunteering (봉사활동 확인서) for a person's confirmed hours, of
one activity or of a period, with a number anyone can check at the certificate check page."""

from datetime import date, datetime
from typing import Any

from django.db.models import Max, Min, Sum
from django.utils.translation import gettext as _

from maeul.core import certificates
from maeul.core.dates import local_date
from maeul.core.errors import RuleViolation
from maeul.volunteering.figures import records_of
from maeul.volunteering.models import Certificate, VolunteerActivity


def new_number(now: datetime) -> str:
    """`봉사-2026-7KQ4M2XA`-like, but in ASCII: `VH-2026-7KQ4M2XA`."""
    return certificates.new_number("VH", now)


def issue_certificate(
    *,
    user: Any,
    now: datetime,
    activity: VolunteerActivity | None = None,
    starts_on: date | None = None,
    ends_on: date | None = None,
) -> Certificate:
    """A certificate of `user`'s confirmed hours in `activity`, or from `starts_on` to
    `ends_on` (Seoul days). Refused when there are none."""
    if starts_on and ends_on and ends_on < starts_on:
        raise RuleViolation(
            _("The end date must not be before the start date."), code="period", field="ends_on"
        )
    records = records_of(user, starts_on, ends_on)
    if activity is not None:
        records = records.filter(shift__activity=activity)
    figures = records.aggregate(
        minutes=Sum("minutes"), first=Min("shift__starts_at"), last=Max("shift__starts_at")
    )
    if not figures["minutes"]:
        raise RuleViolation(_("There are no confirmed hours to certify."), code="no_hours")
    return Certificate.objects.create(
        number=new_number(now),
        user=user,
        activity=activity,
        starts_on=starts_on or local_date(figures["first"]),
        ends_on=ends_on or local_date(figures["last"]),
        minutes=figures["minutes"],
        records=records.count(),
        issued_at=now,
    )
