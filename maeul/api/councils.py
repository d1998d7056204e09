"""Councils (주민자치회, 협치회의) in the API: list and read them, and their members.

Everything here is public. Members carry only what the council page shows: the name the
member chose to show, the role, the section, the term and the joining date; never an
account, e-mail address or phone number.
"""

from datetime import date
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Query, Router, Schema
from pydantic import field_validator

from maeul.api.common import CodeName, Label, Page, PageQuery, matching, paginate
from maeul.core.query import one_of
from maeul.councils.models import Council, CouncilKind, CouncilMember
from maeul.councils.services import cycle
from maeul.councils.services.members import current_term, role_rank

router = Router(tags=["councils"])


# --- Input ------------------------------------------------------------------------------
class CouncilQuery(PageQuery):
    """List filters; a value that is not understood is ignored, never an error."""

    district: str | None = None
    kind: str | None = None


class MemberQuery(PageQuery):
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


class CouncilPage(Page[CouncilItem]):
    pass


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


class MemberPage(Page[MemberOut]):
    pass


# --- Shaping ----------------------------------------------------------------------------
def _item_fields(council: Council) -> dict[str, Any]:
    return {
        "id": council.pk,
        "name": council.name,
        "kind": Label.of_field(council, "kind"),
        "district": CodeName.of(council.district),
        "dong": CodeName.of(council.dong),
        "url": council.get_absolute_url(),
    }


def _councils() -> QuerySet[Council]:
    return Council.objects.select_related("district", "dong")


# --- Endpoints --------------------------------------------------------------------------
@router.get("/councils", response=CouncilPage, summary="List councils")
def list_councils(request: HttpRequest, query: Query[CouncilQuery]) -> CouncilPage:
    """Filters: `district` (code), `kind` (`resident` or `governance`); page-numbered, at most
    100 a page. A district's governance council comes first, then its dongs' councils."""
    rows = matching(
        _councils().order_by("district__code", "kind", "dong__code", "pk"),
        district__code=query.district,
        kind=one_of(query.kind, CouncilKind.values),
    )
    return CouncilPage(**paginate(request, rows, query, lambda c: CouncilItem(**_item_fields(c))))


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
            phase=Label.of_field(phase, "phase"),
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
    return MemberPage(**paginate(request, rows, query, _member))


def _member(m: CouncilMember) -> MemberOut:
    return MemberOut(
        public_name=m.public_name,
        role=Label.of_field(m, "role"),
        section=SectionOut(id=m.section.pk, name=m.section.name) if m.section else None,
        term=m.term.number,
        joined_on=m.joined_on,
    )
