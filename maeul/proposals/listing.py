"""Finding proposals: the filters and sorts shared by the list page, the API and the feeds.

Raw query values are validated by `parse_filter` and anything it does not know is dropped,
so a request can never reach a field that is not listed here (`?ordering=password`,
`?author__phone__startswith=010` change nothing).
"""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Final

from django.db.models import Case, DateTimeField, F, Q, QuerySet, Value, When

from maeul.core.dates import at_seoul
from maeul.core.narrowing import narrowed
from maeul.core.query import iso_date, one_of, place_code, whole_number
from maeul.proposals.models import PUBLIC_STATUSES, Channel, Proposal, Status
from maeul.proposals.search import matching

SORTS: Final = ("newest", "supported", "answered", "deadline")
DEFAULT_SORT: Final = "newest"
QUERY_MAX = 100

# What a list row shows besides the proposal itself; one JOIN each, never a query per row.
LIST_RELATED: Final = ("district", "dong", "category", "author")

_OPEN_FOR_SUPPORT: Final = (Status.PUBLISHED, Status.REVIEWING)


@dataclass(frozen=True)
class ProposalFilter:
    """A validated list request: every field is optional; empty means "no narrowing"."""

    district: str | None = None  # District.code
    dong: str | None = None  # Dong.code
    category: int | None = None  # Category.pk
    status: str | None = None
    channel: str | None = None
    period_from: date | None = None  # on published_at, Asia/Seoul days, inclusive
    period_to: date | None = None
    q: str = ""
    sort: str = DEFAULT_SORT


def parse_filter(query: Mapping[str, str]) -> ProposalFilter:
    """The filter a raw GET mapping (a QueryDict or a dict) asks for; bad values are dropped."""
    sort = query.get("sort") or DEFAULT_SORT
    return ProposalFilter(
        district=place_code(query.get("district")),
        dong=place_code(query.get("dong")),
        category=whole_number(query.get("category")),
        status=one_of(query.get("status"), [str(s) for s in PUBLIC_STATUSES]),
        channel=one_of(query.get("channel"), Channel.values),
        period_from=iso_date(query.get("period_from")),
        period_to=iso_date(query.get("period_to")),
        q=(query.get("q") or "").strip()[:QUERY_MAX],
        sort=sort if sort in SORTS else DEFAULT_SORT,
    )


def filter_proposals(params: ProposalFilter, *, now: datetime) -> QuerySet[Proposal]:
    """Public proposals narrowed and ordered as `params` asks, ready to paginate.

    Sorts (a final `-id` keeps pages stable): newest = latest received first; supported =
    most supports, then newest; answered = latest answer first, unanswered last; deadline =
    proposals still open for support, the soonest to close first, then the closed ones,
    newest first.
    """
    rows: QuerySet[Proposal] = narrowed(
        Proposal.objects.public().select_related(*LIST_RELATED),
        district__code=params.district,
        dong__code=params.dong,
        category_id=params.category,
        status=params.status,
        channel=params.channel,
    )
    if params.period_from:
        rows = rows.filter(published_at__gte=at_seoul(params.period_from))
    if params.period_to:
        rows = rows.filter(published_at__lt=at_seoul(params.period_to + timedelta(days=1)))
    if params.q:
        rows = matching(rows, params.q)
    return _sorted(rows, params.sort, now)


def _sorted(rows: QuerySet[Proposal], sort: str, now: datetime) -> QuerySet[Proposal]:
    newest = (F("published_at").desc(nulls_last=True), F("id").desc())
    if sort == "supported":
        return rows.order_by(F("support_count").desc(), *newest)
    if sort == "answered":
        return rows.order_by(F("answered_at").desc(nulls_last=True), *newest)
    if sort == "deadline":
        open_until = Case(
            When(
                Q(status__in=_OPEN_FOR_SUPPORT, support_until__gt=now),
                then=F("support_until"),
            ),
            default=Value(None),
            output_field=DateTimeField(),
        )
        return rows.annotate(open_until=open_until).order_by(
            F("open_until").asc(nulls_last=True), *newest
        )
    return rows.order_by(*newest)


def viewable_proposals() -> QuerySet[Proposal]:
    """Proposals anyone may read one by one: the public ones, and merged duplicates whose
    target is public (so an old link still leads somewhere)."""
    return Proposal.objects.filter(
        Q(status__in=PUBLIC_STATUSES)
        | Q(status=Status.MERGED, merged_into__status__in=PUBLIC_STATUSES)
    )
