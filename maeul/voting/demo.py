"""Demo votes of 금천구, relative to the day `load_demo` runs, so one is always open.

- 나풀나풀 온라인 주민투표 (open): the district vote of the seeds (7 days, anyone tied to
  금천구, up to 6 projects each) choosing this year's 지역사회혁신계획 projects within
  900,000천원 (the seeds' 9억원);
- last year's 나풀나풀 vote (closed and counted): a few thousand generated ballots over 24
  projects, online and on paper, counted by the real `count_vote`, so the result page,
  the receipt list and the `.pb` export have something to show;
- 독산1동 주민총회 의제 투표 (open): yes/no on the dong's agenda, online, on-site and postal,
  for the dong office to try paper-ballot entry.

Generated voters are synthetic identities (no accounts, no names); the ballots go in
through bulk inserts but are counted by the service like any others. Idempotent: a vote
that exists (by title) is left alone.
"""

import random
from datetime import datetime, timedelta

from django.db import transaction

from maeul.accounts.demo import DEMO_DISTRICT_CODE
from maeul.accounts.models import Role, User
from maeul.places.models import District, Dong
from maeul.voting.ballots import Choices
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

SEED = 20260717
OPEN_TITLE = "2026 나풀나풀 온라인 주민투표"
CLOSED_TITLE = "2025 나풀나풀 온라인 주민투표"
ASSEMBLY_TITLE = "2026 독산1동 주민총회 의제 투표"
CLOSED_BALLOTS = 3600

# (project, section of the 협치회의, cost in 원, dong or None for district-wide)
PROJECTS = [
    ("금천형 마을돌봄 모델 마련 연구", "복지·건강", 60_000_000, None),
    ("일회용 비닐봉투 없는 우리마을", "도시환경·안전", 25_000_000, None),
    ("독산로 보행환경 개선 공유공간 운영", "도시환경·안전", 48_000_000, "독산1동"),
    ("가산디지털단지 청년 점심 네트워크", "청년·경제일자리", 30_000_000, "가산동"),
    ("시흥5동 어르신 스마트폰 배움터", "교육·문화", 18_000_000, "시흥5동"),
    ("안양천 생태 놀이 학교", "교육·문화", 35_000_000, None),
    ("독산2동 골목 안심 조명", "도시환경·안전", 42_000_000, "독산2동"),
    ("마을 공동부엌 반찬 나눔", "복지·건강", 27_000_000, "시흥1동"),
    ("청소년 마을방송국 금천온에어", "교육·문화", 33_000_000, None),
    ("1인 가구 이웃 만들기 모임", "복지·건강", 15_000_000, "가산동"),
    ("마을기업 판로 지원 장터", "청년·경제일자리", 40_000_000, None),
    ("시흥2동 경로당 건강 체조", "복지·건강", 12_000_000, "시흥2동"),
    ("독산4동 빗물 저금통 설치", "도시환경·안전", 22_000_000, "독산4동"),
    ("주민자치회 온라인 회의 지원", "주민자치·기획", 16_000_000, None),
    ("다문화 가족 요리 교실", "교육·문화", 14_000_000, "독산3동"),
    ("금천 청년 창업 상담소", "청년·경제일자리", 55_000_000, None),
    ("시흥3동 공유 텃밭 가꾸기", "도시환경·안전", 19_000_000, "시흥3동"),
    ("장애인 이동 지원 자원봉사단", "복지·건강", 36_000_000, None),
    ("마을 기록 사진전", "교육·문화", 10_000_000, None),
    ("독산1동 어린이 놀이터 그늘막", "도시환경·안전", 28_000_000, "독산1동"),
    ("시흥4동 주민 갈등 조정 모임", "주민자치·기획", 11_000_000, "시흥4동"),
    ("청년 주거 상담 창구", "청년·경제일자리", 24_000_000, None),
    ("가산동 반려동물 에티켓 교육", "교육·문화", 9_000_000, "가산동"),
    ("금천 마을 축제 연합 운영", "주민자치·기획", 50_000_000, None),
    ("독산3동 무더위 쉼터 확충", "복지·건강", 31_000_000, "독산3동"),
    ("시흥1동 전통시장 장바구니 대여", "도시환경·안전", 13_000_000, "시흥1동"),
    ("마을 공동체 리더 학교", "주민자치·기획", 21_000_000, None),
    ("어린이 기후 탐험대", "교육·문화", 17_000_000, None),
    ("독산2동 자전거 수리 나눔터", "청년·경제일자리", 20_000_000, "독산2동"),
    ("시흥5동 하천변 산책로 안전 점검", "도시환경·안전", 26_000_000, "시흥5동"),
]
ASSEMBLY_ITEMS = [
    ("마을 축제 '독산 한마당' 개최", "주민이 함께 준비하는 가을 마을 축제입니다.", 6_000_000),
    ("골목 방범 순찰대 운영", "저녁 시간 주민 순찰대를 꾸려 골목 안전을 지킵니다.", 3_500_000),
    ("주민 공유 텃밭 조성", "동 주민센터 옥상에 공유 텃밭을 만듭니다.", 4_200_000),
    ("어르신 디지털 배움터", "키오스크와 스마트폰 사용을 배웁니다.", 2_800_000),
]
BUDGET = 900_000_000  # 9억원, the seeds' 지역사회혁신계획 budget


