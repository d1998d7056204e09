"""Projects (실행사업) of the councils' plans in the API: budgets, spending and 집행률.

Public, read-only, for projects of submitted and approved plans (the same rows as the
accountability page). Amounts are integers of won; `execution_rate` is spent ÷ budget as a
number (0.617 for 61.7 %), rounded to 4 decimals, or null for a project without a budget.
`budget_by_source` splits the budget by source (시비, 구비, 국비, 주민세 환원분, 특별교부금, 기타)
with what each has committed (원인행위) and spent (지출) and its rate. Receipts are never
part of the API.
"""

from datetime import date, datetime
from fractions import Fraction

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse
from ninja import Query, Router, Schema

from maeul.api.common import CodeName, Label, Page, PageQuery, paginate
from maeul.core.dates import SEOUL
from maeul.plans.accountability import (
    ProjectRow,
    filter_projects,
    parse_filter,
    project_rows,
    public_projects,
    row_values,
)
from maeul.plans.funding import SourceFigures, figures_by_project
from maeul.plans.models import BudgetSource, EntryKind, Programme, Project, ProjectStatus

router = Router(tags=["projects"])

RATE_DECIMALS = 4


# --- Input ------------------------------------------------------------------------------
class ProjectQuery(PageQuery):
    """List filters; a value that is not understood is ignored, never an error."""

    district: str | None = None
    dong: str | None = None
    council: str | None = None
    year: str | None = None
    programme: str | None = None


# --- Output -----------------------------------------------------------------------------
class CouncilRef(Schema):
    id: int
    name: str


class SourceOut(Schema):
    """One budget source of a project: amounts in won, rate = spent ÷ budget (or null)."""

    source: Label
    budget: int
    committed: int
    spent: int
    rate: float | None


class ProjectItem(Schema):
    id: int
    title: str
    year: int
    district: CodeName
    dong: CodeName | None
    council: CouncilRef
    programme: Label
    budget_source: Label
    section: str | None
    status: Label
    budget: int
    spent: int
    execution_rate: float | None
    budget_by_source: list[SourceOut] = []
    url: str


class ProjectPage(Page[ProjectItem]):
    pass


class SpendingOut(Schema):
    spent_on: date
    amount: int
    payee: str
    purpose: str
    kind: Label  # payment (지출) or commitment (원인행위)
    source: Label


class UpdateOut(Schema):
    body: str
    photo_url: str | None
    photo_alt: str
    created_at: datetime


class ProjectDetail(ProjectItem):
    description: str
    outcome: str
    starts_on: date
    ends_on: date
    spending: list[SpendingOut]
    updates: list[UpdateOut]


# --- Shaping ----------------------------------------------------------------------------
def rate_number(rate: Fraction | None) -> float | None:
    """A 집행률 of the plans app (spent ÷ budget, exact) as the API gives it: rounded to 4
    decimals (0.617), or None without a budget."""
    return float(round(rate, RATE_DECIMALS)) if rate is not None else None


def _item(row: ProjectRow) -> ProjectItem:
    return ProjectItem(
        id=row.pk,
        title=row.title,
        year=row.year,
        district=CodeName(code=row.district_code, name=row.district_name),
        dong=(
            CodeName(code=row.dong_code, name=row.dong_name or "")
            if row.dong_code is not None
            else None
        ),
        council=CouncilRef(id=row.council_id, name=row.council_name),
        programme=Label.of(Programme, row.programme),
        budget_source=Label.of(BudgetSource, row.budget_source),
        section=row.section_name,
        status=Label.of(ProjectStatus, row.status),
        budget=row.budget,
        spent=row.spent,
        execution_rate=rate_number(row.rate),
        url=reverse("plans:project", args=[row.pk]),
    )


def _sources(rows: list[SourceFigures]) -> list[SourceOut]:
    return [
        SourceOut(
            source=Label.of(BudgetSource, row.source),
            budget=row.budget,
            committed=row.committed,
            spent=row.spent,
            rate=rate_number(row.execution_rate),
        )
        for row in rows
    ]


def _with_sources(items: list[ProjectItem]) -> list[ProjectItem]:
    """The items with their budget by source: two queries for the whole page."""
    stand_ins = [
        Project(pk=item.id, budget=item.budget, budget_source=item.budget_source.code)
        for item in items
    ]
    figures = figures_by_project(stand_ins)
    for item in items:
        item.budget_by_source = _sources(figures[item.id])
    return items


# --- Endpoints --------------------------------------------------------------------------
@router.get("/projects", response=ProjectPage, summary="List projects with budget and spending")
def list_projects(request: HttpRequest, query: Query[ProjectQuery]) -> ProjectPage:
    """Filters: `district` and `dong` (administrative codes), `council` (id), `year` (fiscal
    year), `programme` (resident_activity, dong_pb, community_innovation, other). `budget`
    and `spent` are integers of won; `execution_rate` is spent ÷ budget as a number rounded
    to 4 decimals (0.617 means 61.7 %), or null when the budget is 0. Page-numbered, at most
    100 a page, ordered by dong (district-wide projects last) and name."""
    projects = filter_projects(public_projects(), parse_filter(query.filters()))
    page = paginate(request, row_values(projects), query, lambda values: _item(ProjectRow(*values)))
    page["items"] = _with_sources(page["items"])
    return ProjectPage(**page)


@router.get("/projects/{int:project_id}", response=ProjectDetail, summary="Read a project")
def get_project(request: HttpRequest, project_id: int) -> ProjectDetail:
    """One project with its payments (date, amount, payee, purpose) and progress updates."""
    project = get_object_or_404(public_projects(), pk=project_id)
    row = project_rows(public_projects().filter(pk=project.pk))[0]
    return ProjectDetail(
        **_with_sources([_item(row)])[0].model_dump(),
        description=project.description,
        outcome=project.outcome,
        starts_on=project.starts_on,
        ends_on=project.ends_on,
        spending=[
            SpendingOut(
                spent_on=e.spent_on,
                amount=e.amount,
                payee=e.payee,
                purpose=e.purpose,
                kind=Label.of(EntryKind, e.kind),
                source=Label.of(BudgetSource, e.source),
            )
            for e in project.spending.order_by("spent_on", "pk")
        ],
        updates=[
            UpdateOut(
                body=u.body,
                photo_url=u.photo.url if u.photo else None,
                photo_alt=u.photo_alt,
                created_at=u.created_at.astimezone(SEOUL),
            )
            for u in project.updates.order_by("-created_at", "-pk")
        ],
    )
