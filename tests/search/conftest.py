"""Search fixtures (금천구): rows of every kind, public or not, named for what they hold.

- `parking`: a published proposal of 독산1동 「공영주차장을 늘려 주세요」 (2026);
- `hidden_proposal`: a hidden one about 주차장 too (never found);
- `council`: 「독산1동 주민자치회」; `plan`/`project`: its approved 2026 plan and project
  「주차장 공유 사업」; `draft_plan`/`draft_project`: a plan being written and its project;
- `vote`, `draft_vote`; `call` (published), `unpublished_call`; `space`; `consultation`.
"""

from datetime import date, datetime, timedelta

import pytest

from maeul.consultations.models import Consultation, ConsultationStatus
from maeul.core.dates import SEOUL
from maeul.councils.models import AgendaItem, Council, CouncilKind
from maeul.grants.models import GrantCall, Programme
from maeul.plans.models import AutonomyPlan, BudgetSource, PlanStatus, Project
from maeul.plans.models import Programme as PlanProgramme
from maeul.proposals.models import Proposal, Status
from maeul.spaces.models import Space
from maeul.voting.models import Vote, VoteStatus
from tests.proposals.factories import ProposalFactory

NOW = datetime(2026, 5, 4, 10, 0, tzinfo=SEOUL)


def make_proposal(dong, title, body="", *, status=Status.PUBLISHED, when=NOW) -> Proposal:
    return ProposalFactory(
        district=dong.district,
        dong=dong,
        title=title,
        body=body or title,
        status=status,
        created_at=when,
        hidden_reason="광고" if status == Status.HIDDEN else "",
    )


@pytest.fixture
def now():
    return NOW


@pytest.fixture
def parking(doksan1) -> Proposal:
    return make_proposal(doksan1, "공영주차장을 늘려 주세요", "저녁마다 골목에 차가 넘칩니다.")


@pytest.fixture
def hidden_proposal(doksan1) -> Proposal:
    return make_proposal(doksan1, "주차장 이야기 (숨김)", status=Status.HIDDEN)


@pytest.fixture
def council(doksan1) -> Council:
    return Council.objects.create(
        kind=CouncilKind.RESIDENT,
        district=doksan1.district,
        dong=doksan1,
        name="독산1동 주민자치회",
    )


def make_plan(council, status=PlanStatus.APPROVED, year=2026) -> AutonomyPlan:
    return AutonomyPlan.objects.create(council=council, year=year, status=status)


def make_project(plan, title, description="") -> Project:
    return Project.objects.create(
        plan=plan,
        district_id=plan.council.district_id,
        dong_id=plan.council.dong_id,
        year=plan.year,
        title=title,
        description=description,
        programme=PlanProgramme.RESIDENT_ACTIVITY,
        budget_source=BudgetSource.DISTRICT,
        budget=3_000_000,
        starts_on=date(plan.year, 3, 1),
        ends_on=date(plan.year, 11, 30),
    )


@pytest.fixture
def plan(council) -> AutonomyPlan:
    return make_plan(council)


@pytest.fixture
def project(plan) -> Project:
    return make_project(plan, "주차장 공유 사업", "교회 주차장을 주말에 주민과 나눕니다.")


@pytest.fixture
def draft_plan(council) -> AutonomyPlan:
    return make_plan(council, PlanStatus.DRAFT, year=2027)


@pytest.fixture
def draft_project(draft_plan) -> Project:
    return make_project(draft_plan, "주차장 안내판 설치")


@pytest.fixture
def agenda_item(council) -> AgendaItem:
    return AgendaItem.objects.create(
        council=council,
        year=2026,
        title="어린이 보호구역 주차 단속",
        description="등굣길 안전",
        created_at=NOW,
    )


def make_vote(district, title, status=VoteStatus.PUBLISHED) -> Vote:
    return Vote.objects.create(
        district=district,
        title=title,
        description="주민이 직접 고르는 사업",
        max_choices=3,
        opens_at=NOW - timedelta(days=1),
        closes_at=NOW + timedelta(days=6),
        status=status,
        created_at=NOW - timedelta(days=10),
    )


@pytest.fixture
def vote(geumcheon) -> Vote:
    return make_vote(geumcheon, "2026 금천구 참여예산 주민투표")


@pytest.fixture
def draft_vote(geumcheon) -> Vote:
    return make_vote(geumcheon, "초안 참여예산 투표", status=VoteStatus.DRAFT)


def make_call(district, title, published=True) -> GrantCall:
    return GrantCall.objects.create(
        programme=Programme.NEIGHBOURS,
        year=2026,
        title=title,
        district=district,
        total_budget=50_000_000,
        max_amount=5_000_000,
        notice="이웃과 함께하는 작은 모임을 지원합니다.",
        announced_on=date(2026, 3, 1),
        opens_at=NOW,
        closes_at=NOW + timedelta(days=10),
        published_at=NOW if published else None,
    )


@pytest.fixture
def call(geumcheon) -> GrantCall:
    return make_call(geumcheon, "2026 마을공동체 통합공모 이웃만들기")


@pytest.fixture
def unpublished_call(geumcheon) -> GrantCall:
    return make_call(geumcheon, "공고 전 이웃만들기 공모", published=False)


@pytest.fixture
def space(doksan1) -> Space:
    return Space.objects.create(
        name="독산1동 마을활력소",
        district_id=doksan1.district_id,
        dong=doksan1,
        operator="독산1동 주민센터",
        address="서울특별시 금천구 독산로 1",
        services="주차장 2면",
    )


@pytest.fixture
def consultation(geumcheon) -> Consultation:
    return Consultation.objects.create(
        district=geumcheon,
        title="동네 공원 리모델링",
        question="공원을 어떻게 바꿀까요?",
        background="공원이 낡았습니다.",
        opens_at=NOW - timedelta(days=5),
        closes_at=NOW + timedelta(days=5),
        status=ConsultationStatus.PUBLISHED,
        created_at=NOW,
    )
