"""The dong page (동단위 DB): its council, agenda, projects with 집행률, proposals, spaces
and facilities, groups, records, upcoming events and the resource survey; its XLSX and its
yearly booklet (PDF). A fixed number of queries however much the dong holds."""

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from maeul.archive.dong_page import dong_overview, groups_by_kind
from maeul.archive.forms import ResourceForm
from maeul.archive.services import survey
from maeul.archive.spreadsheet import dong_xlsx
from maeul.core.desk import RowDesk
from maeul.core.desk_steps import desk_step
from maeul.core.downloads import attachment
from maeul.core.permissions import Action, can
from maeul.core.query import whole_number
from maeul.core.spreadsheets import XLSX_TYPE
from maeul.places.models import Dong


def _dong(code: str) -> Dong:
    return get_object_or_404(Dong.objects.select_related("district__city"), code=code)


def _render(request: HttpRequest, dong: Dong, *, status: int = 200, **forms: Any) -> HttpResponse:
    now = timezone.now()
    year = whole_number(request.GET.get("year"), low=2000, high=2100)
    overview = dong_overview(dong, now=now, year=year)
    survey_decision = can(request.user, Action.SURVEY_RESOURCES, dong, now=now)
    context = {
        "o": overview,
        "dong": dong,
        "groups": groups_by_kind(overview.groups),
        "may_survey": bool(survey_decision),
        "form": forms.get("form")
        or (
            ResourceForm(initial={"surveyed_on": timezone.localdate(now)})
            if survey_decision
            else None
        ),
    }
    return render(request, "archive/dong.html", context, status=status)


def dong_page(request: HttpRequest, code: str) -> HttpResponse:
    return _render(request, _dong(code))


# Staff serving the dong add to its resource survey from its page, and come back to it (a
# dong's page is found by its code, not its pk: hence `done_url`).
DONG_PAGE = RowDesk(
    page=_render,
    url_name="archive:dong",
    action=Action.SURVEY_RESOURCES,
    done_url=lambda dong: reverse("archive:dong", args=[dong.code]) + "#resources-heading",
)


def resource_survey(request: HttpRequest, code: str) -> HttpResponse:
    """POST: add one finding of the dong's resource survey (staff serving the dong)."""
    dong = _dong(code)
    if request.method != "POST":
        return _render(request, dong)
    return desk_step(
        request,
        DONG_PAGE,
        dong,
        survey.record_resource,
        _("The resource was added to the survey."),
        form=ResourceForm(request.POST),
        form_key="form",
        dong=dong,
    )


# The files are Korean whatever the reader's language: officials pass them on as they are.
def export_xlsx(request: HttpRequest, code: str) -> HttpResponse:
    dong = _dong(code)
    with translation.override("ko"):
        overview = dong_overview(
            dong,
            now=timezone.now(),
            full=True,
            year=whole_number(request.GET.get("year"), low=2000, high=2100),
        )
        content = dong_xlsx(overview, base_url=request.build_absolute_uri("/").rstrip("/"))
    return attachment(content, XLSX_TYPE, f"dong-{dong.code}-{overview.year}.xlsx")


def booklet(request: HttpRequest, code: str, year: int) -> HttpResponse:
    """The dong's yearly booklet (PDF) handed out at the 성과공유회."""
    from maeul.archive.booklet import booklet_pdf

    dong = _dong(code)
    with translation.override("ko"):
        content = booklet_pdf(dong, year=year, now=timezone.now())
    return attachment(content, "application/pdf", f"booklet-{dong.code}-{year}.pdf")
