"""Writing plans: from the assembly's passed items (once each), projects typed in, submission,
approval, statuses and outcomes, each audited and limited to the council's staff."""

from datetime import date

import pytest

from maeul.core.errors import RuleViolation
from maeul.core.models import AuditEntry
from maeul.councils.models import AgendaItem, AgendaStatus
from maeul.plans.models import (
    AutonomyPlan,
    BudgetSource,
    PlanStatus,
    Programme,
    Project,
    ProjectStatus,
)
from maeul.plans.services.planning import (
    approve_plan,
    create_plan,
    plan_from_agenda,
    return_plan,
    submit_plan,
)
from maeul.plans.services.projects import (
    add_project,
    change_project,
    change_project_status,
    write_outcome,
)
from tests.plans.conftest import IP, make_plan, make_project

pytestmark = pytest.mark.django_db


def agenda_item(council, year, title, cost, status=AgendaStatus.PASSED, section=None, now=None):
    from django.utils import timezone

    return AgendaItem.objects.create(
        council=council,
        year=year,
        title=title,
        description=f"{title} 설명",
        estimated_cost=cost,
        status=status,
        section=section,
        created_at=now or timezone.now(),
    )


def from_agenda(council, year, staff, now, **fields):
    values = {"programme": Programme.DONG_PARTICIPATORY_BUDGET, "budget_source": BudgetSource.CITY}
    values.update(fields)
    return plan_from_agenda(council=council, year=year, staff=staff, now=now, ip=IP, **values)


def typed_in(plan, staff, now, **fields):
    values = {
        "title": "어르신 스마트폰 교실",
        "programme": Programme.RESIDENT_ACTIVITY,
        "budget_source": BudgetSource.RESIDENT_TAX,
        "budget": 4_000_000,
    }
    values.update(fields)
    return add_project(plan=plan, staff=staff, now=now, ip=IP, **values)


# --- Plans ----------------------------------------------------------------------------------
def test_dong_staff_start_their_councils_plan(doksan1_council, dong_staff, now, year):
    plan = create_plan(council=doksan1_council, year=year + 1, staff=dong_staff, now=now, ip=IP)

    assert (plan.status, plan.year) == (PlanStatus.DRAFT, year + 1)
    assert AuditEntry.objects.filter(action="plans.plan_create", actor=dong_staff).exists()


def test_a_council_has_one_plan_a_year(doksan1_council, dong_staff, now, year):
    create_plan(council=doksan1_council, year=year, staff=dong_staff, now=now, ip=IP)

    with pytest.raises(RuleViolation) as refused:
        create_plan(council=doksan1_council, year=year, staff=dong_staff, now=now, ip=IP)
    assert refused.value.code == "exists"


def test_staff_of_another_dong_cannot_start_the_plan(doksan1_council, other_dong_staff, now, year):
    with pytest.raises(RuleViolation) as refused:
        create_plan(council=doksan1_council, year=year, staff=other_dong_staff, now=now, ip=IP)
    assert refused.value.code == "forbidden"
    assert not AutonomyPlan.objects.exists()


# --- From the assembly ----------------------------------------------------------------------
def test_passed_items_become_the_plans_projects(
    doksan1_council, doksan1_sections, dong_staff, now, year
):
    plan_year = year + 1
    festival = agenda_item(
        doksan1_council, plan_year, "마을 축제", 5_000_000, section=doksan1_sections[2]
    )
    garden = agenda_item(doksan1_council, plan_year, "골목 화단", 3_000_000)
    agenda_item(doksan1_council, plan_year, "부결된 의제", 1_000_000, status=AgendaStatus.REJECTED)
    agenda_item(doksan1_council, plan_year, "발굴 중", 1_000_000, status=AgendaStatus.DISCOVERED)
    agenda_item(doksan1_council, year, "지난해 의제", 1_000_000)

    report = from_agenda(doksan1_council, plan_year, dong_staff, now)

    assert report.plan.year == plan_year and report.plan.status == PlanStatus.DRAFT
    projects = {p.title: p for p in report.created}
    assert set(projects) == {"마을 축제", "골목 화단"}
    first = projects["마을 축제"]
    assert (first.budget, first.section, first.agenda_item, first.dong_id) == (
        5_000_000,
        doksan1_sections[2],
        festival,
        doksan1_council.dong_id,
    )
    assert (first.starts_on, first.ends_on) == (date(plan_year, 3, 1), date(plan_year, 11, 30))
    assert (first.programme, first.budget_source, first.spent) == ("dong_pb", "city", 0)
    festival.refresh_from_db()
    garden.refresh_from_db()
    assert festival.status == garden.status == AgendaStatus.PLANNED
    assert AuditEntry.objects.filter(action="plans.project_add").count() == 2


