"""Seoul time: the one time zone that decides which day it is and what a person reads.

Datetimes are aware and stored in UTC; a deadline "on 3 March" or a year "2026" means the
Seoul calendar (Korea keeps no daylight saving time, so a Seoul day is always 24 hours).
"""

from datetime import date, datetime, time
from typing import Final
from zoneinfo import ZoneInfo

SEOUL: Final = ZoneInfo("Asia/Seoul")


def seoul_time(moment: datetime) -> datetime:
    """The same instant as Seoul's wall clock shows it."""
    return moment.astimezone(SEOUL)


def local_date(now: datetime) -> date:
    """The Seoul calendar day of `now`."""
    return now.astimezone(SEOUL).date()


def seoul_year(now: datetime) -> int:
    """The Seoul calendar year of `now` (New Year's Eve at 16:00 UTC is already next year)."""
    return local_date(now).year


def at_seoul(day: date, at: time = time.min) -> datetime:
    """The instant of `day` at `at` (midnight by default) on Seoul's wall clock."""
    return datetime.combine(day, at, tzinfo=SEOUL)
