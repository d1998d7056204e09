"""The money trail of projects by budget source (재원별 집행현황), read as of a day.

Per source: the budget line, 원인행위액 (committed: contracts and orders signed), 지출액
(spent: payments), 집행률 = spent ÷ budget, and a year-end forecast. The forecast is the
simple one: spent so far plus what is committed but not paid yet (never a linear
projection, which would guess at money nobody has promised). A project without budget
lines is funded wholly by its `budget_source`.

Reads a fixed number of queries for any number of projects (`figures_by_project`).
"""

from collections import defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from fractions import Fraction

from django.db.models import QuerySet, Sum
from django.utils.translation import gettext as _

from maeul.core.errors import RuleViolation
from maeul.plans.models import BudgetLine, BudgetSource, EntryKind, Project, SpendingEntry


@dataclass(frozen=True)
class SourceFigures:
    """One source of one project: budget, committed and spent in won."""

    source: str
    budget: int
    committed: int = 0
    spent: int = 0
    carried_in: bool = False

    @property
    def label(self) -> str:
        return str(BudgetSource(self.source).label)

    @property
    def uncommitted_payments(self) -> int:
        """Payments made without a recorded commitment (small purchases paid at once)."""
        return max(0, self.spent - self.committed)

    @property
    def used(self) -> int:
        """What the source is spoken for: paid, or committed when more is committed."""
        return max(self.spent, self.committed)

    @property
    def left(self) -> int:
        """잔액: the budget not yet paid out."""
        return self.budget - self.spent

    @property
    def forecast(self) -> int:
        """Year-end forecast: spent so far plus committed and not yet paid."""
        return self.used

    @property
    def execution_rate(self) -> Fraction | None:
        return Fraction(self.spent, self.budget) if self.budget else None

    @property
    def forecast_rate(self) -> Fraction | None:
        return Fraction(self.forecast, self.budget) if self.budget else None


@dataclass(frozen=True)
class Totals:
    budget: int
    committed: int
    spent: int
    forecast: int

    @property
    def execution_rate(self) -> Fraction | None:
        return Fraction(self.spent, self.budget) if self.budget else None

    @property
    def left(self) -> int:
        return self.budget - self.spent


def totals(figures: Iterable[SourceFigures]) -> Totals:
    rows = list(figures)
    return Totals(
        budget=sum(row.budget for row in rows),
        committed=sum(row.committed for row in rows),
        spent=sum(row.spent for row in rows),
        forecast=sum(row.forecast for row in rows),
    )


def budget_by_source(project: Project) -> dict[str, int]:
    """The project's budget per source, in the order of `BudgetSource` (one query)."""
    lines = dict(BudgetLine.objects.filter(project=project).values_list("source", "amount"))
    return _ordered(lines or {project.budget_source: project.budget})


def _ordered(amounts: Mapping[str, int]) -> dict[str, int]:
    return {source: amounts[source] for source in BudgetSource.values if source in amounts}


def figures_by_project(
    projects: Iterable[Project], *, as_of: date | None = None
) -> dict[int, list[SourceFigures]]:
    """Each project's figures by source, counting entries dated up to `as_of` (all when None).

    Two queries whatever the number of projects; a source that has entries but no budget
    line is listed with a budget of 0.
    """
    by_pk = {project.pk: project for project in projects}
    lines: dict[int, dict[str, int]] = defaultdict(dict)
    carried: dict[int, set[str]] = defaultdict(set)
    for project_id, source, amount, origin in BudgetLine.objects.filter(
        project_id__in=by_pk
    ).values_list("project_id", "source", "amount", "carried_from_id"):
        lines[project_id][source] = amount
        if origin is not None:
            carried[project_id].add(source)
    entries = SpendingEntry.objects.filter(project_id__in=by_pk)
    if as_of is not None:
        entries = entries.filter(spent_on__lte=as_of)
    sums: dict[tuple[int, str, str], int] = {
        (project_id, source, kind): total
        for project_id, source, kind, total in entries.order_by()
        .values_list("project_id", "source", "kind")
        .annotate(total=Sum("amount"))
    }
    result: dict[int, list[SourceFigures]] = {}
    for pk, project in by_pk.items():
        budgets = dict(lines.get(pk) or {project.budget_source: project.budget})
        for project_id, source, _kind in sums:
            if project_id == pk:
                budgets.setdefault(source, 0)
        result[pk] = [
            SourceFigures(
                source=source,
                budget=amount,
                committed=sums.get((pk, source, EntryKind.COMMITMENT), 0),
                spent=sums.get((pk, source, EntryKind.PAYMENT), 0),
                carried_in=source in carried[pk],
            )
            for source, amount in _ordered(budgets).items()
        ]
    return result


def trail_by_project(projects: QuerySet[Project], *, as_of: date) -> dict[int, Totals]:
    """Committed, spent and forecast of each of `projects` from the entries up to `as_of`
    (one query; the budget is left at 0: the tables read it from the projects)."""
    by_source: dict[int, dict[str, SourceFigures]] = defaultdict(dict)
    rows = (
        SpendingEntry.objects.filter(project__in=projects.values("pk"), spent_on__lte=as_of)
        .order_by()
        .values_list("project_id", "source", "kind")
        .annotate(total=Sum("amount"))
    )
    for project_id, source, kind, total in rows:
        known = by_source[project_id].get(source) or SourceFigures(source=source, budget=0)
        paid, promised = (total, 0) if kind == EntryKind.PAYMENT else (0, total)
        by_source[project_id][source] = SourceFigures(
            source, 0, known.committed + promised, known.spent + paid
        )
    return {pk: totals(figures.values()) for pk, figures in by_source.items()}


def source_figures(project: Project, *, as_of: date | None = None) -> list[SourceFigures]:
    return figures_by_project([project], as_of=as_of)[project.pk]


def parse_as_of(value: str | None, *, today: date) -> tuple[date | None, str]:
    """`?as_of=YYYY-MM-DD` read: (the day or None for today, a Korean message when refused).

    A malformed date, or one in the future, is refused: the table is today's.
    """
    if not value:
        return None, ""
    try:
        day = date.fromisoformat(value.strip())
    except ValueError:
        return None, _("The reference date must be written as YYYY-MM-DD; today's table is shown.")
    if len(value.strip()) != len("2026-01-01"):
        return None, _("The reference date must be written as YYYY-MM-DD; today's table is shown.")
    if day > today:
        return None, _("The reference date cannot be in the future; today's table is shown.")
    return day, ""


def require_source(source: str, *, field: str = "source") -> str:
    if source not in BudgetSource.values:
        raise RuleViolation(_("Choose the budget source."), code="source", field=field)
    return source
