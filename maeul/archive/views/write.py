"""Writing records: staff publish for the places they serve, community recorders
(마을기록가) submit for their district; the staff desk approves or withdraws."""

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from maeul.archive.forms import RecordForm
from maeul.archive.models import ArchiveRecord
from maeul.archive.services import records
from maeul.core.desk import PageDesk, form_page, served_row
from maeul.core.desk_steps import desk_step
from maeul.core.permissions import Action, can, scope_of, staff_required
from maeul.core.requests import client_ip
from maeul.places.models import District, Dong


def _districts_of(user: Any) -> list[District]:
    """The districts a person may write records for: served as staff, or as a recorder."""
    scope = scope_of(user)
    ids = set(scope.district_ids) | set(scope.recorder_district_ids)
    ids |= set(Dong.objects.filter(pk__in=scope.dong_ids).values_list("district_id", flat=True))
    rows = District.objects.order_by("code")
    return list(rows if scope.site_admin else rows.filter(pk__in=ids))


@login_required
def new_record(request: HttpRequest) -> HttpResponse:
    districts = _districts_of(request.user)
    chosen = next((d for d in districts if d.code == request.GET.get("district")), None)
    district = chosen or (districts[0] if districts else None)
    now = timezone.now()
    if district is None:
        decision = can(request.user, Action.PUBLISH_RECORD, None, now=now)
        return render(request, "archive/record_form.html", {"decision": decision}, status=403)
    data = request.POST if request.method == "POST" else None
    form = RecordForm(data, request.FILES or None, district=district)
    place = district
    if form.is_bound and form.is_valid() and form.cleaned_data["dong"] is not None:
        place = form.cleaned_data["dong"]
    decision = can(request.user, Action.PUBLISH_RECORD, place, now=now)

    def act() -> tuple[str, str]:
        data = form.cleaned_data
        record = records.submit_record(
            place=place,
            title=data["title"],
            body=data["body"],
            kind=data["kind"],
            year=data["year"],
            tags=data["tags"],
            video_url=data["video_url"],
            photo=data["photo"],
            photo_alt=data["photo_alt"],
            document=data["document"],
            author=request.user,
            now=now,
            ip=client_ip(request),
        )
        if record.is_public:
            return _("The record was published."), record.get_absolute_url()
        return _("The record was sent. Staff will read it before it is published."), (
            record.get_absolute_url()
        )

    context = {"form": form, "district": district, "districts": districts, "decision": decision}
    return form_page(
        request, form=form, act=act, template="archive/record_form.html", context=context
    )


def _desk(request: HttpRequest, *, status: int = 200, **forms: Any) -> HttpResponse:
    rows = scope_of(request.user).rows(ArchiveRecord.objects.all())
    context = {
        "waiting": list(rows.awaiting_approval().select_related("dong", "district")),
        "recent": list(
            rows.public().select_related("dong", "district").order_by("-published_at", "-pk")[:20]
        ),
    }
    return render(request, "archive/staff/desk.html", context, status=status)


@staff_required
def desk(request: HttpRequest) -> HttpResponse:
    """Records awaiting approval, and the latest published, of the places staff serve."""
    return _desk(request)


RECORDS_DESK = PageDesk(page=_desk, url_name="archive:desk")


def _record_action(request: HttpRequest, pk: int, service: Any, notice: str) -> HttpResponse:
    record = served_row(request, ArchiveRecord.objects.all(), pk)
    return desk_step(
        request, RECORDS_DESK, record, service, notice, action=Action.APPROVE_RECORD, record=record
    )


@staff_required
@require_POST
def approve(request: HttpRequest, pk: int) -> HttpResponse:
    return _record_action(request, pk, records.approve_record, _("The record was published."))


@staff_required
@require_POST
def withdraw(request: HttpRequest, pk: int) -> HttpResponse:
    return _record_action(
        request, pk, records.withdraw_record, _("The record was taken off the archive.")
    )
