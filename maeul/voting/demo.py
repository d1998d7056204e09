"""Demo votes of 금천구 (and one of 영등포구), relative to the day `load_demo` runs, so one is always open.

- 나풀나풀 온라인 주민투표 (open): the district vote of the seeds (7 days, anyone tied to
  금천구, up to 6 projects each) choosing this year's 지역사회혁신계획 projects within
  900,000천원 (the seeds' 9억원);
- last year's 나풀나풀 vote (closed and counted): a few thousand generated ballots over 24
  projects, online and on paper, counted by the real `count_vote`, so the result page,
  the receipt list and the `.pb` export have something to show; the projects cost more
  than the budget, so some win and some lose;
- this year's 동단위 시민참여예산 vote (closed yesterday, not counted): 구비 300백만원
  across the dongs' projects, paper batch confirmed, so staff can try counting;
- 영등포구's 2021 시범동 vote (counted in October 2020): the five 주민자치회 시범동 and the
  seeds' 144,000천원 of 동단위 계획형 시민참여예산;
- 독산1동 주민총회 의제 투표 (open): yes/no on the dong's agenda, online, on-site and postal,
  for the dong office to try paper-ballot entry.

Generated voters are synthetic identities (no accounts, no names); the ballots go in
through bulk inserts but are counted by the service like any others. Idempotent: a vote
that exists (by title) is left alone.
"""

import random
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.db import transaction

from maeul.accounts.demo import DEMO_DISTRICT_CODE, DemoStaff, demo_staff
from maeul.accounts.models import User
from maeul.places.models import District, Dong
from maeul.voting.ballots import Choices
from maeul.voting.demo_data import (
    DISTRICT_PROJECTS,
    DONG_BUDGET,
    DONG_PROJECTS,
    PILOT_BUDGET,
    PILOT_DONGS,
    DemoProject,
    pilot_projects,
)
from maeul.voting.identity import create_vote_key, voter_key
from maeul.voting.models import (
    Ballot,
    BallotType,
    Channel,
    Option,
    PaperBatch,
    Participation,
    Vote,
    VoteStatus,
    new_receipt,
)
from maeul.voting.services.casting import cast_ballot
from maeul.voting.services.counting import count_vote

SEOUL = ZoneInfo("Asia/Seoul")
SEED = 20260717
OPEN_TITLE = "2026 나풀나풀 온라인 주민투표"
CLOSED_TITLE = "2025 나풀나풀 온라인 주민투표"
ASSEMBLY_TITLE = "2026 독산1동 주민총회 의제 투표"
CLOSED_BALLOTS = 3600
DONG_BUDGET_TITLE = "2026 금천구 동단위 시민참여예산 주민투표"
DONG_BUDGET_BALLOTS = 840
PILOT_TITLE = "2021 영등포구 주민자치회 시범동 동단위 시민참여예산 투표"
PILOT_BALLOTS = 1500
PILOT_DISTRICT = "영등포구"

ASSEMBLY_ITEMS = [
    ("마을 축제 '독산 한마당' 개최", "주민이 함께 준비하는 가을 마을 축제입니다.", 6_000_000),
    ("골목 방범 순찰대 운영", "저녁 시간 주민 순찰대를 꾸려 골목 안전을 지킵니다.", 3_500_000),
    ("주민 공유 텃밭 조성", "동 주민센터 옥상에 공유 텃밭을 만듭니다.", 4_200_000),
    ("어르신 디지털 배움터", "키오스크와 스마트폰 사용을 배웁니다.", 2_800_000),
]
GOVERNANCE_PROPOSER = "금천구 협치회의 {section} 분과"
BUDGET = 900_000_000  # 9억원, the seeds' 지역사회혁신계획 budget (below the projects' total)


def _vote(district: District, title: str, opens_at: datetime, **fields: object) -> Vote:
    """A published vote, prepared (created) two weeks before it opens."""
    vote = Vote.objects.create(
        district=district,
        title=title,
        status=VoteStatus.PUBLISHED,
        created_at=opens_at - timedelta(days=14),
        opens_at=opens_at,
        **fields,
    )
    create_vote_key(vote)
    return vote


def _options(vote: Vote, projects: list[DemoProject], proposer: str) -> list[Option]:
    """The projects as options; `proposer` is formatted with the project's section and dong."""
    dongs = {dong.name: dong for dong in Dong.objects.filter(district=vote.district)}
    return Option.objects.bulk_create(
        Option(
            vote=vote,
            number=number,
            title=project.title,
            description=project.description,
            cost=project.cost,
            category=project.section,
            dong=dongs.get(project.dong) if project.dong else None,
            proposer=proposer.format(section=project.section, dong=project.dong or ""),
        )
        for number, project in enumerate(projects, start=1)
    )


