"""The courses API: each course with its figures, a course with its sessions, and a filter
that is not understood refused in Korean."""

import pytest
from django.utils import timezone

from maeul.courses.models import Attendance, Registration, SatisfactionAnswer
from tests.courses.conftest import add_sessions

pytestmark = pytest.mark.django_db


@pytest.fixture
def held(make_course, resident, neighbour):
    course = make_course()
    first, last = add_sessions(course, 2, timezone.now())
    for person in (resident, neighbour):
        Registration.objects.create(
            course=course, user=person, status="registered", created_at=timezone.now()
        )
        Attendance.objects.create(session=last, user=person, recorded_at=timezone.now())
    Attendance.objects.create(session=first, user=resident, recorded_at=timezone.now())
    SatisfactionAnswer.objects.create(
        session=last, user=resident, score=5, created_at=timezone.now()
    )
    SatisfactionAnswer.objects.create(
        session=last, user=neighbour, score=4, created_at=timezone.now()
    )
    return course


def test_courses_are_listed_with_their_figures(client, held):
    listing = client.get("/api/courses").json()
    assert listing["count"] == 1
    item = listing["items"][0]
    assert (item["sessions"], item["hours"], item["participants"], item["attendances"]) == (
        2,
        5.0,
        2,
        3,
    )
    assert item["satisfaction"] == 4.5
    assert item["kind"]["code"] == "village_education"


def test_a_course_is_read_with_its_sessions(client, held):
    detail = client.get(f"/api/courses/{held.pk}").json()
    assert [s["number"] for s in detail["session_list"]] == [1, 2]
    assert detail["session_list"][0]["hours"] == 2.5
    assert client.get("/api/courses/999999").status_code == 404


@pytest.mark.parametrize("query", ["year=twenty", "dong=-1", "programme=1.5", "kind=cooking"])
def test_a_filter_not_understood_is_refused_in_korean(client, held, query):
    answer = client.get(f"/api/courses?{query}")
    assert answer.status_code == 400
    body = answer.json()
    assert body["code"] == "bad_filter"
    assert any("가" <= ch <= "힣" for ch in body["detail"])
