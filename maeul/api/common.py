"""What every router of the API shares: one way to page a list, the small schemas, and the
one table that turns a refused rule into an HTTP status.

Lists are page-numbered: `?page=2&page_size=50` (at most 100 a page; a value that is not
understood falls back to the default, never an error). Every list answers
`{items, count, page, pages, next, previous}`, where `next` and `previous` are absolute
paths (`/api/votes?dong=1111&page=3`) that keep the other query parameters, or null.

A router raises `RuleViolation` and never maps codes itself: the handler registered on the
API (`maeul.api.root`) answers `{detail, code}` with the status `STATUS_OF_CODE` gives.
"""

from collections.abc import Callable
from datetime import datetime
from math import ceil
from typing import Any, Generic, TypeVar, overload

from django.db.models import Choices, Model, QuerySet
from django.http import HttpRequest
from ninja import Schema
from pydantic import field_validator

from maeul.core.dates import seoul_time
from maeul.places.models import District, Dong

PAGE_SIZE = 20
PAGE_SIZE_MAX = 100

# The status of each refusal code; every code not named here is a 400.
STATUS_OF_CODE = {
    # Who may do it.
    "forbidden": 403,
    "not_eligible": 403,
    # Done once already, or a retry that is not one.
    "already_voted": 409,
    "already_supported": 409,
    "idempotency_conflict": 409,
    # Not there, or not public yet (results and ballot files before the count, and the
    # file format a vote does not have).
    "not_found": 404,
    "not_counted": 404,
    "results_not_public": 404,
    "yes_no": 404,
    "not_yes_no": 404,
    "rate_limited": 429,
}


def status_of(code: str) -> int:
    """The HTTP status of a refusal with this code (see `STATUS_OF_CODE`)."""
    return STATUS_OF_CODE.get(code, 400)


# --- Small schemas ----------------------------------------------------------------------
class ErrorOut(Schema):
    detail: str
    code: str


def errors(*statuses: int) -> dict[int, type[ErrorOut]]:
    """The error answers an endpoint documents, for its `response=` mapping."""
    return dict.fromkeys(statuses, ErrorOut)


class CodeName(Schema):
    """A district or dong: its administrative code and its name."""

    code: str
    name: str

    @overload
    @classmethod
    def of(cls, place: None) -> None: ...
    @overload
    @classmethod
    def of(cls, place: District | Dong) -> "CodeName": ...
    @overload
    @classmethod
    def of(cls, place: District | Dong | None) -> "CodeName | None": ...
    @classmethod
    def of(cls, place: District | Dong | None) -> "CodeName | None":
        """The place's code and name; None for no place (a district-wide row's dong)."""
        return cls(code=place.code, name=place.name) if place is not None else None


class Label(Schema):
    """A value of a fixed list (status, phase, kind) and its label in the reader's language."""

    code: str
    label: str

    @classmethod
    def of(cls, choices: type[Choices], code: str) -> "Label":
        return cls(code=code, label=str(choices(code).label))

    @classmethod
    def of_field(cls, row: Model, field: str) -> "Label":
        """The label of a choice field of a row (`Label.of_field(proposal, "status")`)."""
        display = getattr(row, f"get_{field}_display")
        return cls(code=getattr(row, field), label=str(display()))


def in_seoul(moment: datetime | None) -> datetime | None:
    """The instant as Seoul's wall clock shows it (the API's times are Seoul's), or None."""
    return seoul_time(moment) if moment is not None else None


# --- Pages ------------------------------------------------------------------------------
class PageQuery(Schema):
    """`page` (from 1) and `page_size` (at most 100); list filters extend this."""

    page: int = 1
    page_size: int = PAGE_SIZE

    @field_validator("page", "page_size", mode="before")
    @classmethod
    def _lenient_int(cls, value: Any) -> Any:
        try:
            return int(value)
        except (TypeError, ValueError):
            return 0  # replaced by the default in `paginate`

    def filters(self) -> dict[str, Any]:
        """The query's filters as given, without the paging."""
        return self.dict(exclude={"page", "page_size"}, exclude_none=True)


ItemT = TypeVar("ItemT")
RowT = TypeVar("RowT")
Rows = TypeVar("Rows", bound=QuerySet[Any])


def matching(rows: Rows, **wanted: Any) -> Rows:
    """`rows` filtered by each lookup given a value (`district__code=query.district`); a
    filter that is missing (None, "") narrows nothing. Read each value first with
    `maeul.core.query` (`one_of`, `whole_number`), which answers None for what it does not
    understand."""
    return rows.filter(
        **{lookup: value for lookup, value in wanted.items() if value not in (None, "")}
    )


class Page(Schema, Generic[ItemT]):
    items: list[ItemT]
    count: int
    page: int
    pages: int
    next: str | None
    previous: str | None


def paginate(
    request: HttpRequest,
    rows: QuerySet[Any, RowT],
    query: PageQuery,
    shape: Callable[[RowT], ItemT],
) -> dict[str, Any]:
    """The fields of a `Page` of `rows`, each shaped by `shape`; a page past the end is empty."""
    page_size = min(query.page_size, PAGE_SIZE_MAX) if query.page_size > 0 else PAGE_SIZE
    page = max(query.page, 1)
    count = rows.count()
    pages = max(1, ceil(count / page_size))
    start = (page - 1) * page_size
    items = [shape(row) for row in rows[start : start + page_size]] if start < count else []
    return {
        "items": items,
        "count": count,
        "page": page,
        "pages": pages,
        "next": _page_link(request, page + 1) if page < pages else None,
        "previous": _page_link(request, min(page - 1, pages)) if page > 1 else None,
    }


def _page_link(request: HttpRequest, page: int) -> str:
    query = request.GET.copy()
    query["page"] = str(page)
    return f"{request.path}?{query.urlencode()}"
