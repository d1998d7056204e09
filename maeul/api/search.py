"""One search over every public kind: `GET /api/search?q=주차장&kind=proposal&dong=…&year=…`.

The same search as the page `/search/` (`maeul.search`): Korean words are matched by their
stems ('주차장을' finds '주차장'), hits come best first with their `score`, and `counts` gives
the matches of every kind before the `kind` filter. An empty query, one of more than 100
characters, or a kind, dong or year we do not know is refused with 400 and a Korean
`detail`; a query of symbols only finds nothing and says why in `notice`.
"""

from typing import Any, cast

from django.http import HttpRequest
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema

from maeul.api.common import CodeName, Page, PageQuery, errors, paginate
from maeul.core.errors import RuleViolation
from maeul.search.query import parse_search
from maeul.search.results import KindCount, Ranked, counts, hits, total_of
from maeul.search.sources import sources

router = Router(tags=["search"])


class SearchQuery(PageQuery):
    q: str = ""
    kind: str | None = None
    dong: str | None = None
    year: str | None = None


class KindCountOut(Schema):
    kind: str
    label: str
    count: int


class SearchHit(Schema):
    kind: str
    kind_label: str
    title: str
    snippet: str
    url: str
    dong: CodeName | None
    year: int | None
    score: int


class SearchPage(Page[SearchHit]):
    counts: list[KindCountOut]
    notice: str | None = None


def _count_out(row: KindCount) -> KindCountOut:
    return KindCountOut(kind=row.kind, label=row.label, count=row.count)


@router.get("/search", response={200: SearchPage, **errors(400)})
def search(request: HttpRequest, query: Query[SearchQuery]) -> Any:
    """Public rows of every kind that hold every word of `q`, best first."""
    wanted = parse_search(q=query.q, kind=query.kind, dong=query.dong, year=query.year)
    if not wanted.text:
        raise RuleViolation(
            _("Please type the words to search for."), code="empty_query", field="q"
        )
    if not wanted.terms:
        return {
            "items": [],
            "count": 0,
            "page": 1,
            "pages": 1,
            "next": None,
            "previous": None,
            "counts": [KindCountOut(kind=s.kind, label=str(s.label), count=0) for s in sources()],
            "notice": wanted.notice,
        }
    by_kind = counts(wanted)
    rows = cast(Any, Ranked(wanted, total_of(wanted, by_kind)))  # sliced like a QuerySet
    page = paginate(request, rows, query, lambda row: row)
    page["items"] = [
        SearchHit(
            kind=hit.document.kind,
            kind_label=hit.label,
            title=hit.document.title,
            snippet=hit.snippet,
            url=hit.document.url,
            dong=CodeName.of(hit.document.dong),
            year=hit.document.year,
            score=hit.document.score,  # type: ignore[attr-defined]
        )
        for hit in hits(page["items"], wanted)
    ]
    page["counts"] = [_count_out(row) for row in by_kind]
    return page
