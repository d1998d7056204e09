"""Demo councils: recruitments (위원 모집) that agree with the yearly cycle, and 영등포구's
five 주민자치회 시범동.

The cycle shows 위원 모집 as a step (November to December by default). While that step is
in force, the demo council has a call open with exactly the step's dates, so the timeline's
"진행 중" and the recruitment page say the same thing; outside it there is no call. In a
term's last year the call is for the next term; in its first year, for the places left
vacant in the current one. Idempotent: a council whose term already has a call is left alone.
"""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from maeul.accounts.demo import district_staff
from maeul.accounts.models import User
from maeul.councils.models import (
    Council,
    CyclePhase,
    CycleStep,
    MemberRole,
    Recruitment,
    Section,
    SelectionRoute,
    Term,
)
from maeul.councils.services import cycle, members, recruitment
from maeul.places.models import District, Dong

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


# 영등포구's 주민자치회 시범동 (seed 002): 시범 운영 from June 2019; the councils' 1기 set up
# its rules, sections and plans from January 2020 and was succeeded in 2022 (2기).
PILOT_DONGS = ["여의동", "문래동", "양평2동", "신길5동", "대림1동"]
PILOT_SECTIONS = ["자치분과", "복지분과", "문화분과", "환경안전분과"]
PILOT_FIRST_TERM = date(2020, 1, 1)
PILOT_MEMBERS = 24


def _seat(term: Term, sections: list[Section], staff: User, now: datetime) -> None:
    place = term.council.dong.name if term.council.dong else term.council.name
    for index in range(PILOT_MEMBERS):
        role = MemberRole.CHAIR if index == 0 else MemberRole.MEMBER
        members.add_member(
            term=term,
            public_name=f"{place} 위원 {index + 1}",
            role=role,
            section=sections[index % len(sections)],
            route=SelectionRoute.RECOMMENDATION if index % 4 == 0 else SelectionRoute.OPEN_CALL,
            joined_on=term.starts_on,
            staff=staff,
            now=now,
            ip=None,
        )


def load_pilot_councils(*, now: datetime) -> int:
    """The five 시범동 주민자치회 of 영등포구 with their 1기 and the term serving today."""
    district = District.objects.get(name="영등포구")
    staff = district_staff(district, else_admin=True)
    if staff is None:
        return 0
    made = 0
    today = now.astimezone(SEOUL).date()
    current = 1 + (today.year - PILOT_FIRST_TERM.year) // 2
    for dong in Dong.objects.filter(district=district, name__in=PILOT_DONGS).order_by("code"):
        council = members.ensure_council(dong=dong)
        if council.terms.exists():
            continue
        start = datetime.combine(PILOT_FIRST_TERM, time(10), tzinfo=SEOUL)
        sections = [
            members.add_section(council=council, name=name, staff=staff, now=start, ip=None)
            for name in PILOT_SECTIONS
        ]
        for number in sorted({1, current}):
            starts_on = date(PILOT_FIRST_TERM.year + 2 * (number - 1), 1, 1)
            term = members.start_term(
                council=council,
                number=number,
                starts_on=starts_on,
                staff=staff,
                now=datetime.combine(starts_on, time(10), tzinfo=SEOUL),
                ip=None,
            )
            _seat(term, sections, staff, datetime.combine(starts_on, time(11), tzinfo=SEOUL))
        made += 1
    pilots = Council.objects.filter(dong__district=district, dong__name__in=PILOT_DONGS)
    load_recruitments(councils=list(pilots.order_by("pk")), staff=staff, now=now)
    return made
