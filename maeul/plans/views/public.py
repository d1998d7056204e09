"""Public pages of plans: the accountability tables (집행현황) and their files, a project,
and the results sharing (성과공유).

Everything here is public for projects of submitted and approved plans; receipts are not
(they are served to staff by `staff.spending.receipt`). Each page runs a fixed number of queries,
however many projects it lists.
"""

from typing import Any
from urllib.parse import urlencode

from django.core.files.storage import default_storage
from django.db.models import Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from maeul.core.downloads import attachment
from maeul.core.permissions import Action, can, scope_of
from maeul.core.spreadsheets import CSV_TYPE, XLSX_TYPE
from maeul.councils.models import Council
from maeul.places.models import District, Dong
from maeul.plans import exports
from maeul.plans.accountability import (
    Accountability,
    AccountabilityFilter,
    accountability_table,
    public_projects,
)
from maeul.plans.funding import parse_as_of
from maeul.plans.models import PUBLIC_PLAN_STATUSES, Programme, ProgressUpdate, Project
from maeul.plans.views.common import Place, resolve_place
from maeul.plans.views.display import dong_blocks
from maeul.plans.views.trail import money_trail

PHOTOS_PER_PROJECT = 3


# --- Accountability --------------------------------------------------------------------
def _title(place: Place) -> str:
    where = place.district.name
    if place.council is not None:
        where = place.council.name
    elif place.dong is not None:
        where = f"{place.district.name} {place.dong.name}"
    if place.wanted.year:
        return _("%(year)d budget execution: %(place)s") % {
            "year": place.wanted.year,
            "place": where,
        }
    return _("Budget execution: %(place)s") % {"place": where}


def _public_years(district: District) -> list[int]:
    """The years of the district's public projects, latest first."""
    return list(
        public_projects()
        .filter(district=district)
        .order_by("-year")
        .values_list("year", flat=True)
        .distinct()
    )


def _choices(place: Place) -> dict[str, Any]:
    """The filter form's choices: three queries."""
    district = place.district
    return {
        "districts": District.objects.order_by("code").values_list("code", "name"),
        "dongs": Dong.objects.filter(district=district)
        .order_by("code")
        .values_list("code", "name"),
        "councils": Council.objects.filter(district=district)
        .order_by("kind", "dong__code")
        .values_list("pk", "name"),
        "years": _public_years(district),
        "programmes": Programme.choices,
    }


def _export_query(wanted: AccountabilityFilter) -> str:
    return urlencode(wanted.as_params())


def accountability(request: HttpRequest) -> HttpResponse:
    """예산액 / 집행액 / 집행률 of the chosen district, dong, council, year and programme."""
    place = resolve_place(request.GET)
    as_of, as_of_error = parse_as_of(request.GET.get("as_of"), today=timezone.localdate())
    table = accountability_table(place.wanted, as_of=as_of)
    context = {
        "place": place,
        "wanted": place.wanted,
        "title": _title(place),
        "table": table,
        "as_of": as_of,
        "as_of_error": as_of_error,
        "blocks": dong_blocks(
            table, with_year=len(table.by_year) > 1, with_trail=as_of is not None
        ),
        "grouped": len(table.by_dong) > 1,
        "several_years": len(table.by_year) > 1,
        "export_query": _export_query(place.wanted),
        **_choices(place),
    }
    return render(request, "plans/accountability.html", context)


def _file_name(place: Place, extension: str) -> str:
    parts = ["accountability", place.district.code]
    if place.dong is not None:
        parts.append(place.dong.code)
    if place.council is not None:
        parts.append(f"council{place.council.pk}")
    parts.append(str(place.wanted.year) if place.wanted.year else "all")
    if place.wanted.programme:
        parts.append(place.wanted.programme)
    return "-".join(parts) + f".{extension}"


def _export_table(request: HttpRequest) -> tuple[Place, Accountability]:
    place = resolve_place(request.GET)
    return place, accountability_table(place.wanted)


# The files are Korean whatever the reader's language: officials pass them on as they are.
def export_xlsx(request: HttpRequest) -> HttpResponse:
    with translation.override("ko"):
        place, table = _export_table(request)
        content = exports.export_xlsx(table, title=_title(place))
    return attachment(content, XLSX_TYPE, _file_name(place, "xlsx"))


def export_csv(request: HttpRequest) -> HttpResponse:
    with translation.override("ko"):
        place, table = _export_table(request)
        content = exports.export_csv(table)
    return attachment(content, CSV_TYPE, _file_name(place, "csv"))


# --- A project -------------------------------------------------------------------------
def _visible_project(request: HttpRequest, pk: int) -> Project:
    """A project of a public plan, or one of a draft plan for the staff who serve it."""
    projects = public_projects()
    scope = scope_of(request.user)
    if scope.is_staff:
        projects = Project.objects.filter(
            Q(pk__in=public_projects().values("pk"))
            | Q(pk__in=scope.rows(Project.objects.all()).values("pk"))
        )
    project = (
        projects.select_related(
            "plan__council",
            "district",
            "dong",
            "section",
            "agenda_item",
            "origin_vote",
            "origin_option",
            "carried_from",
        )
        .filter(pk=pk)
        .first()
    )
    if project is None:
        raise Http404
    return project


def project_detail(request: HttpRequest, pk: int) -> HttpResponse:
    project = _visible_project(request, pk)
    now = timezone.now()
    trail = money_trail(request, project)
    context = {
        **trail,
        "project": project,
        "plan": project.plan,
        "council": project.plan.council,
        "entries": list(trail["entries_as_of"]),
        "updates": list(project.updates.order_by("-created_at", "-pk")),
        "may_record": bool(can(request.user, Action.RECORD_SPENDING, project, now=now)),
    }
    return render(request, "plans/project.html", context)


# --- Results sharing -------------------------------------------------------------------
def results_sharing(request: HttpRequest) -> HttpResponse:
    """성과공유: a district's projects of one year by dong, with outcomes, photos and 집행률."""
    place = resolve_place(request.GET)
    district = place.district
    years = _public_years(district)
    year = place.wanted.year or (years[0] if years else timezone.localdate().year)
    wanted = AccountabilityFilter(district=district.code, year=year)
    table = accountability_table(wanted)
    photos = (
        ProgressUpdate.objects.exclude(photo="")
        .filter(
            project__district=district,
            project__year=year,
            project__plan__status__in=PUBLIC_PLAN_STATUSES,
        )
        .order_by("project_id", "-created_at", "-pk")
        .values_list("project_id", "photo", "photo_alt")
    )
    by_project: dict[int, list[dict[str, str]]] = {}
    for project_id, photo, alt in photos:
        shown = by_project.setdefault(project_id, [])
        if len(shown) < PHOTOS_PER_PROJECT:
            shown.append({"url": default_storage.url(photo), "alt": alt})
    outcomes = dict(
        public_projects()
        .filter(district=district, year=year)
        .exclude(outcome="")
        .values_list("pk", "outcome")
    )
    groups = [
        {
            "group": group,
            "items": [
                {
                    "row": row,
                    "outcome": outcomes.get(row.pk, ""),
                    "photos": by_project.get(row.pk, []),
                }
                for row in group.rows
            ],
        }
        for group in table.by_dong
    ]
    context = {
        "district": district,
        "year": year,
        "years": years or [year],  # the year shown is always one to choose
        "districts": District.objects.order_by("code").values_list("code", "name"),
        "table": table,
        "groups": groups,
    }
    return render(request, "plans/results_sharing.html", context)
