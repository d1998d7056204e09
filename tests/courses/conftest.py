"""Course fixtures (금천구), relative to a fixed clock `now`: Wednesday 18 March 2026, 10:00.

- `programme`: 「마을력강화 마을교육」 2026 of 금천구 with targets;
- `course`: 「금천마을지기학교」 of 독산1동, 3 sessions of 2.5 hours from next week,
  capacity 2 with 1 waiting-list place, registration open until the first session;
- `school`: a 「주민자치학교」 course of 독산1동 (one session, already held);
- `make_course(**overrides)`: another course of the programme.
"""

from datetime import datetime, timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from maeul.accounts.models import VerificationMethod
from maeul.core.dates import SEOUL
from maeul.courses.models import Audience, Course, CourseKind, Programme, Session
from tests.factories import DongTieFactory, UserFactory

NOW = datetime(2026, 3, 18, 10, 0, tzinfo=SEOUL)


def verified_person(dong):
    user = UserFactory()
    user.mark_verified(method=VerificationMethod.IN_PERSON, at=timezone.now())
    user.save()
    DongTieFactory(user=user, dong=dong)
    return user


@pytest.fixture
def now():
    return NOW


def make_programme(district) -> Programme:
    return Programme.objects.create(
        district=district,
        title="마을력강화 마을교육",
        year=2026,
        target_courses=4,
        target_sessions=65,
        target_participants=950,
        target_attendances=1200,
        target_satisfaction=Decimal("4.5"),
    )


@pytest.fixture
def programme(geumcheon):
    return make_programme(geumcheon)


def add_sessions(course, count, first: datetime, hours="2.5") -> list[Session]:
    return [
        Session.objects.create(
            course=course,
            number=n + 1,
            topic=f"{n + 1}회차",
            starts_at=first + timedelta(days=7 * n),
            ends_at=first + timedelta(days=7 * n, hours=float(hours)),
            hours=Decimal(hours),
        )
        for n in range(count)
    ]


def new_course(programme, dong, **overrides) -> Course:
    """A course of `programme` in `dong`, taking registrations at `NOW` (2 places, 1 waiting)."""
    fields = {
        "programme": programme,
        "district_id": programme.district_id,
        "dong": dong,
        "kind": CourseKind.VILLAGE_EDUCATION,
        "title": "금천마을지기학교",
        "audience": Audience.RESIDENTS,
        "operator": "금천구 마을자치센터",
        "place": "독산1동 마을활력소",
        "capacity": 2,
        "waiting_list_size": 1,
        "registration_opens_at": NOW - timedelta(days=7),
        "registration_closes_at": NOW + timedelta(days=7),
        "published_at": NOW - timedelta(days=7),
        "created_at": NOW - timedelta(days=8),
    }
    fields.update(overrides)
    return Course.objects.create(**fields)


@pytest.fixture
def make_course(programme, doksan1):
    return lambda **overrides: new_course(programme, doksan1, **overrides)


@pytest.fixture
def course(make_course):
    course = make_course()
    add_sessions(course, 3, NOW + timedelta(days=7))
    return course


@pytest.fixture
def school(make_course):
    school = make_course(
        title="독산1동 주민자치학교",
        kind=CourseKind.SELF_GOVERNANCE_SCHOOL,
        registration_opens_at=NOW - timedelta(days=60),
        registration_closes_at=NOW - timedelta(days=30),
        capacity=30,
    )
    add_sessions(school, 1, NOW - timedelta(days=20), hours="3")
    return school
