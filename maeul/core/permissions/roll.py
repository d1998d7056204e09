"""Who is on a roll that is frozen when it opens (a vote's voters, a consultation's
audience): the ties held since the opening, and a birth year not changed since then.

Votes (`voting.unmet_conditions`) and consultations (`consultations.audience_refusal`) ask
these, each in its own words; the rule itself lives here once.
"""

from collections.abc import Callable, Collection
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from maeul.accounts.models import DongTie
from maeul.core.dates import seoul_minute, seoul_year
from maeul.core.permissions.base import ties_of
from maeul.places.models import Dong


@dataclass(frozen=True)
class RollTies:
    """The person's current ties to the roll's dongs, those of the kinds it accepts, and of
    those the ones held since the opening (the only ones that count)."""

    covering: list[DongTie]
    accepted: list[DongTie]
    held: list[DongTie]


def roll_ties(
    user: Any, covers: Callable[[Dong], bool], opened: datetime, kinds: Collection[str] | None
) -> RollTies:
    """`kinds` None accepts every kind of tie (lives, works, studies)."""
    covering = [tie for tie in ties_of(user) if covers(tie.dong)]
    accepted = [tie for tie in covering if kinds is None or tie.kind in kinds]
    held = [tie for tie in accepted if tie.started_at <= opened]
    return RollTies(covering, accepted, held)


@dataclass(frozen=True)
class RollAge:
    age: int | None  # None: no birth year
    changed_since_opening: bool  # a birth year changed after the opening does not count


def roll_age(user: Any, opened: datetime, now: datetime) -> RollAge:
    changed = user.birth_year_changed_at
    return RollAge(user.age_in(seoul_year(now)), changed is not None and changed > opened)


def opening_time(opened: datetime) -> str:
    """The opening, when the roll froze, as the refusals name it ("2026-03-02 09:00")."""
    return seoul_minute(opened)
