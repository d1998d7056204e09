"""Demo of the Geumcheon 2021 cycle (seed 000), run through the real services at 2021's dates.

In each of 금천구's ten dongs: the resident council (주민자치회) with its sections and its
2기 (2020-2021) members; the 2021 projects from the 2020 assembly — 33 주민자치활동 지원사업
and 28 동단위 시민참여예산, per dong as the seed's table counts them — with spending entered
through 2021 (some with receipts), progress notes and outcomes; then the 2021 cycle itself:
agenda items for 2022, the policy sharing session, the June assembly whose yes/no vote takes
on-site and postal ballots, its result applied, and the 2022 plan built from what passed and
submitted. The 금천구 협치회의 has its five sections and its 2021 지역사회혁신계획 of 17
projects (900,000천원, 시비). Every council gets its 2021 and this year's timeline.

Members are shown by role and a nickname, never a person's name; paper voters are synthetic.
Services are called with `now` in 2021, so every rule (fiscal years, announcement days, vote
periods) holds as it did then. Idempotent: nothing is made when the 2021 plans exist.
"""

import random
from datetime import date, datetime, timedelta

from maeul.accounts.demo import DemoStaff, demo_staff
from maeul.accounts.models import User
from maeul.core.dates import SEOUL
from maeul.councils.demo import load_pilot_councils, load_recruitments
from maeul.councils.models import (
    Council,
    MemberRole,
    Section,
    SelectionRoute,
)
from maeul.councils.services import cycle, members
from maeul.places.models import District, Dong
from maeul.plans.demo_assembly import assembly_2021
from maeul.plans.demo_execution import IP, YEAR, at, execute
from maeul.plans.models import AutonomyPlan, BudgetSource, Programme, Project
from maeul.plans.services import planning, projects

SEED = 2021

# Seed 000, "'21년 주민자치활동 지원 사업 선정 : 총 33건 / 동단위계획형 시민참여예산 : 총 28건".
PROJECT_COUNTS = {
    "가산동": (4, 3),
    "독산1동": (6, 1),
    "독산2동": (2, 4),
    "독산3동": (5, 2),
    "독산4동": (3, 2),
    "시흥1동": (5, 2),
    "시흥2동": (2, 3),
    "시흥3동": (2, 6),
    "시흥4동": (2, 2),
    "시흥5동": (2, 3),
}
SECTIONS = ["자치행정분과", "마을복지분과", "문화교육분과", "환경안전분과"]
GOVERNANCE_SECTIONS = [
    "교육·문화",
    "도시환경·안전",
    "복지·건강",
    "주민자치·기획",
    "청년·경제일자리",
]
ACTIVITY_PROJECTS = [
    ("마을 축제 한마당", "문화교육분과"),
    ("경로당 건강 체조 교실", "마을복지분과"),
    ("골목 환경 정비의 날", "환경안전분과"),
    ("청소년 진로 멘토링", "문화교육분과"),
    ("마을 소식지 발행", "자치행정분과"),
    ("이웃과 함께하는 반찬 나눔", "마을복지분과"),
    ("주민 공유 텃밭 가꾸기", "환경안전분과"),
    ("어르신 스마트폰 배움터", "문화교육분과"),
    ("주민자치학교 운영", "자치행정분과"),
    ("야간 안심 순찰대", "환경안전분과"),
]
BUDGET_PROJECTS = [
    ("통학로 안전 펜스 설치", "환경안전분과"),
    ("골목 LED 보안등 교체", "환경안전분과"),
    ("어린이공원 그늘막 설치", "마을복지분과"),
    ("마을 쉼터 벤치 놓기", "마을복지분과"),
    ("쓰레기 무단투기 방지 안내판", "환경안전분과"),
    ("경로당 안전 손잡이 설치", "마을복지분과"),
]
INNOVATION_PROJECTS = [
    ("금천형 마을돌봄 모델 마련 연구용역", "복지·건강"),
    ("일회용 비닐봉투 없는 우리마을", "도시환경·안전"),
    ("독산로 보행환경 개선", "도시환경·안전"),
    ("청년 마을살이 지원", "청년·경제일자리"),
    ("마을학교 네트워크 운영", "교육·문화"),
    ("주민자치 역량 강화 교육", "주민자치·기획"),
    ("1인 가구 이웃 만들기", "복지·건강"),
    ("G밸리 직장인 마을 참여", "청년·경제일자리"),
    ("안양천 생태 교육", "교육·문화"),
    ("마을 안전 지도 만들기", "도시환경·안전"),
    ("협치 의제 발굴 워크숍", "주민자치·기획"),
    ("어르신 건강 동아리", "복지·건강"),
    ("청소년 문화 공간 운영", "교육·문화"),
    ("골목상권 공동 브랜드", "청년·경제일자리"),
    ("기후위기 대응 주민 실천단", "도시환경·안전"),
    ("민관 협치 아카데미", "주민자치·기획"),
    ("다문화 가족 소통 모임", "복지·건강"),
]
NICKNAMES = [
    "햇살",
    "느티나무",
    "민들레",
    "산책길",
    "징검다리",
    "골목대장",
    "텃밭지기",
    "책방지기",
    "마을기자",
    "풍물패",
    "도토리",
    "별빛",
    "바람개비",
    "새싹",
    "온기",
    "두레",
    "마중물",
    "벽돌",
]


