"""Councils (주민자치회, 협치회의) in the API: list and read them, and their members.

Everything here is public. Members carry only what the council page shows: the name the
member chose to show, the role, the section, the term and the joining date; never an
account, e-mail address or phone number.
"""

from datetime import date
from math import ceil
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Query, Router, Schema
from pydantic import field_validator

from maeul.councils.models import Council, CouncilKind, CouncilMember
from maeul.councils.services import cycle
from maeul.councils.services.members import current_term, role_rank

router = Router(tags=["councils"])

PAGE_SIZE = 20
PAGE_SIZE_MAX = 100


# --- Input ------------------------------------------------------------------------------
class Paging(Schema):
    page: int = 1
    page_size: int = PAGE_SIZE

    @field_validator("page", "page_size", mode="before")
    @classmethod
    def _lenient_int(cls, value: Any) -> Any:
        try:
            return int(value)
        except (TypeError, ValueError):
            return 0  # replaced by the default below


class CouncilQuery(Paging):
    """List filters; a value that is not understood is ignored, never an error."""

    district: str | None = None
    kind: str | None = None


class MemberQuery(Paging):
    """`term`: a term number (default: the term in force today)."""

    term: int | None = None

    @field_validator("term", mode="before")
    @classmethod
    def _lenient_term(cls, value: Any) -> Any:
        try:
            return int(value)
        except (TypeError, ValueError):
            return None


# --- Output -----------------------------------------------------------------------------
class CodeName(Schema):
    code: str
    name: str


class Label(Schema):
    code: str
    label: str


class SectionOut(Schema):
    id: int
    name: str


class TermOut(Schema):
    number: int
    starts_on: date
    ends_on: date


class PhaseOut(Schema):
    phase: Label
    starts_on: date
    ends_on: date


class CouncilItem(Schema):
    id: int
    name: str
    kind: Label
    district: CodeName
    dong: CodeName | None
    url: str


class CouncilPage(Schema):
    items: list[CouncilItem]
    count: int
    page: int
    pages: int


class CouncilDetail(CouncilItem):
    max_members: int
    term_years: int
    sections: list[SectionOut]
    current_term: TermOut | None
    current_phase: PhaseOut | None


class MemberOut(Schema):
    public_name: str
    role: Label
    section: SectionOut | None
    term: int
    joined_on: date


class MemberPage(Schema):
    items: list[MemberOut]
    count: int
    page: int
    pages: int


# --- Shaping ----------------------------------------------------------------------------
def _item_fields(council: Council) -> dict[str, Any]:
    return {
        "id": council.pk,
        "name": council.name,
        "kind": Label(code=council.kind, label=str(council.get_kind_display())),
        "district": CodeName(code=council.district.code, name=council.district.name),
        "dong": CodeName(code=council.dong.code, name=council.dong.name) if council.dong else None,
        "url": council.get_absolute_url(),
    }


def _page_bounds(query: Paging, count: int) -> tuple[int, int, int]:
    """(page, start, page size) of a lenient page request."""
    page_size = min(query.page_size, PAGE_SIZE_MAX) if query.page_size > 0 else PAGE_SIZE
    page = max(query.page, 1)
    return page, (page - 1) * page_size, page_size


def _councils() -> QuerySet[Council]:
    return Council.objects.select_related("district", "dong")


# --- Endpoints --------------------------------------------------------------------------
@router.get("/councils", response=CouncilPage, summary="List councils")
def list_councils(request: HttpRequest, query: Query[CouncilQuery]) -> CouncilPage:
    """Filters: `district` (code), `kind` (`resident` or `governance`); page-numbered, at most
    100 a page. A district's governance council comes first, then its dongs' councils."""
    rows = _councils().order_by("district__code", "kind", "dong__code", "pk")
    if query.district:
        rows = rows.filter(district__code=query.district)
    if query.kind in CouncilKind.values:
        rows = rows.filter(kind=query.kind)
    count = rows.count()
    page, start, page_size = _page_bounds(query, count)
    items = list(rows[start : start + page_size]) if start < count else []
    return CouncilPage(
        items=[CouncilItem(**_item_fields(c)) for c in items],
        count=count,
        page=page,
        pages=max(1, ceil(count / page_size)),
    )


@router.get("/councils/{int:council_id}", response=CouncilDetail, summary="Read a council")
def get_council(request: HttpRequest, council_id: int) -> CouncilDetail:
    council = get_object_or_404(_councils(), pk=council_id)
    today = timezone.localdate()
    term = current_term(council, today)
    steps = list(council.cycle_steps.filter(year=today.year)) or cycle.default_steps(
        council, today.year
    )
    now_steps = cycle.current_of(steps, today)
    phase = now_steps[0] if now_steps else None
    return CouncilDetail(
        **_item_fields(council),
        max_members=council.max_members,
        term_years=council.term_years,
        sections=[SectionOut(id=s.pk, name=s.name) for s in council.sections.order_by("order")],
        current_term=TermOut(number=term.number, starts_on=term.starts_on, ends_on=term.ends_on)
        if term is not None
        else None,
        current_phase=PhaseOut(
            phase=Label(code=phase.phase, label=str(phase.get_phase_display())),
            starts_on=phase.starts_on,
            ends_on=phase.ends_on,
        )
        if phase is not None
        else None,
    )


@router.get(
    "/councils/{int:council_id}/members",
    response=MemberPage,
    summary="List a council's current members (public fields only)",
)
def list_members(request: HttpRequest, council_id: int, query: Query[MemberQuery]) -> MemberPage:
    """The members of the term in force (or of term `term`) who have not left."""
    council = get_object_or_404(Council, pk=council_id)
    if query.term is not None:
        term = council.terms.filter(number=query.term).first()
    else:
        term = current_term(council, timezone.localdate())
    rows: QuerySet[CouncilMember] = (
        CouncilMember.objects.filter(term=term, left_on=None)
        .select_related("section", "term")
        .order_by(role_rank(), "public_name", "pk")
        if term is not None
        else CouncilMember.objects.none()
    )
    count = rows.count()
    page, start, page_size = _page_bounds(query, count)
    items = list(rows[start : start + page_size]) if start < count else []
    return MemberPage(
        items=[
            MemberOut(
                public_name=m.public_name,
                role=Label(code=m.role, label=str(m.get_role_display())),
                section=SectionOut(id=m.section.pk, name=m.section.name) if m.section else None,
                term=m.term.number,
                joined_on=m.joined_on,
            )
            for m in items
        ],
        count=count,
        page=page,
        pages=max(1, ceil(count / page_size)),
    )
