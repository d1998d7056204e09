"""Demo recruitments (위원 모집) that agree with each council's yearly cycle.

The cycle shows 위원 모집 as a step (November to December by default). While that step is
in force, the demo council has a call open with exactly the step's dates, so the timeline's
"진행 중" and the recruitment page say the same thing; outside it there is no call. In a
term's last year the call is for the next term; in its first year, for the places left
vacant in the current one. Idempotent: a council whose term already has a call is left alone.
"""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from maeul.accounts.models import User
from maeul.councils.models import Council, CyclePhase, CycleStep, Recruitment, Term
from maeul.councils.services import cycle, members, recruitment

SEOUL = ZoneInfo("Asia/Seoul")
NEXT_TERM_SEATS = 30


def _start_of(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=SEOUL)


def recruitment_step(council: Council, today: date) -> CycleStep | None:
    """This year's 위원 모집 step of the council (planned, or the default schedule)."""
    steps = list(council.cycle_steps.filter(year=today.year)) or cycle.default_steps(
        council, today.year
    )
    return next((s for s in steps if s.phase == CyclePhase.RECRUITMENT), None)


def _call_term(
    council: Council, term: Term, today: date, staff: User, now: datetime
) -> tuple[Term, int]:
    """The term the call is for (`term` serves today), and its places."""
    if term.ends_on.year > today.year:
        vacant = council.max_members - members.current_members(term).count()
        return term, max(vacant, 1)
    following = council.terms.filter(number=term.number + 1).first() or members.start_term(
        council=council,
        number=term.number + 1,
        starts_on=term.ends_on + timedelta(days=1),
        staff=staff,
        now=now,
        ip=None,
    )
    return following, min(NEXT_TERM_SEATS, council.max_members)


def load_recruitments(*, councils: list[Council], staff: User, now: datetime) -> int:
    """Open the calls due today; returns how many were opened."""
    today = now.astimezone(SEOUL).date()
    opened = 0
    for council in councils:
        step = recruitment_step(council, today)
        if step is None or not step.starts_on <= today <= step.ends_on:
            continue
        serving = members.current_term(council, today)
        if serving is None:
            continue
        term, seats = _call_term(council, serving, today, staff, now)
        if Recruitment.objects.filter(term=term).exists():
            continue
        recruitment.open_recruitment(
            term=term,
            seats=seats,
            opens_at=_start_of(step.starts_on),
            closes_at=_start_of(step.ends_on + timedelta(days=1)),
            staff=staff,
            now=now,
            ip=None,
        )
        opened += 1
    return opened
