"""Writing a council's plan (자치계획, 지역사회혁신계획): its projects, submission and approval.

The assembly of one year votes on the agenda "for the year" of the next plan; the items
it passed (`AgendaStatus.PASSED`, `AgendaItem.year` = the plan's year) become the plan's
projects, each once (`Project.agenda_item` is one-to-one), and the item becomes `planned`.
Projects are added and changed only while the plan is a draft; once submitted, the plan is
what the district reviews, and once approved it is executed.
"""

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from maeul.core import audit
from maeul.core.errors import RuleViolation
from maeul.core.permissions import Action, can
from maeul.core.privacy import refuse_resident_number
from maeul.councils.models import AgendaItem, AgendaStatus, Council, Section
from maeul.plans.models import (
    AutonomyPlan,
    BudgetSource,
    PlanStatus,
    Programme,
    Project,
    ProjectStatus,
)

PROJECT_FIELDS = [
    "title",
    "description",
    "programme",
    "budget_source",
    "budget",
    "section",
    "starts_on",
    "ends_on",
    "status",
    "outcome",
]
# Which status may follow which: a cancelled project stays cancelled (its spending stays
# on record); a finished one may be reopened when a late invoice or a correction comes.
STATUS_CHANGES: dict[str, set[str]] = {
    ProjectStatus.PLANNED: {ProjectStatus.IN_PROGRESS, ProjectStatus.CANCELLED},
    ProjectStatus.IN_PROGRESS: {ProjectStatus.DONE, ProjectStatus.CANCELLED},
    ProjectStatus.DONE: {ProjectStatus.IN_PROGRESS},
    ProjectStatus.CANCELLED: set(),
}
YEAR_MIN, YEAR_MAX = 2000, 2100


def default_schedule(year: int) -> tuple[date, date]:
    """The usual execution period of a dong's projects: 1 March to 30 November."""
    return date(year, 3, 1), date(year, 11, 30)


def _authorise(
    staff: Any,
    target: Council | AutonomyPlan | Project,
    now: datetime,
    action: Action = Action.MANAGE_PLAN,
) -> None:
    decision = can(staff, action, target, now=now)
    if not decision:
        raise RuleViolation(decision.reason, code="forbidden")


def _require_draft(plan: AutonomyPlan) -> None:
    if plan.status != PlanStatus.DRAFT:
        raise RuleViolation(
            _("The plan has been submitted: its projects can no longer change."), code="frozen"
        )


def _check_year(year: int) -> None:
    if not YEAR_MIN <= year <= YEAR_MAX:
        raise RuleViolation(_("Enter a year between 2000 and 2100."), code="year")


def create_plan(
    *, council: Council, year: int, staff: Any, now: datetime, ip: str | None
) -> AutonomyPlan:
    """A draft plan of `council` for `year`; raises RuleViolation if the council has one."""
    _authorise(staff, council, now)
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
            _("The council already has a plan for %(year)d.") % {"year": year}, code="exists"
        ) from None
    return plan


def _plan_of(
    council: Council, year: int, staff: Any, now: datetime, ip: str | None
) -> AutonomyPlan:
    plan = AutonomyPlan.objects.filter(council=council, year=year).first()
    if plan is None:
        plan = create_plan(council=council, year=year, staff=staff, now=now, ip=ip)
    return plan


def _check_project(
    *,
    plan: AutonomyPlan,
    title: str,
    budget: int,
    section: Section | None,
    starts_on: date,
    ends_on: date,
    programme: str,
    budget_source: str,
) -> None:
    if not title.strip():
        raise RuleViolation(_("Enter the project's name."), code="title")
    if isinstance(budget, bool) or not isinstance(budget, int) or budget < 0:
        raise RuleViolation(
            _("The budget must be a whole number of won, 0 or more."), code="budget"
        )
    if programme not in Programme.values:
        raise RuleViolation(_("Choose the project's programme."), code="programme")
    if budget_source not in BudgetSource.values:
        raise RuleViolation(_("Choose the budget source."), code="budget_source")
    if section is not None and section.council_id != plan.council_id:
        raise RuleViolation(_("The section is not one of this council's."), code="section")
    if ends_on < starts_on:
        raise RuleViolation(_("The project must end after it starts."), code="schedule")
    if starts_on.year != plan.year or ends_on.year != plan.year:
        raise RuleViolation(
            _("The schedule must lie within the fiscal year %(year)d.") % {"year": plan.year},
            code="schedule",
        )


