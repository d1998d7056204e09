"""Staff desks of volunteering (`core.desk`): the activities, camps and clubs of the dongs
served, a new activity, an activity's shifts, proposed work (일감) to turn into an activity
or decline, and the export of confirmed hours for the 1365 portal."""

from typing import Any

from django.contrib import messages
from django.db.models import Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from maeul.core.access_log import record_access
from maeul.core.dates import seoul_day
from maeul.core.desk import PageDesk, RowDesk, first_error, served_row
from maeul.core.desk_steps import desk_step
from maeul.core.downloads import attachment
from maeul.core.models import AccessAction
from maeul.core.permissions import Action, can, require, scope_of, staff_required
from maeul.core.requests import acting, client_ip
from maeul.core.spreadsheets import XLSX_TYPE
from maeul.courses.models import Course
from maeul.places.models import District, Dong
from maeul.volunteering.figures import activity_figures, hours_text, with_places_left
from maeul.volunteering.forms import ActivityForm, DeclineForm, ExportForm, ShiftForm
from maeul.volunteering.models import (
    HoursRecord,
    VolunteerActivity,
    VolunteerCamp,
    VolunteerClub,
    WorkProposal,
)
from maeul.volunteering.portal_export import export_rows, hours_xlsx
from maeul.volunteering.services import organising
from maeul.volunteering.training import suggested_volunteers


def _organisers(request: HttpRequest) -> list[tuple[str, str]]:
    rows = scope_of(request.user)
    camps = rows.rows(VolunteerCamp.objects.select_related("dong").order_by("dong__code", "name"))
    clubs = rows.rows(VolunteerClub.objects.order_by("name"))
    return [(f"camp:{c.pk}", c.name) for c in camps] + [(f"club:{c.pk}", c.name) for c in clubs]


def _places(request: HttpRequest) -> list[tuple[str, str]]:
    """The district and dongs the staff member serves, for the export."""
    scope = scope_of(request.user)
    districts = District.objects.all()
    if not scope.site_admin:
        districts = districts.filter(pk__in=scope.district_ids)
    dongs = Dong.objects.filter(Q(pk__in=scope.dong_ids) | Q(district__in=districts))
    return [(f"district:{d.pk}", d.name) for d in districts] + [
        (f"dong:{d.pk}", d.name) for d in dongs.order_by("code")
    ]


def _activity_form(request: HttpRequest, data: Any = None) -> ActivityForm:
    """The new-activity form: the camps and clubs served, the trainings of their districts."""
    scope = scope_of(request.user)
    districts = set(scope.district_ids) | set(
        Dong.objects.filter(pk__in=scope.dong_ids).values_list("district_id", flat=True)
    )
    courses = (
        Course.objects.all()
        if scope.site_admin
        else Course.objects.filter(district_id__in=districts)
    )
    return ActivityForm(data, organisers=_organisers(request), courses=courses.order_by("title"))


def _render_desk(request: HttpRequest, *, status: int = 200, **forms: Any) -> HttpResponse:
    scope = scope_of(request.user)
    context = {
        "activities": list(
            scope.rows(VolunteerActivity.objects.public()).order_by("-created_at", "-pk")[:100]
        ),
        "camps": list(scope.rows(VolunteerCamp.objects.select_related("dong"))),
        "clubs": list(scope.rows(VolunteerClub.objects.all())),
        "proposals": list(
            scope.rows(WorkProposal.objects.select_related("camp", "activity")).order_by(
                "status", "-meeting_on"
            )[:50]
        ),
        "activity_form": forms.get("activity_form")
        or ActivityForm(organisers=_organisers(request)),
        "export_form": forms.get("export_form") or ExportForm(places=_places(request)),
        "decline_form": DeclineForm(),
    }
    return render(request, "volunteering/staff/desk.html", context, status=status)


# The declining form is not shown again (a fresh one on each proposal), so its refusal
# beside a field changes nothing; the new activity's is shown beside its fields.
STAFF_DESK = PageDesk(page=_render_desk, url_name="volunteering:staff_desk")


@staff_required
def desk(request: HttpRequest) -> HttpResponse:
    return _render_desk(request)


def _organiser(request: HttpRequest, value: str) -> dict[str, Any]:
    kind, _sep, pk = value.partition(":")
    model = VolunteerCamp if kind == "camp" else VolunteerClub
    row = served_row(request, model.objects.all(), int(pk))
    return {kind: row}


