"""The search page `/search/?q=`: every public kind at once, filtered by kind, dong and year."""

from typing import Any

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.functional import cached_property

from maeul.core.errors import RuleViolation
from maeul.places.models import Dong
from maeul.search.models import Document
from maeul.search.query import Search, parse_search
from maeul.search.results import Ranked, counts, hits, total_of
from maeul.search.sources import sources

PAGE_SIZE = 20


def search_page(request: HttpRequest) -> HttpResponse:
    """The results of `q` (none, with the reason, for a query we cannot use)."""
    params = request.GET
    context: dict[str, Any] = {
        "wanted": {name: params.get(name, "") for name in ("q", "kind", "dong", "year")},
        "problem": None,
        "search": None,
    }
    try:
        search = parse_search(
            q=params.get("q"),
            kind=params.get("kind"),
            dong=params.get("dong"),
            year=params.get("year"),
        )
    except RuleViolation as refusal:
        context["problem"] = refusal
        search = None
    if search is not None and search.terms:
        context.update(_results(request, search))
    context.update(search=search, **_choices())
    return render(request, "search/search.html", context)


class _Counted(Paginator):  # type: ignore[type-arg]
    """A paginator told its count (the counts by kind have it), instead of asking again."""

    def __init__(self, rows: Any, per_page: int, count: int) -> None:
        super().__init__(rows, per_page)
        self.known = count

    @cached_property
    def count(self) -> int:
        return self.known


def _results(request: HttpRequest, search: Search) -> dict[str, Any]:
    by_kind = counts(search)
    total = total_of(search, by_kind)
    page = _Counted(Ranked(search, total), PAGE_SIZE, total).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return {
        "page": page,
        "hits": hits(list(page.object_list), search),
        "counts": by_kind,
        "query": query.urlencode(),
        "kind_query": _without(request, "kind", "page"),
    }


def _without(request: HttpRequest, *names: str) -> str:
    query = request.GET.copy()
    for name in names:
        query.pop(name, None)
    return query.urlencode()


def _choices() -> dict[str, Any]:
    """The filter form's choices: the kinds, and the dongs and years the index holds."""
    return {
        "kinds": [(s.kind, str(s.label)) for s in sources()],
        "dongs": [
            (d.code, f"{d.district.name} {d.name}")
            for d in Dong.objects.filter(pk__in=Document.objects.values("dong"))
            .select_related("district")
            .order_by("district__code", "code")
        ],
        "years": list(
            Document.objects.exclude(year=None)
            .order_by("-year")
            .values_list("year", flat=True)
            .distinct()
        ),
    }
