"""Public pages of the archive: the records (filters: dong, year, tag, kind), a record, the
exhibitions and one exhibition. Reads only, a fixed number of queries per page.

Text is shown escaped (a `<script>` someone typed is shown as text, never run); video links
are shown as links, never embedded.
"""

from typing import Any
from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render

from maeul.archive.dong_page import public_records
from maeul.archive.models import (
    ArchiveRecord,
    Exhibition,
    ExhibitionItem,
    RecordKind,
)
from maeul.core.permissions.archive import may_read_record
from maeul.core.query import one_of, place_code, whole_number
from maeul.places.models import Dong

PAGE_SIZE = 20


def _filters(request: HttpRequest) -> dict[str, Any]:
    tag = " ".join(request.GET.get("tag", "").replace("#", " ").split())[:30]
    return {
        "dong": place_code(request.GET.get("dong")),
        "year": whole_number(request.GET.get("year"), low=1990, high=2100),
        "tag": tag or None,
        "kind": one_of(request.GET.get("kind"), RecordKind.values),
    }


def record_list(request: HttpRequest) -> HttpResponse:
    wanted = _filters(request)
    rows = public_records().matching(**wanted)
    page = Paginator(rows, PAGE_SIZE).get_page(request.GET.get("page"))
    public = ArchiveRecord.objects.public()
    context = {
        "page": page,
        "wanted": wanted,
        "query": urlencode({k: v for k, v in wanted.items() if v}),
        "dongs": Dong.objects.filter(district__in=public.values("district_id"))
        .order_by("code")
        .values_list("code", "name"),
        "years": list(public.order_by("-year").values_list("year", flat=True).distinct()),
        "kinds": RecordKind.choices,
        "exhibitions": list(Exhibition.objects.public()[:4]),
    }
    return render(request, "archive/record_list.html", context)


def _visible_record(request: HttpRequest, pk: int) -> ArchiveRecord:
    """The record, if the user may read it (`may_read_record`); 404 otherwise."""
    record = (
        ArchiveRecord.objects.select_related("district", "dong", "group", "project", "event")
        .prefetch_related("tags", "photos", "documents")
        .filter(pk=pk)
        .first()
    )
    if record is None or not may_read_record(request.user, record):
        raise Http404
    return record


def record_detail(request: HttpRequest, pk: int) -> HttpResponse:
    record = _visible_record(request, pk)
    exhibitions = list(Exhibition.objects.public().filter(items__record=record).distinct())
    return render(
        request, "archive/record_detail.html", {"record": record, "exhibitions": exhibitions}
    )


def exhibition_list(request: HttpRequest) -> HttpResponse:
    exhibitions = Exhibition.objects.public().select_related("district", "dong")
    return render(request, "archive/exhibition_list.html", {"exhibitions": exhibitions})


def exhibition_detail(request: HttpRequest, pk: int) -> HttpResponse:
    exhibition = get_object_or_404(
        Exhibition.objects.public().select_related("district", "dong"), pk=pk
    )
    items = (
        ExhibitionItem.objects.filter(
            exhibition=exhibition, record__in=ArchiveRecord.objects.public()
        )
        .select_related("record__dong")
        .prefetch_related(Prefetch("record__photos"))
        .order_by("order", "pk")
    )
    return render(
        request, "archive/exhibition_detail.html", {"exhibition": exhibition, "items": list(items)}
    )