def test_running_it_again_adds_only_new_passed_items(doksan1_council, dong_staff, now, year):
    agenda_item(doksan1_council, year + 1, "마을 축제", 5_000_000)
    from_agenda(doksan1_council, year + 1, dong_staff, now)
    agenda_item(doksan1_council, year + 1, "추가 의제", 2_000_000)

    again = from_agenda(doksan1_council, year + 1, dong_staff, now)
    nothing = from_agenda(doksan1_council, year + 1, dong_staff, now)

    assert [p.title for p in again.created] == ["추가 의제"]
    assert nothing.created == []
    assert Project.objects.count() == 2 and AutonomyPlan.objects.count() == 1


def test_an_item_already_planned_elsewhere_is_not_planned_twice(
    doksan1_council, dong_staff, now, year
):
    item = agenda_item(doksan1_council, year + 1, "마을 축제", 5_000_000)
    from_agenda(doksan1_council, year + 1, dong_staff, now)
    # Someone sets the item back to passed: the one-to-one link keeps it to one project.
    AgendaItem.objects.filter(pk=item.pk).update(status=AgendaStatus.PASSED)

    again = from_agenda(doksan1_council, year + 1, dong_staff, now)

    assert again.created == [] and Project.objects.filter(agenda_item=item).count() == 1


def test_a_submitted_plan_takes_no_new_items(doksan1_council, dong_staff, now, year):
    make_plan(doksan1_council, year + 1, status=PlanStatus.SUBMITTED)
    agenda_item(doksan1_council, year + 1, "마을 축제", 5_000_000)

    with pytest.raises(RuleViolation) as refused:
        from_agenda(doksan1_council, year + 1, dong_staff, now)
    assert refused.value.code == "frozen"


def test_staff_of_another_dong_cannot_plan_the_items(doksan1_council, other_dong_staff, now, year):
    agenda_item(doksan1_council, year + 1, "마을 축제", 5_000_000)

    with pytest.raises(RuleViolation):
        from_agenda(doksan1_council, year + 1, other_dong_staff, now)
    assert not Project.objects.exists()


def test_the_governance_councils_items_become_district_wide_projects(
    governance_council, district_staff, now, year
):
    agenda_item(governance_council, year + 1, "청년 일자리 박람회", 20_000_000)

    report = from_agenda(
        governance_council, year + 1, district_staff, now, programme=Programme.COMMUNITY_INNOVATION
    )

    assert report.created[0].dong is None
    assert report.created[0].district_id == governance_council.district_id


# --- Projects typed in ----------------------------------------------------------------------
def test_staff_type_in_a_project(doksan1_council, doksan1_sections, dong_staff, now, year):
    plan = make_plan(doksan1_council, year + 1, status=PlanStatus.DRAFT)

    project = typed_in(
        plan,
        dong_staff,
        now,
        section=doksan1_sections[1],
        starts_on=date(year + 1, 4, 1),
        ends_on=date(year + 1, 10, 31),
    )

    assert (project.budget, project.section, project.year) == (
        4_000_000,
        doksan1_sections[1],
        year + 1,
    )
    assert project.starts_on == date(year + 1, 4, 1)