def _council(dong: Dong, staff: User, rng: random.Random, today: date) -> Council:
    """The dong's council, its sections, its 2기 (2020-2021) and the term serving today."""
    council = members.ensure_council(dong=dong)
    now = at(date(2020, 1, 2))
    sections = [
        members.add_section(council=council, name=name, staff=staff, now=now, ip=IP)
        for name in SECTIONS
    ]
    _seat_term(council, 2, date(2020, 1, 1), sections, staff, rng)
    # Terms run two years from 2020 (2기): the one serving today, with the same rules.
    number = 2 + (today.year - 2020) // 2
    if number > 2:
        starts = date(2020 + 2 * (number - 2), 1, 1)
        _seat_term(council, number, starts, sections, staff, rng)
    return council


def _seat_term(
    council: Council,
    number: int,
    starts_on: date,
    sections: list[Section],
    staff: User,
    rng: random.Random,
) -> None:
    """Start term `number` and appoint its chair, officers, section heads and members."""
    now = at(starts_on + timedelta(days=1))
    term = members.start_term(
        council=council, number=number, starts_on=starts_on, staff=staff, now=now, ip=IP
    )
    roles = [MemberRole.CHAIR, MemberRole.VICE_CHAIR, MemberRole.SECRETARY]
    roles += [MemberRole.SECTION_HEAD] * len(sections)
    roles += [MemberRole.MEMBER] * rng.randint(14, 24)
    names = rng.sample(NICKNAMES, len(NICKNAMES))
    place = council.dong.name if council.dong else council.district.name
    for index, role in enumerate(roles):
        members.add_member(
            term=term,
            public_name=f"{place} {names[index % len(names)]} {index + 1}",
            role=role,
            section=sections[(index - 3) % len(sections)] if index >= 3 else None,
            route=SelectionRoute.RECOMMENDATION if index % 5 == 0 else SelectionRoute.OPEN_CALL,
            joined_on=starts_on,
            staff=staff,
            now=now,
            ip=IP,
        )


