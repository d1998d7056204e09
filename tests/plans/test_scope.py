"""Which plan rows each persona serves: `scope_of(user).rows(...)` on every plan model.

Rows, one per council: 독산1동 and 가산동 (resident councils of 금천구), 금천구 협치회의 (the
district's governance council, no dong), 당산1동 (영등포구). Each council has a plan with one
project, one spending entry and one progress update; every model answers alike.
"""

import pytest

from maeul.core.permissions import scope_of
from maeul.plans.models import AutonomyPlan, ProgressUpdate, Project, SpendingEntry
from tests.councils.conftest import make_council
from tests.plans.conftest import make_plan, make_project

pytestmark = pytest.mark.django_db

# The council each row belongs to, reached from each model.
COUNCIL_OF = {
    AutonomyPlan: "council__name",
    Project: "plan__council__name",
    SpendingEntry: "project__plan__council__name",
    ProgressUpdate: "project__plan__council__name",
}
ROWS = ["독산1동 주민자치회", "가산동 주민자치회", "금천구 협치회의", "당산1동 주민자치회"]

# Y = the persona serves the row, . = it does not exist for them.
MATRIX = {
    "resident": "....",
    "unverified_resident": "....",
    "neighbour": "....",
    "dong_staff": "Y...",
    "other_dong_staff": ".Y..",
    "district_staff": "YYY.",
    "other_district_staff": "...Y",
    "support_centre_staff": "....",
    "committee_member": "....",
    "site_admin": "YYYY",
}


@pytest.fixture
def rows(project, gasan_project, governance_project, dangsan1, year, now):
    dangsan = make_council(district=dangsan1.district, dong=dangsan1, name=ROWS[3], sections=[])
    dangsan_project = make_project(make_plan(dangsan, year), "당산 골목 축제", 1_000_000)
    for each in (project, gasan_project, governance_project, dangsan_project):
        SpendingEntry.objects.create(
            project=each,
            spent_on=now.date(),
            amount=1_000,
            payee="마을가게",
            purpose="다과",
            created_at=now,
        )
        ProgressUpdate.objects.create(project=each, body="준비 중", created_at=now)


@pytest.mark.parametrize("persona", MATRIX)
@pytest.mark.parametrize("model", COUNCIL_OF, ids=lambda model: model.__name__)
def test_each_persona_serves_the_rows_of_their_places(rows, persona, model, request):
    user = request.getfixturevalue(persona)
    expected = [name for name, cell in zip(ROWS, MATRIX[persona], strict=True) if cell == "Y"]

    served = scope_of(user).rows(model.objects.all()).values_list(COUNCIL_OF[model], flat=True)

    assert sorted(served) == sorted(expected)


def test_anonymous_visitors_serve_no_rows(rows, anonymous):
    assert not any(scope_of(anonymous).rows(model.objects.all()).exists() for model in COUNCIL_OF)
