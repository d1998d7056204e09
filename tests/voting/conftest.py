"""Vote fixtures (금천구 unless said otherwise), all relative to one clock `now`:

- `pb_vote`: 나풀나풀 district vote, open, approval of up to 3 of 5 options, budget
  100,000,000원, greedy, online + on-site + postal;
- `budget_vote`: the same options as a budget-limited approval, open;
- `assembly_vote`: 독산1동 주민총회 agenda vote (yes/no on 3 items), open, quorum 3;
- `ranking_vote`: rank up to 3 of 4 options, open;
- `batch` / `postal_batch`: 독산1동 paper batches of `pb_vote`, opened by `dong_staff`;
- `second_dong_staff`: another staff member of 독산1동 (to confirm batches).
"""

from datetime import datetime, timedelta

import pytest
from django.utils import timezone

from maeul.accounts.models import Role, TieKind, User
from maeul.places.models import District, Dong
from maeul.voting.identity import create_vote_key
from maeul.voting.models import BallotType, Channel, Option, PaperBatch, Vote, VoteStatus
from tests.conftest import _verified
from tests.factories import DongTieFactory, RoleAssignmentFactory, UserFactory

PB_OPTIONS = [
    ("독산1동 어린이공원 그늘막 설치", 30_000_000),
    ("가산동 디지털단지 보행로 조명 개선", 40_000_000),
    ("시흥5동 경로당 안전손잡이 설치", 10_000_000),
    ("금천구 마을방송 제작 지원", 50_000_000),
    ("독산3동 골목길 화단 조성", 20_000_000),
]


@pytest.fixture
def now() -> datetime:
    return timezone.now()


def make_vote(district: District, now: datetime, *, dong: Dong | None = None, **fields) -> Vote:
    defaults = {
        "title": "2026 나풀나풀 온라인 주민투표",
        "ballot_type": BallotType.APPROVAL,
        "max_choices": 3,
        "budget": 100_000_000,
        "opens_at": now - timedelta(days=1),
        "closes_at": now + timedelta(days=6),
        "online": True,
        "on_site": True,
        "postal": True,
        "status": VoteStatus.PUBLISHED,
        "created_at": now - timedelta(days=10),
    }
    defaults.update(fields)
    vote = Vote.objects.create(district=district, dong=dong, **defaults)
    create_vote_key(vote)
    return vote


def add_options(vote: Vote, items: list[tuple[str, int]]) -> list[Option]:
    return [
        Option.objects.create(vote=vote, number=number, title=title, cost=cost)
        for number, (title, cost) in enumerate(items, start=1)
    ]


@pytest.fixture
def pb_vote(geumcheon, now) -> Vote:
    vote = make_vote(geumcheon, now)
    add_options(vote, PB_OPTIONS)
    return vote


@pytest.fixture
def budget_vote(geumcheon, now) -> Vote:
    vote = make_vote(
        geumcheon,
        now,
        title="독산1동 시민참여예산",
        ballot_type=BallotType.BUDGET,
        max_choices=None,
    )
    add_options(vote, PB_OPTIONS)
    return vote


@pytest.fixture
def assembly_vote(doksan1, now) -> Vote:
    vote = make_vote(
        doksan1.district,
        now,
        dong=doksan1,
        title="2026 독산1동 주민총회 의제 투표",
        ballot_type=BallotType.YES_NO,
        max_choices=None,
        budget=None,
        quorum=3,
    )
    add_options(
        vote,
        [
            ("마을 축제 개최", 5_000_000),
            ("골목 방범 순찰", 3_000_000),
            ("주민 공유 텃밭", 2_000_000),
        ],
    )
    return vote


@pytest.fixture
def ranking_vote(geumcheon, now) -> Vote:
    vote = make_vote(
        geumcheon, now, title="우선순위 투표", ballot_type=BallotType.RANKING, budget=None
    )
    add_options(vote, PB_OPTIONS[:4])
    return vote


@pytest.fixture
def batch(pb_vote, doksan1, dong_staff, now) -> PaperBatch:
    return PaperBatch.objects.create(
        vote=pb_vote,
        dong=doksan1,
        channel=Channel.ON_SITE,
        label="독산1동 주민센터 투표함 1",
        created_by=dong_staff,
        created_at=now,
    )


@pytest.fixture
def postal_batch(pb_vote, doksan1, dong_staff, now) -> PaperBatch:
    return PaperBatch.objects.create(
        vote=pb_vote,
        dong=doksan1,
        channel=Channel.POSTAL,
        label="독산1동 무인 우편투표함",
        created_by=dong_staff,
        created_at=now,
    )


@pytest.fixture
def second_dong_staff(doksan1) -> User:
    user = _verified(UserFactory(email="dong-b@example.kr", display_name="독산1동 담당 2"))
    RoleAssignmentFactory(user=user, role=Role.DONG_STAFF, dong=doksan1)
    return user


def option_ids(vote: Vote, *numbers: int) -> tuple[int, ...]:
    by_number = dict(vote.options.values_list("number", "pk"))
    return tuple(by_number[number] for number in numbers)


def residents_of(dong: Dong, n: int) -> list[User]:
    """n verified residents who live in `dong`."""
    people = []
    for _ in range(n):
        person = _verified(UserFactory())
        DongTieFactory(user=person, dong=dong, kind=TieKind.LIVES)
        people.append(person)
    return people


@pytest.fixture
def voters(doksan1, now):
    """`voters(n)`: n verified residents of 독산1동."""
    return lambda n: residents_of(doksan1, n)
