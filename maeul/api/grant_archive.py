"""The grants archive and statistics in the API: the public parts of handed-in applications
(title, group and joint applicants, dong, programme, year, amount asked, status, amount
granted, and after the settlement what was spent and returned) and the figures of the
statistics page, computed by the same function (`grants.archive.statistics`).

Public and read-only; amounts are integers of won. Contacts, members, files, descriptions
and drafts are never here. A filter that is not understood is ignored, and named in
`notices`.
"""

from django.http import HttpRequest
from ninja import Query, Router, Schema

from maeul.api.common import CodeName, Label, Page, PageQuery, paginate
from maeul.grants.archive import StatRow, archive, parse_filter, statistics
from maeul.grants.models import Application, Programme

router = Router(tags=["grants"])


class ArchiveQuery(PageQuery):
    programme: str | None = None
    dong: str | None = None
    year: str | None = None
    status: str | None = None
    q: str | None = None


class ArchivedApplication(Schema):
    id: int
    title: str
    group: str
    dong: CodeName
    programme: Label
    year: int
    call_id: int
    amount: int
    status: Label
    joint_applicants: list[str]
    amount_granted: int | None
    # After the settlement is approved (정산): the spending accepted and the money returned.
    amount_spent: int | None
    amount_returned: int | None


class ArchivePage(Page[ArchivedApplication]):
    notices: list[str]


class Figures(Schema):
    key: str
    label: str
    calls: int
    applications: int
    selected: int
    amount_asked: int
    amount_granted: int


class GrantStatisticsOut(Schema):
    by_programme: list[Figures]
    by_dong: list[Figures]
    by_year: list[Figures]
    total: Figures


def _item(row: Application) -> ArchivedApplication:
    return ArchivedApplication(
        id=row.pk,
        title=row.title,
        group=row.group.name,
        dong=CodeName.of(row.dong),
        programme=Label.of(Programme, row.call.programme),
        year=row.call.year,
        call_id=row.call_id,
        amount=row.amount,
        status=Label.of_field(row, "status"),
        joint_applicants=[partner.name for partner in row.partners.all()],
        amount_granted=row.granted_amount,
        amount_spent=settled.accepted_total if (settled := row.settled) else None,
        amount_returned=settled.return_amount if settled else None,
    )


def _figures(row: StatRow) -> Figures:
    return Figures(
        key=row.key,
        label=row.label,
        calls=row.calls,
        applications=row.applications,
        selected=row.selected,
        amount_asked=row.asked,
        amount_granted=row.granted,
    )


@router.get(
    "/grant-applications", response=ArchivePage, summary="Search the archive of grant applications"
)
def list_grant_applications(request: HttpRequest, query: Query[ArchiveQuery]) -> ArchivePage:
    """Handed-in applications to published calls, newest year first. Filters: `programme`,
    `dong` (administrative code), `year`, `status` (submitted, under_review, selected,
    not_selected) and `q` (Korean words of the title and description, all required)."""
    wanted = parse_filter(query.filters())
    return ArchivePage(
        **paginate(request, archive(wanted).prefetch_related("partners"), query, _item),
        notices=list(wanted.problems),
    )


@router.get("/grant-statistics", response=GrantStatisticsOut, summary="Grant statistics")
def grant_statistics(request: HttpRequest) -> GrantStatisticsOut:
    """Calls, applications, selected applications, amount asked and granted (won) per
    programme, dong (of the applying group) and year, and in total: the statistics page."""
    figures = statistics()
    return GrantStatisticsOut(
        by_programme=[_figures(row) for row in figures.by_programme],
        by_dong=[_figures(row) for row in figures.by_dong],
        by_year=[_figures(row) for row in figures.by_year],
        total=_figures(figures.total),
    )
