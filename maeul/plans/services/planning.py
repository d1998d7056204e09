"""Writing a council's plan (자치계획, 지역사회혁신계획): started, filled from the assembly,
submitted to the district, approved or sent back.

The assembly of one year votes on the agenda "for the year" of the next plan; the items
it passed (`AgendaStatus.PASSED`, `AgendaItem.year` = the plan's year) become the plan's
projects, each once (`Project.agenda_item` is one-to-one), and the item becomes `planned`.
Projects are added and changed only while the plan is a draft (`projects.py`); once
submitted, the plan is what the district reviews, and once approved it is executed.
"""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from maeul.core import audit
from maeul.core.errors import RuleViolation
from maeul.core.permissions import Action
from maeul.councils.models import AgendaItem, AgendaStatus, Council
from maeul.plans.models import AutonomyPlan, PlanStatus, Project
from maeul.plans.services import authorise
from maeul.plans.services.projects import add_project, default_schedule, require_draft

YEAR_MIN, YEAR_MAX = 2000, 2100


def _check_year(year: int) -> None:
    if not YEAR_MIN <= year <= YEAR_MAX:
        raise RuleViolation(_("Enter a year between 2000 and 2100."), code="year", field="year")


def create_plan(
    *, council: Council, year: int, staff: Any, now: datetime, ip: str | None
) -> AutonomyPlan:
    """A draft plan of `council` for `year`; raises RuleViolation if the council has one."""
    authorise(staff, Action.MANAGE_PLAN, council, now)
    _check_year(year)
    try:
        with transaction.atomic():
            plan = AutonomyPlan.objects.create(council=council, year=year)
            audit.record(
                actor=staff,
                action="plans.plan_create",
                target=plan,
                changes={"year": [None, year]},
                ip=ip,
                now=now,
            )
    except IntegrityError:
        raise RuleViolation(
            _("The council already has a plan for %(year)d.") % {"year": year},
            code="exists",
            field="year",
        ) from None
    return plan


@dataclass(frozen=True)
class FromAgendaReport:
    plan: AutonomyPlan
    created: list[Project]


def plan_from_agenda(
    *,
    council: Council,
    year: int,
    staff: Any,
    now: datetime,
    ip: str | None,
    programme: str,
    budget_source: str,
) -> FromAgendaReport:
    """Turn every agenda item the assembly passed for `year` into a project of the plan.

    The plan is created as a draft if the council has none for `year`. Each item becomes
    one project (title, description, budget = estimated cost, section, 1 March to 30 November)
    and is marked `planned`; running it again adds only items passed since.
    """
    authorise(staff, Action.MANAGE_PLAN, council, now)
    _check_year(year)
    plan = AutonomyPlan.objects.filter(council=council, year=year).first()
    if plan is None:
        plan = create_plan(council=council, year=year, staff=staff, now=now, ip=ip)
    require_draft(plan)
    start, end = default_schedule(year)
    created: list[Project] = []
    with transaction.atomic():
        items = list(
            AgendaItem.objects.select_for_update(of=("self",))
            .filter(council=council, year=year, status=AgendaStatus.PASSED, project__isnull=True)
            .select_related("section")
            .order_by("pk")
        )
        for item in items:
            project = add_project(
                plan=plan,
                title=item.title,
                description=item.description,
                programme=programme,
                budget_source=budget_source,
                budget=item.estimated_cost,
                section=item.section,
                starts_on=start,
                ends_on=end,
                agenda_item=item,
                staff=staff,
                now=now,
                ip=ip,
            )
            AgendaItem.objects.filter(pk=item.pk).update(status=AgendaStatus.PLANNED)
            audit.record(
                actor=staff,
                action="councils.agenda_planned",
                target=item,
                changes={"status": [AgendaStatus.PASSED, AgendaStatus.PLANNED]},
                ip=ip,
                now=now,
            )
            created.append(project)
    return FromAgendaReport(plan=plan, created=created)


def _move_plan(
    plan: AutonomyPlan,
    *,
    to: PlanStatus,
    refusal: RuleViolation,
    fields: dict[str, Any],
    action: str,
    staff: Any,
    now: datetime,
    ip: str | None,
) -> AutonomyPlan:
    """Move a plan on from the status it was read in, or raise `refusal` if it has moved.

    The UPDATE is conditional on that status, so two staff members acting at once cannot
    both submit (or approve) it.
    """
    before = plan.status
    with transaction.atomic():
        moved = AutonomyPlan.objects.filter(pk=plan.pk, status=before).update(status=to, **fields)
        if not moved:
            raise refusal
        audit.record(
            actor=staff,
            action=action,
            target=plan,
            changes={"status": [before, to]},
            ip=ip,
            now=now,
        )
    plan.refresh_from_db()
    return plan


# Who may take each step of a plan: the views ask the same question before offering it.
SUBMIT_ACTION = Action.MANAGE_PLAN
REVIEW_ACTION = Action.APPROVE_PLAN


def submit_plan(*, plan: AutonomyPlan, staff: Any, now: datetime, ip: str | None) -> AutonomyPlan:
    """Submit a draft plan with at least one project to the district (자치계획 제출)."""
    authorise(staff, SUBMIT_ACTION, plan, now)
    submitted = RuleViolation(_("The plan has already been submitted."), code="submitted")
    if not plan.is_draft:
        raise submitted
    if not plan.projects.exists():
        raise RuleViolation(_("Add the plan's projects before submitting it."), code="empty")
    return _move_plan(
        plan,
        to=PlanStatus.SUBMITTED,
        refusal=submitted,
        fields={"submitted_at": now},
        action="plans.plan_submit",
        staff=staff,
        now=now,
        ip=ip,
    )


def approve_plan(*, plan: AutonomyPlan, staff: Any, now: datetime, ip: str | None) -> AutonomyPlan:
    """Approve a submitted plan; its projects may then be executed."""
    authorise(staff, REVIEW_ACTION, plan, now)
    refusal = RuleViolation(_("Only a submitted plan can be approved."), code="not_submitted")
    if not plan.is_submitted:
        raise refusal
    return _move_plan(
        plan,
        to=PlanStatus.APPROVED,
        refusal=refusal,
        fields={"approved_at": now},
        action="plans.plan_approve",
        staff=staff,
        now=now,
        ip=ip,
    )


def return_plan(*, plan: AutonomyPlan, staff: Any, now: datetime, ip: str | None) -> AutonomyPlan:
    """Send a submitted plan back to draft, so that its projects can be corrected."""
    authorise(staff, REVIEW_ACTION, plan, now)
    refusal = RuleViolation(_("Only a submitted plan can be sent back."), code="not_submitted")
    if not plan.is_submitted:
        raise refusal
    return _move_plan(
        plan,
        to=PlanStatus.DRAFT,
        refusal=refusal,
        fields={"submitted_at": None},
        action="plans.plan_return",
        staff=staff,
        now=now,
        ip=ip,
    )
