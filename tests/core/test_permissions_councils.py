"""The council and plan permission matrix: persona by action by target, one answer per cell.

Targets (금천구 unless said otherwise):
- 독산1동 / 가산동: those dongs' resident councils (`resident` is a current member of 독산1동's);
- 협치회의: 금천구's governance council; 당산1동: a resident council of 영등포구;
- 모집 / 모집 마감: an open and a closed call for 독산1동's next term;
- 계획 독산1동 / 계획 협치회의: the councils' 2026 plans; 사업 독산1동 / 사업 협치회의: a project of each.
"""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from maeul.core.permissions import Action
from maeul.councils.models import Council, CouncilKind, CouncilMember, Recruitment, Term
from maeul.plans.models import AutonomyPlan, BudgetSource, Programme, Project
from tests.core.matrix import assert_cell, assert_every_action_has_a_column, matrix_cells

A = Action
COLUMNS = [
    (A.MANAGE_COUNCIL, "독산1동"),
    (A.MANAGE_COUNCIL, "가산동"),
    (A.MANAGE_COUNCIL, "협치회의"),
    (A.MANAGE_COUNCIL, "당산1동"),
    (A.WRITE_AGENDA_ITEM, "독산1동"),
    (A.WRITE_AGENDA_ITEM, "협치회의"),
    (A.APPLY_TO_COUNCIL, "모집"),
    (A.APPLY_TO_COUNCIL, "모집 마감"),
    (A.MANAGE_PLAN, "계획 독산1동"),
    (A.MANAGE_PLAN, "계획 협치회의"),
    (A.RECORD_SPENDING, "사업 독산1동"),
    (A.RECORD_SPENDING, "사업 협치회의"),
    (A.CONFIRM_OVER_BUDGET, "사업 독산1동"),
    (A.APPROVE_PLAN, "계획 독산1동"),
]

# Y = allowed, . = denied; groups: manage (독산1동 가산동 협치회의 당산1동) | agenda (독산1동
# 협치회의) | apply (모집 마감) | plan (독산1동 협치회의) | spending (독산1동 협치회의) | over budget |
# approve plan (독산1동)
MATRIX = {
    "anonymous": "....  ..  ..  ..  ..  . .",
    "resident": "....  Y.  Y.  ..  ..  . .",
    "unverified_resident": "....  ..  ..  ..  ..  . .",
    "neighbour": "....  ..  ..  ..  ..  . .",
    "dong_staff": "Y...  Y.  ..  Y.  Y.  . .",
    "other_dong_staff": ".Y..  ..  ..  ..  ..  . .",
    "district_staff": "YYY.  YY  ..  YY  YY  Y Y",
    "other_district_staff": "...Y  ..  ..  ..  ..  . .",
    "support_centre_staff": "....  ..  ..  ..  ..  . .",
    "committee_member": "....  ..  ..  ..  ..  . .",
    "site_admin": "YYYY  YY  ..  YY  YY  Y Y",
}


CELLS = matrix_cells(MATRIX, COLUMNS)


@pytest.fixture
def targets(geumcheon, doksan1, gasan, dangsan1, resident):
    now = timezone.now()
    today = timezone.localdate(now)

    def council(dong, name):
        return Council.objects.create(
            kind=CouncilKind.RESIDENT, district=dong.district, dong=dong, name=name
        )

    doksan = council(doksan1, "독산1동 주민자치회")
    governance = Council.objects.create(
        kind=CouncilKind.GOVERNANCE, district=geumcheon, name="금천구 협치회의"
    )
    current = Term.objects.create(
        council=doksan,
        number=3,
        starts_on=today - timedelta(days=300),
        ends_on=today + timedelta(days=400),
    )
    CouncilMember.objects.create(
        term=current, user=resident, public_name="독산 주민", joined_on=current.starts_on
    )
    following = Term.objects.create(
        council=doksan,
        number=4,
        starts_on=current.ends_on + timedelta(days=1),
        ends_on=current.ends_on + timedelta(days=731),
    )
    closed_term = Term.objects.create(
        council=doksan,
        number=5,
        starts_on=following.ends_on + timedelta(days=1),
        ends_on=following.ends_on + timedelta(days=731),
    )

    def project(plan):
        return Project.objects.create(
            plan=plan,
            district=geumcheon,
            dong=plan.council.dong,
            year=plan.year,
            title="마을 축제",
            programme=Programme.RESIDENT_ACTIVITY,
            budget_source=BudgetSource.DISTRICT,
            budget=5_000_000,
            starts_on=date(plan.year, 3, 1),
            ends_on=date(plan.year, 11, 30),
        )

    doksan_plan = AutonomyPlan.objects.create(council=doksan, year=2026)
    governance_plan = AutonomyPlan.objects.create(council=governance, year=2026)
    return {
        "독산1동": doksan,
        "가산동": council(gasan, "가산동 주민자치회"),
        "협치회의": governance,
        "당산1동": council(dangsan1, "당산1동 주민자치회"),
        "모집": Recruitment.objects.create(
            term=following,
            seats=20,
            opens_at=now - timedelta(days=1),
            closes_at=now + timedelta(days=20),
        ),
        "모집 마감": Recruitment.objects.create(
            term=closed_term,
            seats=20,
            opens_at=now - timedelta(days=30),
            closes_at=now - timedelta(days=1),
        ),
        "계획 독산1동": doksan_plan,
        "계획 협치회의": governance_plan,
        "사업 독산1동": project(doksan_plan),
        "사업 협치회의": project(governance_plan),
    }


@pytest.mark.parametrize(("persona", "action", "target", "allowed"), CELLS)
def test_council_and_plan_permission_matrix(request, targets, persona, action, target, allowed):
    assert_cell(
        request.getfixturevalue(persona), action, targets[target], allowed, now=timezone.now()
    )


def test_every_council_and_plan_action_has_a_column():
    assert_every_action_has_a_column(COLUMNS, "councils.", "plans.")
