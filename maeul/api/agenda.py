"""Agenda items (마을의제) of the councils in the API: list and read them; public, read-only.

An item names the proposal it was taken up from (`proposal_id`) while that proposal is
public; a hidden or withdrawn proposal is not pointed at. Money is in 원, as integers.
"""

from datetime import datetime
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Query, Router, Schema

from maeul.api.common import Label, Page, PageQuery, matching, paginate
from maeul.api.proposals import ProposalRef
from maeul.core.dates import SEOUL
from maeul.core.markup import render_markdown
from maeul.core.query import one_of, whole_number
from maeul.councils.models import AgendaItem, AgendaStatus
from maeul.councils.services.agenda import agenda_item_url

router = Router(tags=["agenda"])


# --- Input ------------------------------------------------------------------------------
class AgendaQuery(PageQuery):
    """List filters; a value that is not understood is ignored, never an error."""

    council: str | None = None
    year: str | None = None
    status: str | None = None


# --- Output -----------------------------------------------------------------------------
class CouncilWithKind(Schema):
    id: int
    name: str
    kind: Label


class AgendaItemOut(Schema):
    id: int
    title: str
    council: CouncilWithKind
    section: str | None
    year: int
    status: Label
    estimated_cost: int
    proposal_id: int | None
    url: str


class AgendaItemDetail(AgendaItemOut):
    description_html: str
    proposal: ProposalRef | None
    created_at: datetime


class AgendaPage(Page[AgendaItemOut]):
    pass


# --- Shaping ----------------------------------------------------------------------------
def _rows() -> QuerySet[AgendaItem]:
    return AgendaItem.objects.select_related("council", "section", "proposal").order_by(
        "council_id", "-year", "pk"
    )


def _origin(item: AgendaItem) -> Any:
    proposal = item.proposal
    return proposal if proposal is not None and proposal.is_public else None


def _fields(item: AgendaItem) -> dict[str, Any]:
    council = item.council
    origin = _origin(item)
    return {
        "id": item.pk,
        "title": item.title,
        "council": CouncilWithKind(
            id=council.pk,
            name=council.name,
            kind=Label.of_field(council, "kind"),
        ),
        "section": item.section.name if item.section else None,
        "year": item.year,
        "status": Label.of_field(item, "status"),
        "estimated_cost": item.estimated_cost,
        "proposal_id": origin.pk if origin is not None else None,
        "url": agenda_item_url(item),
    }


def _filter(rows: QuerySet[AgendaItem], query: AgendaQuery) -> QuerySet[AgendaItem]:
    return matching(
        rows,
        council_id=whole_number(query.council, low=0),
        year=whole_number(query.year, low=0),
        status=one_of(query.status, AgendaStatus.values),
    )


# --- Endpoints --------------------------------------------------------------------------
@router.get("/agenda-items", response=AgendaPage, summary="List agenda items")
def list_agenda_items(request: HttpRequest, query: Query[AgendaQuery]) -> AgendaPage:
    """Filters: `council` (id), `year`, `status` (discovered, on_assembly, passed, rejected,
    planned, dropped); page-numbered, at most 100 a page."""
    rows = _filter(_rows(), query)
    return AgendaPage(**paginate(request, rows, query, lambda item: AgendaItemOut(**_fields(item))))


@router.get("/agenda-items/{int:item_id}", response=AgendaItemDetail, summary="Read an agenda item")
def get_agenda_item(request: HttpRequest, item_id: int) -> AgendaItemDetail:
    item = get_object_or_404(_rows(), pk=item_id)
    origin = _origin(item)
    return AgendaItemDetail(
        **_fields(item),
        description_html=render_markdown(item.description),
        proposal=ProposalRef.of(origin),
        created_at=item.created_at.astimezone(SEOUL),
    )