@pytest.mark.parametrize(
    ("fields", "code"),
    [
        ({"title": " "}, "title"),
        ({"budget": -1}, "budget"),
        ({"programme": "festival"}, "programme"),
        ({"budget_source": "lottery"}, "budget_source"),
    ],
)
def test_a_project_with_bad_fields_is_refused(doksan1_council, dong_staff, now, year, fields, code):
    plan = make_plan(doksan1_council, year + 1, status=PlanStatus.DRAFT)
    with pytest.raises(RuleViolation) as refused:
        typed_in(plan, dong_staff, now, **fields)
    assert refused.value.code == code


def test_the_schedule_lies_within_the_fiscal_year(doksan1_council, dong_staff, now, year):
    plan = make_plan(doksan1_council, year + 1, status=PlanStatus.DRAFT)
    with pytest.raises(RuleViolation) as refused:
        typed_in(
            plan, dong_staff, now, starts_on=date(year + 1, 3, 1), ends_on=date(year + 2, 1, 31)
        )
    assert refused.value.code == "schedule"
    with pytest.raises(RuleViolation):
        typed_in(
            plan, dong_staff, now, starts_on=date(year + 1, 9, 1), ends_on=date(year + 1, 3, 1)
        )


def test_the_section_must_be_the_councils(doksan1_council, gasan_council, dong_staff, now, year):
    plan = make_plan(doksan1_council, year + 1, status=PlanStatus.DRAFT)
    with pytest.raises(RuleViolation) as refused:
        typed_in(plan, dong_staff, now, section=gasan_council.sections.first())
    assert refused.value.code == "section"


def test_a_draft_project_can_be_changed(doksan1_council, dong_staff, now, year):
    plan = make_plan(doksan1_council, year + 1, status=PlanStatus.DRAFT)
    project = typed_in(plan, dong_staff, now)

    change_project(
        project=project,
        budget=4_500_000,
        title="어르신 디지털 교실",
        staff=dong_staff,
        now=now,
        ip=IP,
    )

    project.refresh_from_db()
    assert (project.budget, project.title) == (4_500_000, "어르신 디지털 교실")
    audit = AuditEntry.objects.get(action="plans.project_change")
    assert audit.changes["budget"] == [4_000_000, 4_500_000]


# --- Submission and approval ----------------------------------------------------------------
def test_a_plan_is_submitted_then_approved(doksan1_council, dong_staff, district_staff, now, year):
    plan = make_plan(doksan1_council, year + 1, status=PlanStatus.DRAFT)
    with pytest.raises(RuleViolation) as refused:
        submit_plan(plan=plan, staff=dong_staff, now=now, ip=IP)
    assert refused.value.code == "empty"
    typed_in(plan, dong_staff, now)

    submit_plan(plan=plan, staff=dong_staff, now=now, ip=IP)
    with pytest.raises(RuleViolation):
        typed_in(plan, dong_staff, now, title="늦은 사업")
    approve_plan(plan=plan, staff=district_staff, now=now, ip=IP)

    assert plan.status == PlanStatus.APPROVED and plan.submitted_at == now == plan.approved_at
    actions = AuditEntry.objects.filter(action__startswith="plans.plan_").order_by("pk")
    assert list(actions.values_list("action", "actor")) == [
        ("plans.plan_submit", dong_staff.pk),
        ("plans.plan_approve", district_staff.pk),
    ]


def test_only_a_submitted_plan_is_approved_or_sent_back(doksan1_council, district_staff, now, year):
    plan = make_plan(doksan1_council, year + 1, status=PlanStatus.DRAFT)
    with pytest.raises(RuleViolation):
        approve_plan(plan=plan, staff=district_staff, now=now, ip=IP)
    with pytest.raises(RuleViolation):
        return_plan(
            plan=plan,
            staff=district_staff,
            now=now,
            ip=IP,
            opinion="사업비를 다시 확인해 주십시오.",
        )

    AutonomyPlan.objects.filter(pk=plan.pk).update(status=PlanStatus.SUBMITTED)
    plan.refresh_from_db()
    return_plan(
        plan=plan, staff=district_staff, now=now, ip=IP, opinion="사업비를 다시 확인해 주십시오."
    )
    assert plan.status == PlanStatus.DRAFT