def _open_district_vote(district: District, now: datetime) -> Vote:
    vote = _vote(
        district,
        OPEN_TITLE,
        now - timedelta(days=3),
        description=(
            "금천구 지역사회혁신계획 사업을 주민이 직접 고릅니다. 금천구에 살거나 일하거나 "
            "다니는 분은 누구나 1인당 최대 6개 사업에 투표할 수 있습니다."
        ),
        ballot_type=BallotType.APPROVAL,
        max_choices=6,
        budget=BUDGET,
        closes_at=now + timedelta(days=4),
        online=True,
        on_site=True,
    )
    _options(vote, DISTRICT_PROJECTS, GOVERNANCE_PROPOSER)
    return vote


def _closed_district_vote(district: District, now: datetime, staff: DemoStaff) -> Vote:
    """Last year's vote, counted: the budget buys about two thirds of the projects."""
    rng = random.Random(SEED)  # noqa: S311 -- reproducible demo data, not security
    vote = _vote(
        district,
        CLOSED_TITLE,
        now - timedelta(days=365 + 7),
        description="2025년 지역사회혁신계획 사업을 고른 나풀나풀 온라인 주민투표입니다.",
        ballot_type=BallotType.APPROVAL,
        max_choices=6,
        budget=BUDGET,
        closes_at=now - timedelta(days=365),
        online=True,
        on_site=True,
        postal=True,
    )
    options = _options(vote, DISTRICT_PROJECTS[:24], GOVERNANCE_PROPOSER)
    batches = _batches(vote, staff, {Channel.ON_SITE: "독산1동", Channel.POSTAL: "독산1동"})
    _generate_ballots(vote, options, batches, CLOSED_BALLOTS, rng)
    count_vote(vote=vote, staff=staff.district, now=vote.closes_at + timedelta(hours=2), ip=None)
    return vote


def _dong_budget_vote(district: District, now: datetime, staff: DemoStaff) -> Vote:
    """This year's 동단위 시민참여예산 vote: closed yesterday, paper confirmed, not counted."""
    rng = random.Random(SEED + 2)  # noqa: S311 -- reproducible demo data, not security
    vote = _vote(
        district,
        DONG_BUDGET_TITLE,
        now - timedelta(days=8),
        description=(
            "동 주민자치회가 주민과 함께 발굴한 동네 사업 가운데 올해 구비 3억원(300백만원)으로 "
            "할 사업을 고릅니다. 1인당 최대 5개 사업에 투표할 수 있습니다."
        ),
        ballot_type=BallotType.APPROVAL,
        max_choices=5,
        budget=DONG_BUDGET,
        closes_at=now - timedelta(days=1),
        online=True,
        on_site=True,
    )
    options = _options(vote, DONG_PROJECTS, "{dong} 주민자치회 {section}분과")
    batches = _batches(vote, staff, {Channel.ON_SITE: "가산동"})
    _generate_ballots(vote, options, batches, DONG_BUDGET_BALLOTS, rng)
    return vote


def _pilot_vote(district: District, staff: DemoStaff) -> Vote:
    """영등포구's five 시범동 chose their 2021 projects in autumn 2020 (seed 002), counted."""
    rng = random.Random(SEED + 3)  # noqa: S311 -- reproducible demo data, not security
    vote = _vote(
        district,
        PILOT_TITLE,
        datetime(2020, 10, 5, 9, tzinfo=SEOUL),
        description=(
            "주민자치회 시범동 다섯 곳(" + ", ".join(PILOT_DONGS) + ")의 주민이 분과에서 발굴한 "
            "2021년 동단위 계획형 시민참여예산 사업을 고릅니다. 예산은 1억 4,400만원입니다."
        ),
        ballot_type=BallotType.APPROVAL,
        max_choices=8,
        budget=PILOT_BUDGET,
        closes_at=datetime(2020, 10, 16, 18, tzinfo=SEOUL),
        online=True,
        on_site=True,
    )
    options = _options(vote, pilot_projects(), "{dong} 주민자치회 {section}분과")
    batches = _batches(vote, staff, {Channel.ON_SITE: "문래동"})
    _generate_ballots(vote, options, batches, PILOT_BALLOTS, rng)
    count_vote(vote=vote, staff=staff.district, now=vote.closes_at + timedelta(hours=3), ip=None)
    return vote


def _batches(vote: Vote, staff: DemoStaff, dongs: dict[str, str]) -> dict[str, PaperBatch]:
    """A paper batch per channel, entered by the dong's staff and confirmed by another."""
    batches = {}
    for channel, dong_name in dongs.items():
        dong = Dong.objects.get(district=vote.district, name=dong_name)
        entered_by = staff.dong.get(dong_name) or staff.district
        batches[channel] = PaperBatch.objects.create(
            vote=vote,
            dong=dong,
            channel=channel,
            label=f"{dong_name} 주민센터 투표함"
            if channel == Channel.ON_SITE
            else "무인 우편투표함",
            created_by=entered_by,
            created_at=vote.closes_at + timedelta(minutes=30),
            confirmed_by=staff.district if entered_by != staff.district else staff.second_look,
            confirmed_at=vote.closes_at + timedelta(hours=1),
        )
    return batches


