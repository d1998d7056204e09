"""A project's budget by source: the split (재원별 예산), the carry-over of what was not
spent to the next fiscal year (이월), and the closing of its accounts (정산·반납).

- `split_budget`: while the plan is a draft, the budget split among sources; the project's
  budget becomes their sum and its `budget_source` the largest one (the tables' 재원).
- `carry_over`: once per project, what each source has not paid out (budget - spent)
  becomes a project of the council's next-year plan, one budget line per source, each
  linked to the original project (`BudgetLine.carried_from`, `Project.carried_from`).
- `close_accounts`: once the fiscal year is over (or the project is done or cancelled),
  per source budget, spent, carried over and 반납액 = budget - spent - carried over are
  recorded (`ClosingLine`); the project then takes no more entries.
"""

from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from maeul.core import audit
from maeul.core.errors import RuleViolation, refuse_duplicate
from maeul.core.permissions import Action, enforce
from maeul.plans.funding import source_figures
from maeul.plans.models import (
    AutonomyPlan,
    BudgetLine,
    BudgetSource,
    ClosingLine,
    Project,
    ProjectStatus,
)
from maeul.plans.services.projects import default_schedule, require_draft


def _amount(value: object, source: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise RuleViolation(
            _("The budget must be a whole number of won, 0 or more."),
            code="budget",
            field=f"source_{source}",
        )
    return value


def split_budget(
    *, project: Project, amounts: dict[str, int], staff: Any, now: datetime, ip: str | None
) -> Project:
    """Split the budget of a draft plan's project among sources (whole won, 0 leaves one out)."""
    enforce(staff, Action.MANAGE_PLAN, project, now=now)
    require_draft(project.plan)
    if project.carried_from_id is not None:
        raise RuleViolation(
            _("A carried-over budget keeps the sources it came from."), code="carried"
        )
    for source in amounts:
        if source not in BudgetSource.values:
            raise RuleViolation(_("Choose the budget source."), code="source", field="source")
    lines = {source: _amount(value, source) for source, value in amounts.items() if value != 0}
    if not lines:
        raise RuleViolation(
            _("Give at least one source an amount."), code="empty", field="source_city"
        )
    before = dict(project.budget_lines.values_list("source", "amount")) or {
        project.budget_source: project.budget
    }
    main = max(lines, key=lambda source: (lines[source], -BudgetSource.values.index(source)))
    with transaction.atomic():
        project.budget_lines.all().delete()
        BudgetLine.objects.bulk_create(
            BudgetLine(project=project, source=source, amount=amount)
            for source, amount in lines.items()
        )
        project.budget, project.budget_source = sum(lines.values()), main
        project.save(update_fields=["budget", "budget_source"])
        audit.record(
            actor=staff,
            action="plans.budget_split",
            target=project,
            changes={"budget_by_source": [before, lines]},
            ip=ip,
            now=now,
        )
    return project


def carry_over(*, project: Project, staff: Any, now: datetime, ip: str | None) -> Project:
    """이월: the unspent budget of each source becomes a project of next year's plan."""
    enforce(staff, Action.MANAGE_PLAN, project, now=now)
    if project.closed_at is not None:
        raise RuleViolation(
            _("The project's accounts are closed: nothing can be carried over."), code="closed"
        )
    if Project.objects.filter(carried_from=project).exists():
        raise RuleViolation(_("The project has already been carried over."), code="carried")
    year = project.year + 1
    plan = AutonomyPlan.objects.filter(council_id=project.plan.council_id, year=year).first()
    if plan is None:
        raise RuleViolation(
            _("Start the council's %(year)d plan first: the carried-over budget goes there.")
            % {"year": year},
            code="no_plan",
        )
    unspent = {row.source: row.left for row in source_figures(project) if row.left > 0}
    if not unspent:
        raise RuleViolation(_("Nothing is left to carry over."), code="nothing")
    starts_on, ends_on = default_schedule(year)
    # The database refuses a second carry-over made at the same moment by someone else.
    with refuse_duplicate(_("The project has already been carried over."), code="carried"):
        carried = Project.objects.create(
            plan=plan,
            district_id=project.district_id,
            dong_id=project.dong_id,
            year=year,
            title=(_("%(title)s (carried over)") % {"title": project.title})[:200],
            description=project.description,
            programme=project.programme,
            budget_source=max(unspent, key=lambda source: unspent[source]),
            budget=sum(unspent.values()),
            section=project.section,
            starts_on=starts_on,
            ends_on=ends_on,
            carried_from=project,
        )
        BudgetLine.objects.bulk_create(
            BudgetLine(project=carried, source=source, amount=amount, carried_from=project)
            for source, amount in unspent.items()
        )
        audit.record(
            actor=staff,
            action="plans.carry_over",
            target=project,
            changes={"carried_to": [None, carried.pk], "budget_by_source": [None, unspent]},
            ip=ip,
            now=now,
        )
    return carried


def close_accounts(
    *, project: Project, staff: Any, now: datetime, ip: str | None
) -> list[ClosingLine]:
    """정산: record, per source, budget, spent, carried over and 반납액; then no more entries."""
    enforce(staff, Action.MANAGE_PLAN, project, now=now)
    if project.closed_at is not None:
        raise RuleViolation(_("The project's accounts are already closed."), code="closed")
    finished = project.status in (ProjectStatus.DONE, ProjectStatus.CANCELLED)
    if not finished and timezone.localdate(now).year <= project.year:
        raise RuleViolation(
            _(
                "The accounts close once the project is done or cancelled, "
                "or once the fiscal year %(year)d is over."
            )
            % {"year": project.year},
            code="too_early",
        )
    carried = dict(BudgetLine.objects.filter(carried_from=project).values_list("source", "amount"))
    lines = [
        ClosingLine(
            project=project,
            source=row.source,
            budget=row.budget,
            spent=row.spent,
            carried_over=carried.get(row.source, 0),
            returned=max(0, row.budget - row.spent - carried.get(row.source, 0)),
            closed_by=staff,
            closed_at=now,
        )
        for row in source_figures(project)
    ]
    with transaction.atomic():
        updated = Project.objects.filter(pk=project.pk, closed_at__isnull=True).update(
            closed_at=now
        )
        if not updated:
            raise RuleViolation(_("The project's accounts are already closed."), code="closed")
        ClosingLine.objects.bulk_create(lines)
        audit.record(
            actor=staff,
            action="plans.close_accounts",
            target=project,
            changes={"returned": [None, {line.source: line.returned for line in lines}]},
            ip=ip,
            now=now,
        )
    project.closed_at = now
    return lines