def add_project(
    *,
    plan: AutonomyPlan,
    title: str,
    programme: str,
    budget_source: str,
    budget: int,
    staff: Any,
    now: datetime,
    ip: str | None,
    description: str = "",
    section: Section | None = None,
    starts_on: date | None = None,
    ends_on: date | None = None,
    agenda_item: AgendaItem | None = None,
) -> Project:
    """A project typed in by staff into a draft plan (budget in whole won)."""
    _authorise(staff, plan, now)
    _require_draft(plan)
    refuse_resident_number(title, description)
    default_start, default_end = default_schedule(plan.year)
    starts_on, ends_on = starts_on or default_start, ends_on or default_end
    _check_project(
        plan=plan,
        title=title,
        budget=budget,
        section=section,
        starts_on=starts_on,
        ends_on=ends_on,
        programme=programme,
        budget_source=budget_source,
    )
    council = plan.council
    with transaction.atomic():
        project = Project.objects.create(
            plan=plan,
            district_id=council.district_id,
            dong_id=council.dong_id,
            year=plan.year,
            title=title.strip()[:200],
            description=description.strip(),
            programme=programme,
            budget_source=budget_source,
            budget=budget,
            section=section,
            agenda_item=agenda_item,
            starts_on=starts_on,
            ends_on=ends_on,
        )
        audit.record(
            actor=staff,
            action="plans.project_add",
            target=project,
            changes=audit.diff({}, audit.snapshot(project, PROJECT_FIELDS)),
            ip=ip,
            now=now,
        )
    return project


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
    _authorise(staff, council, now)
    _check_year(year)
    plan = _plan_of(council, year, staff, now, ip)
    _require_draft(plan)
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


def change_project(
    *,
    project: Project,
    staff: Any,
    now: datetime,
    ip: str | None,
    **fields: Any,
) -> Project:
    """Change a project of a draft plan (name, description, programme, source, budget,
    section, schedule)."""
    _authorise(staff, project, now)
    _require_draft(project.plan)
    allowed = set(PROJECT_FIELDS) - {"status", "outcome"}
    unknown = set(fields) - allowed
    if unknown:
        raise ValueError(f"not a project field: {sorted(unknown)}")
    refuse_resident_number(*(value for value in fields.values() if isinstance(value, str)))
    before = audit.snapshot(project, PROJECT_FIELDS)
    for name, value in fields.items():
        setattr(project, name, value)
    _check_project(
        plan=project.plan,
        title=project.title,
        budget=project.budget,
        section=project.section,
        starts_on=project.starts_on,
        ends_on=project.ends_on,
        programme=project.programme,
        budget_source=project.budget_source,
    )
    with transaction.atomic():
        project.title = project.title.strip()[:200]
        project.save(update_fields=[*fields.keys()])
        audit.record(
            actor=staff,
            action="plans.project_change",
            target=project,
            changes=audit.diff(before, audit.snapshot(project, PROJECT_FIELDS)),
            ip=ip,
            now=now,
        )
    return project


def _move_plan(
    plan: AutonomyPlan,
    *,
    to: str,
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


def submit_plan(*, plan: AutonomyPlan, staff: Any, now: datetime, ip: str | None) -> AutonomyPlan:
    """Submit a draft plan with at least one project to the district (자치계획 제출)."""
    _authorise(staff, plan, now)
    submitted = RuleViolation(_("The plan has already been submitted."), code="submitted")
    if plan.status != PlanStatus.DRAFT:
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
    _authorise(staff, plan, now, Action.APPROVE_PLAN)
    refusal = RuleViolation(_("Only a submitted plan can be approved."), code="not_submitted")
    if plan.status != PlanStatus.SUBMITTED:
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
    _authorise(staff, plan, now, Action.APPROVE_PLAN)
    refusal = RuleViolation(_("Only a submitted plan can be sent back."), code="not_submitted")
    if plan.status != PlanStatus.SUBMITTED:
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


def change_project_status(
    *, project: Project, status: str, staff: Any, now: datetime, ip: str | None
) -> Project:
    """Move a project along planned → in progress → done (or cancelled)."""
    _authorise(staff, project, now)
    if status not in ProjectStatus.values:
        raise RuleViolation(_("Choose the project's status."), code="status")
    if status == project.status:
        return project
    if status not in STATUS_CHANGES[project.status]:
        raise RuleViolation(
            _("A project that is “%(old)s” cannot become “%(new)s”.")
            % {"old": project.get_status_display(), "new": ProjectStatus(status).label},
            code="status",
        )
    if project.plan.status == PlanStatus.DRAFT and status != ProjectStatus.CANCELLED:
        raise RuleViolation(
            _("The plan is still being written. Submit it before starting its projects."),
            code="draft_plan",
        )
    old = project.status
    with transaction.atomic():
        Project.objects.filter(pk=project.pk).update(status=status)
        project.status = status
        audit.record(
            actor=staff,
            action="plans.project_status",
            target=project,
            changes={"status": [old, status]},
            ip=ip,
            now=now,
        )
    return project


def write_outcome(
    *, project: Project, outcome: str, staff: Any, now: datetime, ip: str | None
) -> Project:
    """The project's outcome (성과) as shown at the results sharing."""
    _authorise(staff, project, now)
    outcome = outcome.strip()
    refuse_resident_number(outcome)
    if len(outcome) > 5000:
        raise RuleViolation(_("Write the outcome in at most 5,000 characters."), code="outcome")
    old = project.outcome
    if outcome == old:
        return project
    with transaction.atomic():
        Project.objects.filter(pk=project.pk).update(outcome=outcome)
        project.outcome = outcome
        audit.record(
            actor=staff,
            action="plans.project_outcome",
            target=project,
            changes={"outcome": [old, outcome]},
            ip=ip,
            now=now,
        )
    return project
