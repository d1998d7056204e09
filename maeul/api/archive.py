"""The community archive and the dong page in the API: a dong's public data, records.

Public, read-only. `/dongs/{code}` gives what the dong page shows: its council (name, term,
sections, members by the name they chose to show and their role), its projects with
budget, spending and `execution_rate` (spent ÷ budget from the plans app's accountability
table, 4 decimals), its spaces and facilities, its community groups (name and kind only)
and its latest records. `/records` lists published records (filters `dong`, `year`, `tag`,
`kind`), `/records/{id}` reads one. No personal data: no authors, contacts or members'
accounts. A record's photo and document `url`s are the site's file addresses
(`/archive/photos/{id}/`, `/archive/documents/{id}/`): the files are kept privately, and
these work for anyone because only published records are listed.
"""

from datetime import date, datetime

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Query, Router, Schema

from maeul.api.common import CodeName, Label, Page, PageQuery, paginate
from maeul.api.projects import rate_number
from maeul.archive.dong_page import dong_overview, public_records
from maeul.archive.models import ArchiveRecord, RecordKind
from maeul.archive.models.records import ArchiveRecordQuerySet
from maeul.core.query import one_of, place_code, whole_number
from maeul.places.models import Dong

router = Router(tags=["archive"])


# --- Input ------------------------------------------------------------------------------
class RecordQuery(PageQuery):
    """List filters; a value that is not understood is ignored, never an error."""

    dong: str | None = None
    year: str | None = None
    tag: str | None = None
    kind: str | None = None


# --- Output -----------------------------------------------------------------------------
class PhotoOut(Schema):
    url: str
    alt: str


class DocumentOut(Schema):
    url: str
    name: str
    extension: str
    size: int


class RecordItem(Schema):
    id: int
    title: str
    kind: Label
    year: int
    district: CodeName
    dong: CodeName | None
    tags: list[str]
    photos: list[PhotoOut]
    video_url: str | None
    published_at: datetime | None
    url: str


class RecordDetail(RecordItem):
    body: str
    documents: list[DocumentOut]
    group: str | None
    project_id: int | None
    event_id: int | None


class RecordPage(Page[RecordItem]):
    pass


class DongCouncilMember(Schema):
    name: str
    role: Label
    section: str | None


class CouncilOut(Schema):
    id: int
    name: str
    term: int | None
    sections: list[str]
    members: list[DongCouncilMember]
    agenda: list[dict[str, str | int]]


class ProjectOut(Schema):
    id: int
    title: str
    year: int
    status: str
    budget: int
    spent: int
    execution_rate: float | None


class SpaceOut(Schema):
    id: int
    name: str
    operator: str
    address: str


class FacilityOut(Schema):
    name: str
    kind: Label
    address: str
    land_m2: float
    building_m2: float
    floors: str
    completed_on: date | None


class GroupOut(Schema):
    name: str
    kind: Label


class CampOut(Schema):
    id: int
    name: str


class DongDetail(Schema):
    code: str
    name: str
    district: CodeName
    office_address: str
    year: int
    council: CouncilOut | None
    projects: list[ProjectOut]
    spaces: list[SpaceOut]
    facilities: list[FacilityOut]
    groups: list[GroupOut]
    records: list[RecordItem]
    volunteer_camps: list[CampOut]


# --- Shaping ----------------------------------------------------------------------------
def _item(record: ArchiveRecord) -> RecordItem:
    return RecordItem(
        id=record.pk,
        title=record.title,
        kind=Label.of_field(record, "kind"),
        year=record.year,
        district=CodeName.of(record.district),
        dong=CodeName.of(record.dong),
        tags=[tag.name for tag in record.tags.all()],
        photos=[PhotoOut(url=p.url, alt=p.alt) for p in record.photos.all()],
        video_url=record.video_url or None,
        published_at=record.published_at,
        url=record.get_absolute_url(),
    )


def _records() -> ArchiveRecordQuerySet:
    return public_records()


# --- Endpoints --------------------------------------------------------------------------
@router.get("/records", response=RecordPage, summary="List published community records")
def list_records(request: HttpRequest, query: Query[RecordQuery]) -> RecordPage:
    """Filters: `dong` (administrative code), `year`, `tag` (exact), `kind` (text, photo,
    document, video). Newest year first. Page-numbered, at most 100 a page."""
    rows = _records().matching(
        dong=place_code(query.dong),
        year=whole_number(query.year, low=1990, high=2100),
        tag=(query.tag or "").strip()[:30] or None,
        kind=one_of(query.kind, RecordKind.values),
    )
    return RecordPage(**paginate(request, rows, query, _item))


@router.get("/records/{int:record_id}", response=RecordDetail, summary="Read a community record")
def get_record(request: HttpRequest, record_id: int) -> RecordDetail:
    record = get_object_or_404(
        _records().select_related("group").prefetch_related("documents"), pk=record_id
    )
    return RecordDetail(
        **_item(record).model_dump(),
        body=record.body,
        documents=[
            DocumentOut(
                url=d.url,
                name=d.original_name,
                extension=d.extension,
                size=d.size,
            )
            for d in record.documents.all()
        ],
        group=record.group.name if record.group else None,
        project_id=record.project_id,
        event_id=record.event_id,
    )


@router.get("/dongs/{code}", response=DongDetail, summary="Read a dong's public data")
def get_dong(request: HttpRequest, code: str) -> DongDetail:
    """The dong page as data: `council` (or null), `projects` of `year` (default: the
    latest year with public projects) with `execution_rate`, `spaces`, `facilities`,
    `groups`, the latest `records` and the dong's `volunteer_camps`."""
    dong = get_object_or_404(Dong.objects.select_related("district"), code=code)
    year = whole_number(request.GET.get("year"), low=2000, high=2100)
    o = dong_overview(dong, now=timezone.now(), year=year)
    council = None
    if o.council is not None:
        council = CouncilOut(
            id=o.council.pk,
            name=o.council.name,
            term=o.term.number if o.term else None,
            sections=[section.name for section in o.sections],
            members=[
                DongCouncilMember(
                    name=m.public_name,
                    role=Label.of_field(m, "role"),
                    section=m.section.name if m.section else None,
                )
                for m in o.members
            ],
            agenda=[{"title": a.title, "year": a.year, "status": a.status} for a in o.agenda],
        )
    rows = o.projects.rows if o.projects else []
    return DongDetail(
        code=dong.code,
        name=dong.name,
        district=CodeName.of(dong.district),
        office_address=dong.office_address,
        year=o.year,
        council=council,
        projects=[
            ProjectOut(
                id=r.pk,
                title=r.title,
                year=r.year,
                status=r.status,
                budget=r.budget,
                spent=r.spent,
                execution_rate=rate_number(r.rate),
            )
            for r in rows
        ],
        spaces=[
            SpaceOut(id=s.pk, name=s.name, operator=s.operator, address=s.address) for s in o.spaces
        ],
        facilities=[
            FacilityOut(
                name=f.name,
                kind=Label.of_field(f, "kind"),
                address=f.address,
                land_m2=float(f.land_m2),
                building_m2=float(f.building_m2),
                floors=f.floors,
                completed_on=f.completed_on,
            )
            for f in o.facilities
        ],
        groups=[GroupOut(name=g.name, kind=Label.of_field(g, "kind")) for g in o.groups],
        records=[_item(r) for r in o.records],
        volunteer_camps=[CampOut(id=c.pk, name=c.name) for c in o.camps],
    )
