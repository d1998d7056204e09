"""The one budget rule of spending entries: a source's budget line is its limit.

An entry (a commitment 원인행위 or a payment 지출) may not take what its source is spoken
for (paid, or committed when more is committed: `SourceFigures.used`) past the source's
budget. A project without a split has one source, so this is also the project's budget.
Going over needs district staff to confirm it with a reason (`CONFIRM_OVER_BUDGET`); the
audit log keeps who and why. Closed accounts (정산 done) and a project carried over (이월) take no entries at all.
"""

from datetime import datetime
from typing import Any

from django.db.models import Sum
from django.utils.translation import gettext as _

from maeul.core.errors import RuleViolation
from maeul.core.money import format_won
from maeul.core.permissions import Action, enforce
from maeul.core.texts import required_text
from maeul.plans.funding import SourceFigures, budget_by_source
from maeul.plans.models import BudgetSource, EntryKind, Project, ProjectStatus

REASON_MAX = 300


def require_open(project: Project) -> None:
    """Refuse entries on a cancelled project or one whose accounts are closed."""
    if project.status == ProjectStatus.CANCELLED:
        raise RuleViolation(
            _("The project is cancelled: no spending can be added."), code="cancelled"
        )
    if project.closed_at is not None:
        raise RuleViolation(
            _("The project's accounts are closed: its spending can no longer change."),
            code="closed",
        )
    if Project.objects.filter(carried_from=project).exists():
        raise RuleViolation(
            _(
                "The project's unspent budget was carried over: record its spending on "
                "next year's project."
            ),
            code="carried",
        )


def source_use(project: Project, source: str, *, leave_out: int | None = None) -> SourceFigures:
    """The source's budget, committed and spent now, without entry `leave_out` (two queries)."""
    entries = project.spending.filter(source=source)
    if leave_out is not None:
        entries = entries.exclude(pk=leave_out)
    sums = dict(entries.order_by().values_list("kind").annotate(total=Sum("amount")))
    return SourceFigures(
        source=source,
        budget=budget_by_source(project).get(source, 0),
        committed=sums.get(EntryKind.COMMITMENT, 0),
        spent=sums.get(EntryKind.PAYMENT, 0),
    )


def with_entry(figures: SourceFigures, kind: str, amount: int) -> SourceFigures:
    if kind == EntryKind.COMMITMENT:
        return SourceFigures(
            figures.source, figures.budget, figures.committed + amount, figures.spent
        )
    return SourceFigures(figures.source, figures.budget, figures.committed, figures.spent + amount)


def confirmed_reason(
    *,
    project: Project,
    before: SourceFigures,
    after: SourceFigures,
    over_budget_reason: str,
    confirmed_by: Any,
    now: datetime,
) -> str:
    """The reason to store when the entry takes its source past its budget (and further
    than it already was); refuses, nothing stored, without a district confirmation."""
    if after.used <= after.budget or after.used <= before.used:
        return ""
    if confirmed_by is None:
        raise RuleViolation(
            _(
                "This entry would take the project's %(source)s budget over its amount "
                "(%(used)s of %(budget)s). District staff must confirm it with a reason."
            )
            % {
                "source": BudgetSource(after.source).label,
                "used": format_won(after.used),
                "budget": format_won(after.budget),
            },
            code="over_budget",
            field="confirm_over_budget",
        )
    enforce(
        confirmed_by,
        Action.CONFIRM_OVER_BUDGET,
        project,
        now=now,
        code="confirm_forbidden",
        field="confirm_over_budget",
    )
    reason = required_text(
        over_budget_reason,
        field="over_budget_reason",
        code="over_budget_reason",
        missing=_("Give the reason for going over the budget."),
    )
    if len(reason) > REASON_MAX:
        raise RuleViolation(
            _("Write the reason in at most 300 characters."),
            code="reason",
            field="over_budget_reason",
        )
    return reason
