"""Council fixtures (금천구), all relative to one clock `now` (the real time of the test run).

- `doksan1_council`: 독산1동 주민자치회 (most 50 members, 2-year terms) with the sections
  자치행정분과, 마을복지분과, 문화교육분과 (`doksan1_sections`, in this order) and a current
  term (`doksan1_term`: 2기, from 1 January of this year to 31 December of next year);
- `gasan_council`: 가산동 주민자치회 with 자치행정분과 and a current term (`gasan_term`), for
  "another council" cases;
- `governance_council`: 금천구 협치회의 with its five sections 교육·문화, 도시환경·안전, 복지·건강,
  주민자치·기획, 청년·경제일자리 and a current term (`governance_term`);
- `council_member`: `resident` as a 위원 of `doksan1_term` in 자치행정분과;
- `council_chair`: another verified resident of 독산1동 as 위원장 of `doksan1_term`;
- `next_term`: 3기 of 독산1동 (starting the day after `doksan1_term` ends);
- `recruitment`: the open call for `next_term` (5 places, opened yesterday, closes in 7 days);
- `make_applicant(name)`: a verified resident of 독산1동 with that display name.
"""

from collections.abc import Callable
from datetime import date, datetime, timedelta

import pytest
from django.utils import timezone

from maeul.accounts.models import TieKind, User
from maeul.councils.models import (
    Council,
    CouncilKind,
    CouncilMember,
    MemberRole,
    Recruitment,
    Section,
    SelectionRoute,
    Term,
)
from maeul.places.models import District, Dong
from tests.conftest import _verified
from tests.factories import DongTieFactory, UserFactory

DOKSAN1_SECTIONS = ["자치행정분과", "마을복지분과", "문화교육분과"]
GOVERNANCE_SECTIONS = [
    "교육·문화",
    "도시환경·안전",
    "복지·건강",
    "주민자치·기획",
    "청년·경제일자리",
]


@pytest.fixture
def now() -> datetime:
    return timezone.now()


@pytest.fixture
def today(now: datetime) -> date:
    return timezone.localdate(now)


def make_council(
    *, district: District, dong: Dong | None, name: str, sections: list[str]
) -> Council:
    council = Council.objects.create(
        kind=CouncilKind.RESIDENT if dong is not None else CouncilKind.GOVERNANCE,
        district=district,
        dong=dong,
        name=name,
    )
    for order, section in enumerate(sections, start=1):
        Section.objects.create(council=council, name=section, order=order)
    return council


def make_current_term(council: Council, today: date, *, number: int = 2) -> Term:
    starts_on = date(today.year, 1, 1)
    return Term.objects.create(
        council=council,
        number=number,
        starts_on=starts_on,
        ends_on=date(today.year + council.term_years, 1, 1) - timedelta(days=1),
    )


@pytest.fixture
def doksan1_council(doksan1: Dong, today: date) -> Council:
    council = make_council(
        district=doksan1.district,
        dong=doksan1,
        name="독산1동 주민자치회",
        sections=DOKSAN1_SECTIONS,
    )
    make_current_term(council, today)
    return council


@pytest.fixture
def doksan1_sections(doksan1_council: Council) -> list[Section]:
    return list(doksan1_council.sections.order_by("order"))


@pytest.fixture
def doksan1_term(doksan1_council: Council) -> Term:
    return doksan1_council.terms.get(number=2)


@pytest.fixture
def gasan_council(gasan: Dong, today: date) -> Council:
    council = make_council(
        district=gasan.district, dong=gasan, name="가산동 주민자치회", sections=["자치행정분과"]
    )
    make_current_term(council, today)
    return council


@pytest.fixture
def gasan_term(gasan_council: Council) -> Term:
    return gasan_council.terms.get(number=2)


@pytest.fixture
def governance_council(geumcheon: District, today: date) -> Council:
    council = make_council(
        district=geumcheon, dong=None, name="금천구 협치회의", sections=GOVERNANCE_SECTIONS
    )
    make_current_term(council, today)
    return council


@pytest.fixture
def governance_term(governance_council: Council) -> Term:
    return governance_council.terms.get(number=2)


@pytest.fixture
def make_applicant(doksan1: Dong) -> Callable[[str], User]:
    def make(name: str) -> User:
        user = _verified(UserFactory(display_name=name))
        DongTieFactory(user=user, dong=doksan1, kind=TieKind.LIVES)
        return user

    return make


@pytest.fixture
def council_member(
    resident: User, doksan1_term: Term, doksan1_sections: list[Section]
) -> CouncilMember:
    return CouncilMember.objects.create(
        term=doksan1_term,
        user=resident,
        public_name="김독산",
        role=MemberRole.MEMBER,
        section=doksan1_sections[0],
        route=SelectionRoute.OPEN_CALL,
        joined_on=doksan1_term.starts_on,
    )


@pytest.fixture
def council_chair(
    make_applicant: Callable[[str], User], doksan1_term: Term, doksan1_sections: list[Section]
) -> CouncilMember:
    return CouncilMember.objects.create(
        term=doksan1_term,
        user=make_applicant("위원장"),
        public_name="박위원장",
        role=MemberRole.CHAIR,
        section=doksan1_sections[0],
        route=SelectionRoute.OPEN_CALL,
        joined_on=doksan1_term.starts_on,
    )


@pytest.fixture
def next_term(doksan1_council: Council, doksan1_term: Term) -> Term:
    starts_on = doksan1_term.ends_on + timedelta(days=1)
    return Term.objects.create(
        council=doksan1_council,
        number=3,
        starts_on=starts_on,
        ends_on=date(starts_on.year + doksan1_council.term_years, 1, 1) - timedelta(days=1),
    )


@pytest.fixture
def recruitment(next_term: Term, now: datetime) -> Recruitment:
    return Recruitment.objects.create(
        term=next_term,
        seats=5,
        opens_at=now - timedelta(days=1),
        closes_at=now + timedelta(days=7),
    )
