"""The grants archive (공모사업 DB) and statistics, public; a call's applications as an XLSX
file for the staff who serve it. Parameters not understood are ignored with a message."""

from urllib.parse import urlencode

from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import translation

from maeul.core.downloads import attachment
from maeul.core.permissions import scope_of, staff_required
from maeul.core.spreadsheets import XLSX_TYPE
from maeul.grants import archive as store
from maeul.grants.archive import parse_filter
from maeul.grants.models import HANDED_IN, ApplicationStatus, GrantCall, Programme
from maeul.grants.spreadsheet import call_applications
from maeul.grants.views.staff import staff_call
from maeul.places.models import Dong

PAGE_SIZE = 20


def archive_page(request: HttpRequest) -> HttpResponse:
    wanted = parse_filter(request.GET)
    page = Paginator(store.archive(wanted), PAGE_SIZE).get_page(request.GET.get("page"))
    years = GrantCall.objects.public().values_list("year", flat=True).distinct().order_by("-year")
    dongs = Dong.objects.filter(
        pk__in=store.public_applications().values("dong_id")
    ).select_related("district")
    return render(
        request,
        "grants/archive.html",
        {
            "page": page,
            "wanted": wanted,
            "query": urlencode(wanted.as_query()),
            "programmes": Programme.choices,
            "statuses": [(value, ApplicationStatus(value).label) for value in HANDED_IN],
            "years": list(years),
            "dongs": list(dongs.order_by("code")),
            "calls": list(store.archive_calls(wanted)),
        },
    )


def statistics_page(request: HttpRequest) -> HttpResponse:
    return render(request, "grants/statistics.html", {"figures": store.statistics()})


@staff_required
def call_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    """The call's handed-in applications that the staff member serves (신청 현황)."""
    call = staff_call(request, pk)
    rows = scope_of(request.user).rows(call.applications.filter(status__in=HANDED_IN))
    with translation.override("ko"):
        content = call_applications(call, rows)
    response = attachment(content, XLSX_TYPE, f"grant-call-{call.pk}.xlsx")
    response["Cache-Control"] = "no-store"
    return response
