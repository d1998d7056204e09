"""The demo's June 2021 assembly of one dong council (`plans.demo`): the agenda items for 2022,
the policy sharing session, the assembly's yes/no vote with on-site and postal ballots on
paper, its count and result, and the 2022 plan built from what passed."""

import random
from datetime import date, timedelta

from maeul.accounts.demo import DemoStaff
from maeul.councils.models import (
    Council,
    CouncilMember,
    EventKind,
    MeetingKind,
)
from maeul.councils.services import agenda, events
from maeul.councils.services import assembly as assembly_votes
from maeul.plans.demo_execution import IP, YEAR, at
from maeul.plans.models import BudgetSource, Programme
from maeul.plans.services import planning
from maeul.voting.ballots import Choices
from maeul.voting.identity import PaperVoter
from maeul.voting.models import Channel
from maeul.voting.services.counting import count_vote
from maeul.voting.services.paper import confirm_batch, enter_paper_ballot, open_batch

# The agenda items each council takes up for 2022.
AGENDA_2022 = [
    ("마을 공유 창고 만들기", "주민이 함께 쓰는 공구와 행사 물품을 한곳에 모읍니다.", 4_000_000),
    ("어린이 등굣길 안전 지킴이", "아침 등굣길에 주민 지킴이가 함께합니다.", 3_000_000),
    ("마을 갈등 조정 모임", "층간소음 같은 이웃 갈등을 주민이 함께 풉니다.", 2_000_000),
    ("골목 벽화 그리기", "낡은 담장을 주민과 학생이 함께 꾸밉니다.", 5_000_000),
]


def assembly_2021(council: Council, staff: DemoStaff, rng: random.Random, voters: int) -> None:
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
