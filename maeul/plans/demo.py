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
    CouncilMember,
    EventKind,
    MeetingKind,
    MemberRole,
    Section,
    SelectionRoute,
)
from maeul.councils.services import agenda, cycle, events, members
from maeul.councils.services import assembly as assembly_votes
from maeul.places.models import District, Dong
from maeul.plans.demo_execution import IP, YEAR, at, execute
from maeul.plans.models import AutonomyPlan, BudgetSource, Programme, Project
from maeul.plans.services import planning, projects
from maeul.voting.ballots import Choices
from maeul.voting.identity import PaperVoter
from maeul.voting.models import Channel
from maeul.voting.services.counting import count_vote
from maeul.voting.services.paper import confirm_batch, enter_paper_ballot, open_batch

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
AGENDA_2022 = [
    ("마을 공유 창고 만들기", "주민이 함께 쓰는 공구와 행사 물품을 한곳에 모읍니다.", 4_000_000),
    ("어린이 등굣길 안전 지킴이", "아침 등굣길에 주민 지킴이가 함께합니다.", 3_000_000),
    ("마을 갈등 조정 모임", "층간소음 같은 이웃 갈등을 주민이 함께 풉니다.", 2_000_000),
    ("골목 벽화 그리기", "낡은 담장을 주민과 학생이 함께 꾸밉니다.", 5_000_000),
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


def _assembly_2021(council: Council, staff: DemoStaff, rng: random.Random, voters: int) -> None:
    """Agenda discovery for 2022, the policy sharing session and the June assembly."""
    if council.dong is None:
        return
    dong_staff = staff.dong[council.dong.name]
    sections = list(council.sections.all())
    items = [
        agenda.write_agenda_item(
            council=council,
            title=title,
            description=description,
            year=YEAR + 1,
            section=sections[index % len(sections)],
            estimated_cost=cost,
            author=dong_staff,
            now=at(date(YEAR, 3, 10 + index)),
            ip=IP,
        )
        for index, (title, description, cost) in enumerate(AGENDA_2022)
    ]
    place = f"{council.dong.name} 주민센터 3층 강당"
    serving = list(
        CouncilMember.objects.serving_on(council, date(YEAR, 2, 1)).order_by("public_name", "pk")
    )
    for month in (2, 3, 4):  # the monthly joint meetings (연석회의) of agenda discovery
        held = at(date(YEAR, month, 18), 19)
        present = rng.sample(serving, k=max(1, len(serving) * rng.randint(60, 90) // 100))
        agenda.record_meeting(
            council=council,
            kind=MeetingKind.JOINT,
            held_at=held,
            place=place,
            attendees=present,
            guests=rng.randint(0, 6),
            minutes=(
                f"## {YEAR}년 {month}월 연석회의\n\n- 분과별 의제 발굴 현황 공유\n"
                "- 주민 제안 검토와 2022년 의제 후보 정리\n- 다음 회의 일정 확인\n"
            ),
            staff=dong_staff,
            now=held + timedelta(days=1),
            ip=IP,
        )
    # (kind, name, starts, announced, streamed at): the policy sharing session, the assembly.
    gatherings = [
        (EventKind.POLICY_SHARING, "정책공유회", at(date(YEAR, 5, 12), 19), date(YEAR, 4, 20), ""),
        (
            EventKind.ASSEMBLY,
            "주민총회",
            at(date(YEAR, 6, 19), 14),
            date(YEAR, 5, 20),
            "https://www.youtube.com/@geumcheon-maeul",
        ),
    ]
    scheduled = {
        kind: events.schedule_event(
            council=council,
            kind=kind,
            year=YEAR,
            title=f"{YEAR} {council.dong.name} {name}",
            starts_at=starts,
            place=place,
            online_link=link,
            agenda_items=items,
            staff=dong_staff,
            now=at(announced),
            ip=IP,
        )
        for kind, name, starts, announced, link in gatherings
    }
    assembly = scheduled[EventKind.ASSEMBLY]
    vote = assembly_votes.open_assembly_vote(
        event=assembly,
        opens_at=at(date(YEAR, 6, 7), 9),
        closes_at=at(date(YEAR, 6, 19), 17),
        channels=[Channel.ON_SITE, Channel.POSTAL],
        staff=dong_staff,
        now=at(date(YEAR, 6, 5)),
        ip=IP,
    )
    options = list(vote.options.order_by("number"))
    # How much each item is liked; the last one is split, and some fail.
    leaning = [rng.uniform(0.55, 0.9) for _ in options[:-1]] + [rng.uniform(0.3, 0.6)]
    batches = {}
    for channel, label in (
        (Channel.POSTAL, "무인 우편투표함"),
        (Channel.ON_SITE, "주민총회 현장 투표함"),
    ):
        batches[channel] = open_batch(
            vote=vote,
            dong=council.dong,
            channel=channel,
            label=label,
            staff=dong_staff,
            now=at(date(YEAR, 6, 19), 14),
            ip=IP,
        )
    for index in range(voters):
        answers = tuple(
            (
                option.pk,
                "yes" if rng.random() < lean else ("no" if rng.random() < 0.8 else "abstain"),
            )
            for option, lean in zip(options, leaning, strict=True)
        )
        enter_paper_ballot(
            batch=batches[Channel.POSTAL if index % 4 == 0 else Channel.ON_SITE],
            voter=PaperVoter(
                name=f"총회 참석 주민 {index + 1}",
                birth_date=date(1940 + index % 60, 1 + index % 12, 1 + index % 28),
                dong=council.dong,
            ),
            choices=Choices(answers=answers),
            staff=dong_staff,
            now=at(date(YEAR, 6, 19), 15),
            ip=IP,
        )
    for batch in batches.values():
        confirm_batch(batch=batch, staff=staff.second_look, now=at(date(YEAR, 6, 19), 18), ip=IP)
    closed = at(date(YEAR, 6, 19), 18)
    count_vote(vote=vote, staff=dong_staff, now=closed, ip=IP)
    assembly_votes.apply_assembly_result(event=assembly, staff=dong_staff, now=closed, ip=IP)
    events.publish_minutes(
        event=assembly,
        minutes=(
            f"## {YEAR} {council.dong.name} 주민총회\n\n- 개회 선언과 국민의례\n- 2021년 사업 보고\n"
            "- 2022년 의제 설명과 질의응답\n- 현장투표와 개표 결과 발표\n"
        ),
        attendance_on_site=voters - voters // 4 + rng.randint(5, 20),
        attendance_online=rng.randint(20, 80),
        staff=dong_staff,
        now=at(date(YEAR, 6, 21)),
        ip=IP,
    )
    report = planning.plan_from_agenda(
        council=council,
        year=YEAR + 1,
        staff=dong_staff,
        now=at(date(YEAR, 7, 15)),
        ip=IP,
        programme=Programme.RESIDENT_ACTIVITY,
        budget_source=BudgetSource.RESIDENT_TAX,
    )
    planning.submit_plan(plan=report.plan, staff=dong_staff, now=at(date(YEAR, 8, 20)), ip=IP)


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
        _assembly_2021(council, staff, rng, voters)
        for year in (YEAR, now.year):
            cycle.plan_cycle(council=council, year=year, staff=staff.district, now=now, ip=IP)
    return Project.objects.filter(district=district, year=YEAR).count()
