"""The district's capacity policy (district staff put a level in force) and the monthly
usage statistics of the spaces staff serve, with their XLSX."""

from typing import Any

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from maeul.core.dates import local_date
from maeul.core.desk import RowDesk
from maeul.core.downloads import attachment
from maeul.core.permissions import Action, scope_of, staff_required
from maeul.core.requests import acting
from maeul.core.spreadsheets import XLSX_TYPE
from maeul.places.models import District
from maeul.spaces.models import CapacityPolicy
from maeul.spaces.services import policy as services
from maeul.spaces.spreadsheet import usage_workbook
from maeul.spaces.statistics import month_bounds, totals, usage
from maeul.spaces.views.staff import staff_spaces


def _district(request: HttpRequest, pk: int) -> District:
    scope = scope_of(request.user)
    if not (scope.site_admin or pk in scope.district_ids):
        raise Http404
    return get_object_or_404(District, pk=pk)


def _render_policy(
    request: HttpRequest, district: District, *, status: int = 200, **forms: Any
) -> HttpResponse:
    return render(
        request,
        "spaces/staff/policy.html",
        {
            "district": district,
            "policies": list(CapacityPolicy.objects.filter(district=district)),
            "active": CapacityPolicy.objects.filter(district=district, is_active=True).first(),
        },
        status=status,
    )


POLICY_DESK = RowDesk(
    page=_render_policy, url_name="spaces:staff_policy", action=Action.SET_CAPACITY_POLICY
)


@staff_required
def policy_page(request: HttpRequest, pk: int) -> HttpResponse:
    return _render_policy(request, _district(request, pk))


@staff_required
@require_POST
def set_policy(request: HttpRequest, pk: int) -> HttpResponse:
    district, now = _district(request, pk), timezone.now()
    chosen = request.POST.get("policy", "")
    level = None
    if chosen:
        level = get_object_or_404(CapacityPolicy, district=district, pk=chosen)

    def act() -> str:
        outcome = services.set_capacity_policy(
            district=district, policy=level, **acting(request, now)
        )
        return _(
            "The capacity policy was changed: %(capped)d bookings capped, %(cancelled)d "
            "cancelled; their bookers were told."
        ) % {"capped": outcome.capped, "cancelled": outcome.cancelled}

    return POLICY_DESK.act(request, district, act, now=now)


def _month(request: HttpRequest) -> tuple[int, int]:
    today = local_date(timezone.now())
    try:
        year, month = (int(part) for part in request.GET.get("month", "").split("-"))
        month_bounds(year, month)
    except ValueError:
        return today.year, today.month
    return year, month


@staff_required
def statistics_page(request: HttpRequest) -> HttpResponse:
    year, month = _month(request)
    rows = usage(staff_spaces(request), *month_bounds(year, month))
    return render(
        request,
        "spaces/staff/statistics.html",
        {"rows": rows, "totals": totals(rows), "month": f"{year:04d}-{month:02d}"},
    )


@staff_required
def statistics_xlsx(request: HttpRequest) -> HttpResponse:
    year, month = _month(request)
    rows = usage(staff_spaces(request), *month_bounds(year, month))
    body = usage_workbook(f"{year}년 {month}월 공간 이용 현황", rows)
    return attachment(body, XLSX_TYPE, f"spaces-{year}-{month:02d}.xlsx")