def _plan_2021(council: Council, staff: DemoStaff, rng: random.Random) -> None:
    dong_staff = staff.dong[council.dong.name] if council.dong else staff.district
    planned = at(date(2020, 7, 20))
    plan = planning.create_plan(council=council, year=YEAR, staff=dong_staff, now=planned, ip=IP)
    sections = {section.name: section for section in council.sections.all()}
    activities, budgets = PROJECT_COUNTS[council.dong.name] if council.dong else (0, 0)
    rows = [
        (
            title,
            Programme.RESIDENT_ACTIVITY,
            BudgetSource.DISTRICT,
            rng.randrange(30, 100) * 100_000,
            section,
        )
        for title, section in rng.sample(ACTIVITY_PROJECTS, activities)
    ] + [
        (
            title,
            Programme.DONG_PARTICIPATORY_BUDGET,
            BudgetSource.CITY,
            rng.randrange(10, 30) * 1_000_000,
            section,
        )
        for title, section in rng.sample(BUDGET_PROJECTS, budgets)
    ]
    if council.dong is None:
        rows = [
            (title, Programme.COMMUNITY_INNOVATION, BudgetSource.CITY, budget, section)
            for (title, section), budget in zip(
                INNOVATION_PROJECTS, _split(900_000_000, 17, rng), strict=True
            )
        ]
    made = [
        projects.add_project(
            plan=plan,
            title=title,
            programme=programme,
            budget_source=source,
            budget=budget,
            section=sections.get(section),
            staff=dong_staff,
            now=planned,
            ip=IP,
        )
        for title, programme, source, budget, section in rows
    ]
    planning.submit_plan(plan=plan, staff=dong_staff, now=at(date(2020, 8, 20)), ip=IP)
    planning.approve_plan(plan=plan, staff=staff.district, now=at(date(2020, 9, 10)), ip=IP)
    for project in made:
        project.refresh_from_db()
        execute(project, dong_staff, rng)


def _split(total: int, parts: int, rng: random.Random) -> list[int]:
    """`parts` budgets in whole 천원 that add up to `total` exactly."""
    weights = [rng.uniform(0.5, 1.5) for _ in range(parts)]
    budgets = [int(total * w / sum(weights)) // 1000 * 1000 for w in weights]
    budgets[0] += total - sum(budgets)
    return budgets


def load_cycle(*, now: datetime, voters: int = 48) -> int:
    """Create the 2021 cycle of 금천구 when it is not there yet, and the 위원 모집 calls due
    today (`maeul.councils.demo`); returns the projects made."""
    district = District.objects.get(name="금천구")
    staff = demo_staff(district)
    if staff is None:
        return 0
    made = 0
    if not AutonomyPlan.objects.filter(council__district=district, year=YEAR).exists():
        made = _cycle_2021(district, staff, now, voters)
    councils = list(Council.objects.filter(district=district).order_by("pk"))
    load_recruitments(councils=councils, staff=staff.district, now=now)
    load_pilot_councils(now=now)
    return made


def _cycle_2021(district: District, staff: DemoStaff, now: datetime, voters: int) -> int:
    rng = random.Random(SEED)  # noqa: S311 -- reproducible demo data, not security
    governance = members.ensure_governance_council(district=district)
    start = at(date(2020, 1, 2))
    for name in GOVERNANCE_SECTIONS:
        members.add_section(council=governance, name=name, staff=staff.district, now=start, ip=IP)
    current = 3 + (now.astimezone(SEOUL).year - 2020) // 2
    for number in sorted({3, current}):
        starts = date(2020 + 2 * (number - 3), 1, 1)
        term = members.start_term(
            council=governance,
            number=number,
            starts_on=starts,
            staff=staff.district,
            now=at(starts + timedelta(days=1)),
            ip=IP,
        )
        for index, section in enumerate(governance.sections.all().order_by("order")):
            for seat in range(5):
                members.add_member(
                    term=term,
                    public_name=f"협치회의 {section.name} 위원 {seat + 1}",
                    role=MemberRole.CHAIR
                    if index == seat == 0
                    else (MemberRole.SECTION_HEAD if seat == 0 else MemberRole.MEMBER),
                    section=section,
                    route=SelectionRoute.OPEN_CALL,
                    joined_on=starts,
                    staff=staff.district,
                    now=at(starts + timedelta(days=1)),
                    ip=IP,
                )
    dongs = Dong.objects.filter(district=district).order_by("code")
    today = now.astimezone(SEOUL).date()
    councils = [
        governance,
        *(_council(dong, staff.dong[dong.name], rng, today) for dong in dongs),
    ]
    for council in councils:
        _plan_2021(council, staff, rng)
        assembly_2021(council, staff, rng, voters)
        for year in (YEAR, now.year):
            cycle.plan_cycle(council=council, year=year, staff=staff.district, now=now, ip=IP)
    return Project.objects.filter(district=district, year=YEAR).count()