def _generate_ballots(
    vote: Vote,
    options: list[Option],
    batches: dict[str, PaperBatch],
    count: int,
    rng: random.Random,
) -> None:
    """`count` synthetic voters, most online, the rest in the paper batches; popularity skewed."""
    dongs = list(Dong.objects.filter(district=vote.district).order_by("code"))
    channels = [Channel.ONLINE, Channel.ON_SITE, Channel.POSTAL]
    mix = [82, 13 if Channel.ON_SITE in batches else 0, 5 if Channel.POSTAL in batches else 0]
    weights = [rng.paretovariate(1.2) for _ in options]
    minutes = int((vote.closes_at - vote.opens_at).total_seconds() // 60)
    participations, ballots = [], []
    for index in range(count):
        channel = rng.choices(channels, weights=mix)[0]
        chosen: set[int] = set()
        while len(chosen) < rng.randint(1, vote.max_choices or 1):
            chosen.add(rng.choices(options, weights=weights)[0].pk)
        batch = batches.get(channel)
        participations.append(
            Participation(
                vote=vote,
                account_key=voter_key(vote, f"demo:{index}"),
                channel=channel,
                dong=batch.dong if batch else rng.choice(dongs),
                batch=batch,
                created_at=vote.opens_at + timedelta(minutes=rng.randrange(minutes)),
            )
        )
        ballots.append(
            Ballot(
                vote=vote,
                content=",".join(map(str, sorted(chosen))),
                channel=channel,
                batch=batch,
                receipt=new_receipt(),
            )
        )
    Participation.objects.bulk_create(participations, batch_size=1000)
    rng.shuffle(ballots)  # nothing in the table's order may follow the voters'
    Ballot.objects.bulk_create(ballots, batch_size=1000)


def _assembly_vote(district: District, now: datetime) -> Vote:
    dong = Dong.objects.get(district=district, name="독산1동")
    vote = _vote(
        district,
        ASSEMBLY_TITLE,
        now - timedelta(days=2),
        dong=dong,
        description=(
            "독산1동 주민자치회가 의제발굴로 모은 내년 사업을 주민총회에서 정합니다. 온라인 "
            "사전투표, 총회 당일 현장투표, 무인 우편투표로 참여할 수 있습니다."
        ),
        ballot_type=BallotType.YES_NO,
        quorum=100,
        closes_at=now + timedelta(days=5),
        online=True,
        on_site=True,
        postal=True,
        on_site_replaces_online=True,
    )
    for number, (title, description, cost) in enumerate(ASSEMBLY_ITEMS, start=1):
        Option.objects.create(
            vote=vote,
            number=number,
            title=title,
            description=description,
            cost=cost,
            dong=dong,
            proposer="독산1동 주민자치회",
        )
    return vote


def load_votes(*, now: datetime) -> int:
    """Create the demo votes that do not exist yet; returns how many were made."""
    district = District.objects.get(code=DEMO_DISTRICT_CODE)
    staff = demo_staff(district, else_admin=True)
    made = 0
    with transaction.atomic():
        if not Vote.objects.filter(district=district, title=OPEN_TITLE).exists():
            vote = _open_district_vote(district, now)
            _cast_a_few(vote, district, now)
            made += 1
        if staff is not None and not Vote.objects.filter(title=CLOSED_TITLE).exists():
            _closed_district_vote(district, now, staff)
            made += 1
        if staff is not None and not Vote.objects.filter(title=DONG_BUDGET_TITLE).exists():
            _dong_budget_vote(district, now, staff)
            made += 1
        if not Vote.objects.filter(title=ASSEMBLY_TITLE).exists():
            _assembly_vote(district, now)
            made += 1
        pilot_district = District.objects.get(name=PILOT_DISTRICT)
        pilot_staff = demo_staff(pilot_district, else_admin=True)
        if pilot_staff is not None and not Vote.objects.filter(title=PILOT_TITLE).exists():
            _pilot_vote(pilot_district, pilot_staff)
            made += 1
    return made


def _cast_a_few(vote: Vote, district: District, now: datetime) -> None:
    """Some demo residents have already voted in the open vote (through the real service)."""
    rng = random.Random(SEED + 1)  # noqa: S311 -- reproducible demo data
    options = list(vote.options.values_list("pk", flat=True))
    voters = User.objects.filter(
        email__startswith="resident0",
        verified_at__isnull=False,
        dong_ties__dong__district=district,
        dong_ties__ended_at__isnull=True,
    ).distinct()[:120]
    for user in voters:
        picks = tuple(rng.sample(options, rng.randint(1, 6)))
        cast_ballot(vote=vote, user=user, choices=Choices(picks), now=now - timedelta(hours=1))
