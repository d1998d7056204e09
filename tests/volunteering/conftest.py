"""Volunteering fixtures (금천구), relative to a fixed clock `NOW`: Wednesday 18 March 2026, 10:00.

- `camp`: 「독산1동 자원봉사캠프」 of 독산1동, led by `leader` (a verified resident);
- `activity`: its 「어르신 반찬나눔」 (open, 14 and over), with `shift` tomorrow 10-12 at the
  dong office (3 places, 120 minutes) and `past_shift` yesterday 10-12 (2 places);
- `at(day, hour)`: a Seoul instant `day` days after `NOW`'s date.
"""

from datetime import datetime, time, timedelta

import pytest

from maeul.core.dates import SEOUL, at_seoul
from maeul.volunteering.models import (
    MemberRole,
    Membership,
    Shift,
    SignUp,
    VolunteerActivity,
    VolunteerCamp,
)
from tests.factories import DongTieFactory, UserFactory

NOW = datetime(2026, 3, 18, 10, 0, tzinfo=SEOUL)


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return at_seoul(NOW.date() + timedelta(days=day), time(hour, minute))


def make_camp(dong, name=None) -> VolunteerCamp:
    return VolunteerCamp.objects.create(
        district_id=dong.district_id,
        dong=dong,
        name=name or f"{dong.name} 자원봉사캠프",
        created_at=NOW,
    )


def make_activity(camp, title="어르신 반찬나눔", **fields) -> VolunteerActivity:
    return VolunteerActivity.objects.create(
        district_id=camp.district_id,
        dong=camp.dong,
        camp=camp,
        title=title,
        field="daily_life",
        created_at=NOW,
        **fields,
    )


def make_shift(activity, day=1, places=3, minutes=120) -> Shift:
    return Shift.objects.create(
        activity=activity,
        starts_at=at(day, 10),
        ends_at=at(day, 12),
        place="독산1동 주민센터",
        places=places,
        minutes=minutes,
    )


def signed_up(shift, user) -> SignUp:
    """A sign-up made before the shift (as the service would, without its clock)."""
    return SignUp.objects.create(
        shift=shift, user=user, signed_up_at=shift.starts_at - timedelta(days=2)
    )


@pytest.fixture
def camp(doksan1):
    return make_camp(doksan1)


@pytest.fixture
def leader(camp, doksan1):
    from tests.conftest import _verified

    user = _verified(UserFactory(email="leader@example.kr", display_name="캠프장"))
    DongTieFactory(user=user, dong=doksan1)
    Membership.objects.create(user=user, camp=camp, role=MemberRole.LEADER, joined_at=NOW)
    return user


@pytest.fixture
def activity(camp):
    return make_activity(camp)


@pytest.fixture
def shift(activity):
    return make_shift(activity)


@pytest.fixture
def past_shift(activity):
    return make_shift(activity, day=-1, places=2)


@pytest.fixture
def teen(doksan1):
    """A verified 16-year-old of 독산1동 (born 2010), without a guardian's consent yet."""
    from tests.conftest import _verified

    user = _verified(UserFactory(email="teen@example.kr", display_name="청소년", birth_year=2010))
    DongTieFactory(user=user, dong=doksan1)
    return user


def make_course(district, title="정리수납 전문교육"):
    """A specialised volunteer training (전문교육) of `district`."""
    from maeul.courses.models import Audience, Course, CourseKind, Programme

    programme = Programme.objects.create(district=district, title="자원봉사자 역량강화", year=2026)
    return Course.objects.create(
        programme=programme,
        district=district,
        kind=CourseKind.VOLUNTEER_SPECIALISED,
        title=title,
        audience=Audience.VOLUNTEERS,
        capacity=20,
        created_at=NOW,
    )


def complete(course, user):
    """`user` registered for `course` and completed it (as staff record it)."""
    from maeul.courses.models import Registration, RegistrationStatus

    return Registration.objects.create(
        course=course,
        user=user,
        status=RegistrationStatus.REGISTERED,
        created_at=NOW,
        completed_at=NOW,
    )
