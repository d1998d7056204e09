"""Accountability tables (예산액 / 집행액 / 집행률): rows and totals, per council, dong, district, year.

One query reads the projects' own columns (`Project.spent` is already the exact sum of
their spending), and every subtotal is added up here in Python from those rows, so a page
of 15 dongs by 100 projects costs the same number of queries as a page of one project.
The page, the XLSX and CSV exports and the API read the same rows, so their totals agree.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from decimal import Decimal
from fractions import Fraction
from typing import Any, Final

from django.db.models import F, QuerySet
from django.utils.translation import gettext_lazy as _

from maeul.core.money import rate_in_percent
from maeul.core.narrowing import narrowed
from maeul.core.query import as_params, one_of, place_code, whole_number
from maeul.plans.funding import trail_by_project
from maeul.plans.models import (
    BudgetSource,
    Programme,
    Project,
    ProjectStatus,
)

WHOLE_DISTRICT: Final = _("Whole district")

ROW_FIELDS: Final = (
    "pk",
    "title",
    "year",
    "district__code",
    "district__name",
    "dong__code",
    "dong__name",
    "plan__council_id",
    "plan__council__name",
    "programme",
    "budget_source",
    "section__name",
    "status",
    "budget",
    "spent",
)


def public_projects() -> QuerySet[Project]:
    """Projects anyone may see: those of submitted and approved plans."""
    return Project.objects.public()


# --- Filters ---------------------------------------------------------------------------
@dataclass(frozen=True)
class AccountabilityFilter:
    """Which projects a table shows; empty fields do not narrow it."""

    district: str | None = None  # District.code
    dong: str | None = None  # Dong.code
    council: int | None = None  # Council.pk
    year: int | None = None
    programme: str | None = None  # Programme value

    def as_params(self) -> dict[str, str]:
        """The query string of this filter (for export links and pages)."""
        return as_params(
            {
                "district": self.district,
                "dong": self.dong,
                "council": self.council,
                "year": self.year,
                "programme": self.programme,
            }
        )


def parse_filter(params: Mapping[str, Any]) -> AccountabilityFilter:
    """Read a filter from query parameters; a value that is not understood is dropped."""

    def get(key: str) -> str | None:
        value = params.get(key)
        return None if value is None else str(value)

    return AccountabilityFilter(
        district=place_code(get("district")),
        dong=place_code(get("dong")),
        council=whole_number(get("council"), high=2**31 - 1),
        year=whole_number(get("year"), low=2000, high=2100),
        programme=one_of(get("programme"), Programme.values),
    )


def filter_projects(projects: QuerySet[Project], wanted: AccountabilityFilter) -> QuerySet[Project]:
    return narrowed(
        projects,
        district__code=wanted.district,
        dong__code=wanted.dong,
        plan__council_id=wanted.council,
        year=wanted.year,
        programme=wanted.programme,
    )


# --- Rows ------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Amounts:
    """예산액, 집행액 and the number of projects behind them, in whole won."""

    budget: int = 0
    spent: int = 0
    projects: int = 0
    committed: int = 0  # read only for a table as of a day (`as_of`)
    forecast: int = 0

    def __add__(self, other: "Amounts") -> "Amounts":
        return Amounts(
            self.budget + other.budget,
            self.spent + other.spent,
            self.projects + other.projects,
            self.committed + other.committed,
            self.forecast + other.forecast,
        )

    @property
    def rate(self) -> Fraction | None:
        """집행률 = spent ÷ budget, exactly; None without a budget."""
        return Fraction(self.spent, self.budget) if self.budget else None

    @property
    def percent(self) -> Decimal | None:
        """집행률 in percent with one decimal (61.7), as tables print it."""
        rate = self.rate
        return None if rate is None else rate_in_percent(rate)


@dataclass(frozen=True, slots=True)
class ProjectRow:
    pk: int
    title: str
    year: int
    district_code: str
    district_name: str
    dong_code: str | None
    dong_name: str | None
    council_id: int
    council_name: str
    programme: str
    budget_source: str
    section_name: str | None
    status: str
    budget: int
    spent: int
    committed: int = 0  # 원인행위액 and 연말 예상, read for a table as of a day only
    forecast: int = 0

    @property
    def amounts(self) -> Amounts:
        return Amounts(self.budget, self.spent, 1, self.committed, self.forecast)

    @property
    def rate(self) -> Fraction | None:
        return self.amounts.rate

    @property
    def percent(self) -> Decimal | None:
        return self.amounts.percent

    @property
    def place(self) -> str:
        return self.dong_name or str(WHOLE_DISTRICT)

    @property
    def programme_label(self) -> str:
        return str(Programme(self.programme).label)

    @property
    def budget_source_label(self) -> str:
        return str(BudgetSource(self.budget_source).label)

    @property
    def status_label(self) -> str:
        return str(ProjectStatus(self.status).label)


@dataclass(frozen=True)
class Group:
    """A subtotal: the rows of one dong (or year, or programme) and their sum."""

    key: str
    label: str
    amounts: Amounts
    rows: list[ProjectRow] = field(default_factory=list)


@dataclass(frozen=True)
class Accountability:
    """Everything an accountability page or export shows for one filter."""

    filter: AccountabilityFilter
    rows: list[ProjectRow]
    total: Amounts
    by_dong: list[Group]
    by_programme: list[Group]
    by_year: list[Group]


def _ordered(projects: QuerySet[Project]) -> QuerySet[Project]:
    return projects.order_by(
        F("dong__code").asc(nulls_last=True), "year", "programme", "title", "pk"
    )


def row_values(projects: QuerySet[Project]) -> QuerySet[Project, tuple[Any, ...]]:
    """The columns of `ProjectRow` in table order (by dong, district-wide last), to slice."""
    return _ordered(projects).values_list(*ROW_FIELDS)


def project_rows(projects: QuerySet[Project]) -> list[ProjectRow]:
    """The rows of `projects` in table order: one query."""
    return [ProjectRow(*values) for values in row_values(projects)]


def _total(rows: Iterable[ProjectRow]) -> Amounts:
    budget = spent = count = committed = forecast = 0
    for row in rows:
        budget += row.budget
        spent += row.spent
        count += 1
        committed += row.committed
        forecast += row.forecast
    return Amounts(budget, spent, count, committed, forecast)


def _grouped(rows: list[ProjectRow], key: Any, label: Any, order: Any) -> list[Group]:
    buckets: dict[Any, list[ProjectRow]] = {}
    for row in rows:
        buckets.setdefault(key(row), []).append(row)
    return [
        Group(key=str(k), label=label(members[0]), amounts=_total(members), rows=members)
        for k, members in sorted(buckets.items(), key=lambda item: order(item[0]))
    ]


def summarise(rows: list[ProjectRow], wanted: AccountabilityFilter) -> Accountability:
    """Totals and subtotals of rows already read (no query)."""
    programme_order = {code: index for index, code in enumerate(Programme.values)}
    return Accountability(
        filter=wanted,
        rows=rows,
        total=_total(rows),
        by_dong=_grouped(
            rows,
            key=lambda row: row.dong_code or "",
            label=lambda row: row.place,
            order=lambda code: (code == "", code),
        ),
        by_programme=_grouped(
            rows,
            key=lambda row: row.programme,
            label=lambda row: row.programme_label,
            order=lambda code: programme_order.get(code, len(programme_order)),
        ),
        by_year=_grouped(
            rows, key=lambda row: row.year, label=lambda row: str(row.year), order=lambda y: y
        ),
    )


def accountability_table(
    wanted: AccountabilityFilter,
    *,
    projects: QuerySet[Project] | None = None,
    as_of: date | None = None,
) -> Accountability:
    """The table for `wanted` over `projects` (default: the public ones). One query; as of
    a day (기준일), one more: spent, committed and forecast from the entries up to it."""
    base = public_projects() if projects is None else projects
    chosen = filter_projects(base, wanted)
    rows = project_rows(chosen)
    if as_of is not None:
        trail = trail_by_project(chosen, as_of=as_of)
        rows = [
            replace(
                row,
                spent=trail[row.pk].spent if row.pk in trail else 0,
                committed=trail[row.pk].committed if row.pk in trail else 0,
                forecast=trail[row.pk].forecast if row.pk in trail else 0,
            )
            for row in rows
        ]
    return summarise(rows, wanted)