def _vote(district: District, title: str, now: datetime, **fields: object) -> Vote:
    vote = Vote.objects.create(
        district=district,
        title=title,
        status=VoteStatus.PUBLISHED,
        created_at=now - timedelta(days=20),
        **fields,
    )
    create_vote_key(vote)
    return vote


def _options(vote: Vote, projects: list[tuple[str, str, int, str | None]]) -> list[Option]:
    dongs = {dong.name: dong for dong in Dong.objects.filter(district=vote.district)}
    return Option.objects.bulk_create(
        Option(
            vote=vote,
            number=number,
            title=title,
            description=f"{section} 분과가 제안한 사업입니다.",
            cost=cost,
            category=section,
            dong=dongs.get(dong) if dong else None,
            proposer=f"금천구 협치회의 {section} 분과",
        )
        for number, (title, section, cost, dong) in enumerate(projects, start=1)
    )


def _open_district_vote(district: District, now: datetime) -> Vote:
    vote = _vote(
        district,
        OPEN_TITLE,
        now,
        description=(
            "금천구 지역사회혁신계획 사업을 주민이 직접 고릅니다. 금천구에 살거나 일하거나 "
            "다니는 분은 누구나 1인당 최대 6개 사업에 투표할 수 있습니다."
        ),
        ballot_type=BallotType.APPROVAL,
        max_choices=6,
        budget=BUDGET,
        opens_at=now - timedelta(days=3),
        closes_at=now + timedelta(days=4),
        online=True,
        on_site=True,
    )
    _options(vote, PROJECTS)
    return vote


def _closed_district_vote(district: District, now: datetime, counter: User) -> Vote:
    rng = random.Random(SEED)  # noqa: S311 -- reproducible demo data, not security
    vote = _vote(
        district,
        CLOSED_TITLE,
        now - timedelta(days=365),
        description="2025년 지역사회혁신계획 사업을 고른 나풀나풀 온라인 주민투표입니다.",
        ballot_type=BallotType.APPROVAL,
        max_choices=6,
        budget=BUDGET,
        opens_at=now - timedelta(days=365 + 7),
        closes_at=now - timedelta(days=365),
        online=True,
        on_site=True,
        postal=True,
    )
    options = _options(vote, PROJECTS[:24])
    dongs = list(Dong.objects.filter(district=district).order_by("code"))
    batches = {
        channel: PaperBatch.objects.create(
            vote=vote,
            dong=dongs[1],
            channel=channel,
            label="독산1동 주민센터 투표함" if channel == Channel.ON_SITE else "무인 우편투표함",
            created_by=counter,
            created_at=vote.closes_at,
            confirmed_by=counter,
            confirmed_at=vote.closes_at,
        )
        for channel in (Channel.ON_SITE, Channel.POSTAL)
    }
    weights = [rng.paretovariate(1.2) for _ in options]
    participations, ballots = [], []
    for index in range(CLOSED_BALLOTS):
        channel = rng.choices(
            [Channel.ONLINE, Channel.ON_SITE, Channel.POSTAL], weights=[82, 13, 5]
        )[0]
        chosen: set[int] = set()
        while len(chosen) < rng.randint(1, 6):
            chosen.add(rng.choices(options, weights=weights)[0].pk)
        batch = batches.get(channel)
        participations.append(
            Participation(
                vote=vote,
                account_key=voter_key(vote, f"demo:{index}"),
                channel=channel,
                dong=batch.dong if batch else rng.choice(dongs),
                batch=batch,
                created_at=vote.opens_at + timedelta(minutes=rng.randrange(7 * 24 * 60)),
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
    count_vote(vote=vote, staff=counter, now=vote.closes_at + timedelta(hours=2), ip=None)
    return vote


def _assembly_vote(district: District, now: datetime) -> Vote:
    dong = Dong.objects.get(district=district, name="독산1동")
    vote = _vote(
        district,
        ASSEMBLY_TITLE,
        now,
        dong=dong,
        description=(
            "독산1동 주민자치회가 의제발굴로 모은 내년 사업을 주민총회에서 정합니다. 온라인 "
            "사전투표, 총회 당일 현장투표, 무인 우편투표로 참여할 수 있습니다."
        ),
        ballot_type=BallotType.YES_NO,
        quorum=100,
        opens_at=now - timedelta(days=2),
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
    counter = (
        User.objects.filter(roles__role=Role.DISTRICT_STAFF, roles__district=district).first()
        or User.objects.filter(is_superuser=True).first()
    )
    made = 0
    with transaction.atomic():
        if not Vote.objects.filter(district=district, title=OPEN_TITLE).exists():
            vote = _open_district_vote(district, now)
            _cast_a_few(vote, district, now)
            made += 1
        if counter is not None and not Vote.objects.filter(title=CLOSED_TITLE).exists():
            _closed_district_vote(district, now, counter)
            made += 1
        if not Vote.objects.filter(title=ASSEMBLY_TITLE).exists():
            _assembly_vote(district, now)
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
