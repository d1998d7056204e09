"""Seoul time: the one time zone that decides which day it is and what a person reads.

Datetimes are aware and stored in UTC; a deadline "on 3 March" or a year "2026" means the
Seoul calendar (Korea keeps no daylight saving time, so a Seoul day is always 24 hours).
"""

from datetime import date, datetime, time
from typing import Final
from zoneinfo import ZoneInfo

from django.utils.translation import gettext as _

from maeul.core.errors import RuleViolation

SEOUL: Final = ZoneInfo("Asia/Seoul")


def seoul_time(moment: datetime) -> datetime:
    """The same instant as Seoul's wall clock shows it."""
    return moment.astimezone(SEOUL)


def seoul_day(moment: date) -> str:
    """The Seoul calendar day of a moment as text ("2026-03-04"); a plain date as it is."""
    day = local_date(moment) if isinstance(moment, datetime) else moment
    return f"{day:%Y-%m-%d}"


def seoul_minute(moment: datetime) -> str:
    """A moment on Seoul's wall clock to the minute, as text ("2026-03-04 09:30")."""
    return f"{seoul_time(moment):%Y-%m-%d %H:%M}"


def local_date(now: datetime) -> date:
    """The Seoul calendar day of `now`."""
    return now.astimezone(SEOUL).date()


def seoul_year(now: datetime) -> int:
    """The Seoul calendar year of `now` (New Year's Eve at 16:00 UTC is already next year)."""
    return local_date(now).year


def at_seoul(day: date, at: time = time.min) -> datetime:
    """The instant of `day` at `at` (midnight by default) on Seoul's wall clock."""
    return datetime.combine(day, at, tzinfo=SEOUL)


def past_or_today(day: date | None, now: datetime, *, field: str) -> date:
    """`day` if it is given and not after today in Seoul; else a refusal beside `field`."""
    if day is None:
        raise RuleViolation(_("Enter the date."), code="date", field=field)
    if day > local_date(now):
        raise RuleViolation(_("The date cannot be in the future."), code="date", field=field)
    return day