# --- Status and outcome ---------------------------------------------------------------------
def test_a_project_goes_from_planned_to_done(doksan1_plan, dong_staff, now):
    project = make_project(doksan1_plan, "마을 축제", 1_000_000, status=ProjectStatus.PLANNED)

    change_project_status(
        project=project, status=ProjectStatus.IN_PROGRESS, staff=dong_staff, now=now, ip=IP
    )
    change_project_status(
        project=project, status=ProjectStatus.DONE, staff=dong_staff, now=now, ip=IP
    )

    assert Project.objects.get(pk=project.pk).status == ProjectStatus.DONE
    assert AuditEntry.objects.filter(action="plans.project_status").count() == 2


def test_a_cancelled_project_stays_cancelled(doksan1_plan, dong_staff, now):
    project = make_project(doksan1_plan, "마을 축제", 1_000_000, status=ProjectStatus.CANCELLED)
    with pytest.raises(RuleViolation) as refused:
        change_project_status(
            project=project, status=ProjectStatus.IN_PROGRESS, staff=dong_staff, now=now, ip=IP
        )
    assert refused.value.code == "status"


def test_projects_of_a_draft_plan_do_not_start(doksan1_council, dong_staff, now, year):
    plan = make_plan(doksan1_council, year + 1, status=PlanStatus.DRAFT)
    project = make_project(plan, "마을 축제", 1_000_000, status=ProjectStatus.PLANNED)
    with pytest.raises(RuleViolation) as refused:
        change_project_status(
            project=project, status=ProjectStatus.IN_PROGRESS, staff=dong_staff, now=now, ip=IP
        )
    assert refused.value.code == "draft_plan"


def test_the_outcome_is_written_and_audited(project, dong_staff, other_dong_staff, now):
    write_outcome(project=project, outcome="주민 350명 참여", staff=dong_staff, now=now, ip=IP)
    with pytest.raises(RuleViolation):
        write_outcome(project=project, outcome="x", staff=other_dong_staff, now=now, ip=IP)

    assert Project.objects.get(pk=project.pk).outcome == "주민 350명 참여"
    assert AuditEntry.objects.filter(action="plans.project_outcome").count() == 1


def test_dong_staff_cannot_approve_their_own_plan(doksan1_council, dong_staff, district_staff, now):
    from maeul.plans.models import AutonomyPlan, PlanStatus

    plan = AutonomyPlan.objects.create(
        council=doksan1_council, year=now.year + 1, status=PlanStatus.SUBMITTED, submitted_at=now
    )

    with pytest.raises(RuleViolation) as refused:
        approve_plan(plan=plan, staff=dong_staff, now=now, ip=IP)

    assert refused.value.code == "forbidden"
    plan.refresh_from_db()
    assert plan.status == PlanStatus.SUBMITTED


def test_a_plan_approved_meanwhile_is_not_approved_twice(doksan1_council, district_staff, now):
    from maeul.plans.models import AutonomyPlan, PlanStatus

    plan = AutonomyPlan.objects.create(
        council=doksan1_council, year=now.year + 1, status=PlanStatus.SUBMITTED, submitted_at=now
    )
    stale = AutonomyPlan.objects.get(pk=plan.pk)  # a second staff member's page, read earlier
    approve_plan(plan=plan, staff=district_staff, now=now, ip=IP)

    with pytest.raises(RuleViolation) as refused:
        approve_plan(plan=stale, staff=district_staff, now=now, ip=IP)

    assert refused.value.code == "not_submitted"
    assert AuditEntry.objects.filter(action="plans.plan_approve").count() == 1