@staff_required
@require_POST
def create_activity(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    form = _activity_form(request, request.POST)

    def act() -> tuple[str, str]:
        data = dict(form.cleaned_data)
        organiser = _organiser(request, data.pop("organiser"))
        activity = organising.create_activity(**organiser, **data, **acting(request, now))
        return _("The activity was created. Add its shifts."), reverse(
            "volunteering:staff_activity", args=[activity.pk]
        )

    decision = can(request.user, Action.VIEW_STAFF_PAGES, now=now)
    return STAFF_DESK.act(request, act, decision=decision, form=form, form_key="activity_form")


def _staff_activity(request: HttpRequest, pk: int) -> VolunteerActivity:
    return served_row(request, VolunteerActivity.objects.public(), pk)


def _render_activity(
    request: HttpRequest, activity: VolunteerActivity, *, status: int = 200, **forms: Any
) -> HttpResponse:
    figures = activity_figures(activity)
    context = {
        "activity": activity,
        "shifts": list(with_places_left(activity.shifts.order_by("starts_at", "pk"))),
        "figures": figures,
        "total_hours": hours_text(figures.total_minutes),
        "suggested": suggested_volunteers(activity),
        "shift_form": forms.get("shift_form") or ShiftForm(),
        "manage": can(request.user, Action.MANAGE_VOLUNTEERING, activity, now=timezone.now()),
    }
    return render(request, "volunteering/staff/activity.html", context, status=status)


@staff_required
def activity_desk(request: HttpRequest, pk: int) -> HttpResponse:
    return _render_activity(request, _staff_activity(request, pk))


ACTIVITY_DESK = RowDesk(
    page=_render_activity, url_name="volunteering:staff_activity", action=Action.MANAGE_VOLUNTEERING
)


@staff_required
@require_POST
def add_shift(request: HttpRequest, pk: int) -> HttpResponse:
    activity = _staff_activity(request, pk)
    return desk_step(
        request,
        ACTIVITY_DESK,
        activity,
        organising.add_shift,
        _("The shift was added."),
        form=ShiftForm(request.POST),
        form_key="shift_form",
        activity=activity,
    )


@staff_required
@require_POST
def close(request: HttpRequest, pk: int) -> HttpResponse:
    activity = _staff_activity(request, pk)
    return desk_step(
        request,
        ACTIVITY_DESK,
        activity,
        organising.close_activity,
        _("The activity no longer takes sign-ups."),
        activity=activity,
    )


def _proposal(request: HttpRequest, pk: int) -> WorkProposal:
    return served_row(request, WorkProposal.objects.select_related("camp"), pk)


@staff_required
@require_POST
def accept_proposal(request: HttpRequest, pk: int) -> HttpResponse:
    proposal, now = _proposal(request, pk), timezone.now()

    def act() -> tuple[str, str]:
        activity = organising.accept_proposal(proposal=proposal, **acting(request, now))
        return _("The proposed work is now an activity. Add its shifts."), reverse(
            "volunteering:staff_activity", args=[activity.pk]
        )

    decision = can(request.user, Action.MANAGE_VOLUNTEERING, proposal, now=now)
    return STAFF_DESK.act(request, act, decision=decision)


@staff_required
@require_POST
def decline_proposal(request: HttpRequest, pk: int) -> HttpResponse:
    proposal = _proposal(request, pk)
    return desk_step(
        request,
        STAFF_DESK,
        proposal,
        organising.decline_proposal,
        _("The proposal was declined with your answer."),
        action=Action.MANAGE_VOLUNTEERING,
        form=DeclineForm(request.POST),
        proposal=proposal,
    )


@staff_required
def export_hours(request: HttpRequest) -> HttpResponse:
    """The confirmed hours of the dongs served, in a period, as the 1365 bulk-entry XLSX;
    the download is written to the personal-data access log with its reason."""
    form, now = ExportForm(request.GET, places=_places(request)), timezone.now()
    if not form.is_valid():
        messages.error(request, first_error(form))
        return _render_desk(request, status=400, export_form=form)
    data = form.cleaned_data
    kind, _sep, pk = data["place"].partition(":")
    place = get_object_or_404(District if kind == "district" else Dong, pk=int(pk))
    require(request.user, Action.EXPORT_VOLUNTEER_HOURS, place, now=now)
    records = HoursRecord.objects.filter(**{f"shift__activity__{kind}": place})
    rows = export_rows(records, data["starts_on"], data["ends_on"])
    body = hours_xlsx(rows)
    record_access(
        staff=request.user,
        subject="volunteers: confirmed hours for the 1365 portal",
        action=AccessAction.EXPORT,
        what=f"hours {seoul_day(data['starts_on'])}..{seoul_day(data['ends_on'])}",
        reason=data["reason"],
        ip=client_ip(request),
        now=now,
    )
    name = f"volunteer-hours-1365-{data['starts_on']:%Y%m%d}-{data['ends_on']:%Y%m%d}.xlsx"
    return attachment(body, XLSX_TYPE, name)
