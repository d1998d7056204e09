"""Which course rows each persona serves: `scope_of(user).rows(...)` on courses and their
registrations.

Rows, one course each: 독산1동 and 가산동 (of 금천구), 금천구 (district-wide, no dong),
당산1동 (영등포구), 서울시 (a city-wide course of the Seoul centre); each has one
registration, and both models answer alike.
"""

import pytest

from maeul.core.permissions import scope_of
from maeul.courses.models import Course, Programme, Registration
from tests.courses.conftest import make_programme, new_course

pytestmark = pytest.mark.django_db

TITLE_OF = {Course: "title", Registration: "course__title"}
ROWS = ["독산1동", "가산동", "금천구", "당산1동", "서울시"]

# Y = the persona serves the row, . = it does not exist for them.
MATRIX = {
    "resident": ".....",
    "unverified_resident": ".....",
    "neighbour": ".....",
    "dong_staff": "Y....",
    "other_dong_staff": ".Y...",
    "district_staff": "YYY..",
    "other_district_staff": "...Y.",
    "support_centre_staff": ".....",
    "committee_member": ".....",
    "site_admin": "YYYYY",
}


@pytest.fixture
def rows(geumcheon, yeongdeungpo, doksan1, gasan, dangsan1, resident, now):
    here, there = make_programme(geumcheon), make_programme(yeongdeungpo)
    city = Programme.objects.create(district=None, title="실무자교육", year=2026)
    courses = [
        new_course(here, doksan1, title="독산1동"),
        new_course(here, gasan, title="가산동"),
        new_course(here, None, title="금천구"),
        new_course(there, dangsan1, title="당산1동"),
        new_course(city, None, title="서울시", district=None),
    ]
    for course in courses:
        Registration.objects.create(
            course=course, user=resident, status="registered", created_at=now
        )


@pytest.mark.parametrize("persona", MATRIX)
@pytest.mark.parametrize("model", TITLE_OF, ids=lambda model: model.__name__)
def test_each_persona_serves_the_courses_of_their_places(rows, persona, model, request):
    user = request.getfixturevalue(persona)
    expected = [name for name, cell in zip(ROWS, MATRIX[persona], strict=True) if cell == "Y"]
    served = scope_of(user).rows(model.objects.all()).values_list(TITLE_OF[model], flat=True)
    assert sorted(served) == sorted(expected)
