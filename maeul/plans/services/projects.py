"""A plan's projects (실행사업): typed in or changed while the plan is a draft, then moved
along their statuses and given an outcome for the results sharing (성과공유)."""

from datetime import date, datetime
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from maeul.core import audit
from maeul.core.errors import RuleViolation
from maeul.core.permissions import Action, enforce
from maeul.core.privacy import refuse_resident_number
from maeul.councils.models import AgendaItem, Section
from maeul.plans.models import (
    AutonomyPlan,
    BudgetSource,
    Programme,
    Project,
    ProjectStatus,
)
from maeul.voting.models import Option

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
OUTCOME_MAX = 5000


def default_schedule(year: int) -> tuple[date, date]:
    """The usual execution period of a dong's projects: 1 March to 30 November."""
    return date(year, 3, 1), date(year, 11, 30)


def require_draft(plan: AutonomyPlan) -> None:
    if not plan.is_draft:
        raise RuleViolation(
            _("The plan has been submitted: its projects can no longer change."), code="frozen"
        )


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
        raise RuleViolation(_("Enter the project's name."), code="title", field="title")
    if isinstance(budget, bool) or not isinstance(budget, int) or budget < 0:
        raise RuleViolation(
            _("The budget must be a whole number of won, 0 or more."),
            code="budget",
            field="budget",
        )
    if programme not in Programme.values:
        raise RuleViolation(
            _("Choose the project's programme."), code="programme", field="programme"
        )
    if budget_source not in BudgetSource.values:
        raise RuleViolation(
            _("Choose the budget source."), code="budget_source", field="budget_source"
        )
    if section is not None and section.council_id != plan.council_id:
        raise RuleViolation(
            _("The section is not one of this council's."), code="section", field="section"
        )
    if ends_on < starts_on:
        raise RuleViolation(
            _("The project must end after it starts."), code="schedule", field="ends_on"
        )
    if starts_on.year != plan.year or ends_on.year != plan.year:
        raise RuleViolation(
            _("The schedule must lie within the fiscal year %(year)d.") % {"year": plan.year},
            code="schedule",
            field="starts_on" if starts_on.year != plan.year else "ends_on",
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
    origin_option: Option | None = None,
) -> Project:
    """A project typed in by staff into a draft plan (budget in whole won), or made from an
    agenda item or a vote's winning option."""
    enforce(staff, Action.MANAGE_PLAN, plan, now=now)
    require_draft(plan)
    refuse_resident_number(title=title, description=description)
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
            origin_option=origin_option,
            origin_vote_id=origin_option.vote_id if origin_option else None,
            starts_on=starts_on,
            ends_on=ends_on,
        )
        audit.record_created(
            project, PROJECT_FIELDS, actor=staff, action="plans.project_add", ip=ip, now=now
        )
    return project


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
    enforce(staff, Action.MANAGE_PLAN, project, now=now)
    require_draft(project.plan)
    allowed = set(PROJECT_FIELDS) - {"status", "outcome"}
    unknown = set(fields) - allowed
    if unknown:
        raise ValueError(f"not a project field: {sorted(unknown)}")
    refuse_resident_number(
        **{name: value for name, value in fields.items() if isinstance(value, str)}
    )
    moved = any(
        fields.get(name, getattr(project, name)) != getattr(project, name)
        for name in ("budget", "budget_source")
    )
    if moved and project.budget_lines.exists():
        raise RuleViolation(
            _("The budget is split by source: change the split instead."),
            code="split",
            field="budget",
        )
    with (
        transaction.atomic(),
        audit.changing(
            project, PROJECT_FIELDS, actor=staff, action="plans.project_change", ip=ip, now=now
        ),
    ):
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
        project.title = project.title.strip()[:200]
        project.save(update_fields=[*fields.keys()])
    return project


def change_project_status(
    *, project: Project, status: str, staff: Any, now: datetime, ip: str | None
) -> Project:
    """Move a project along planned → in progress → done (or cancelled)."""
    enforce(staff, Action.MANAGE_PLAN, project, now=now)
    if status not in ProjectStatus.values:
        raise RuleViolation(_("Choose the project's status."), code="status", field="status")
    if status == project.status:
        return project
    if status not in STATUS_CHANGES[project.status]:
        raise RuleViolation(
            _("A project that is “%(old)s” cannot become “%(new)s”.")
            % {"old": project.get_status_display(), "new": ProjectStatus(status).label},
            code="status",
            field="status",
        )
    if project.plan.is_draft and status != ProjectStatus.CANCELLED:
        raise RuleViolation(
            _("The plan is still being written. Submit it before starting its projects."),
            code="draft_plan",
            field="status",
        )
    return _set(
        project, "status", status, audit_action="plans.project_status", staff=staff, now=now, ip=ip
    )


def write_outcome(
    *, project: Project, outcome: str, staff: Any, now: datetime, ip: str | None
) -> Project:
    """The project's outcome (성과) as shown at the results sharing."""
    enforce(staff, Action.MANAGE_PLAN, project, now=now)
    outcome = outcome.strip()
    refuse_resident_number(outcome=outcome)
    if len(outcome) > OUTCOME_MAX:
        raise RuleViolation(
            _("Write the outcome in at most 5,000 characters."), code="outcome", field="outcome"
        )
    if outcome == project.outcome:
        return project
    return _set(
        project,
        "outcome",
        outcome,
        audit_action="plans.project_outcome",
        staff=staff,
        now=now,
        ip=ip,
    )


def _set(
    project: Project,
    field: str,
    value: str,
    *,
    audit_action: str,
    staff: Any,
    now: datetime,
    ip: str | None,
) -> Project:
    """Change one field of a project and audit it, in one transaction."""
    old = getattr(project, field)
    with transaction.atomic():
        Project.objects.filter(pk=project.pk).update(**{field: value})
        setattr(project, field, value)
        audit.record(
            actor=staff,
            action=audit_action,
            target=project,
            changes={field: [old, value]},
            ip=ip,
            now=now,
        )
    return project
