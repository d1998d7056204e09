"""Staff desk of a council's agenda: its items and their status, proposals taken up,
meetings recorded and events scheduled (see `views.access` for who reaches it)."""

from datetime import datetime
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from maeul.core.desk import RowDesk, served_row
from maeul.core.permissions import Action, staff_required
from maeul.core.requests import acting
from maeul.councils.forms_agenda import (
    AgendaItemForm,
    EventForm,
    MeetingForm,
    PromoteForm,
    StatusForm,
)
from maeul.councils.models import AgendaItem, Council, CouncilMember
from maeul.councils.services import agenda as agenda_services
from maeul.councils.services import events as event_services
from maeul.councils.views.access import managed_council, staff_council
from maeul.councils.views.agenda import plan_year


def serving_members(council: Council, now: datetime) -> Any:
    """The members who may be ticked present at a meeting held today."""
    return (
        CouncilMember.objects.serving_on(council, timezone.localdate(now))
        .select_related("section")
        .order_by("public_name", "pk")
    )


def _render_desk(
    request: HttpRequest, council: Council, *, status: int = 200, **forms: Any
) -> HttpResponse:
    now = timezone.now()
    year = plan_year(now)
    members = serving_members(council, now)
    items = council.agenda_items.select_related("section", "proposal").order_by("-year", "pk")
    context = {
        "council": council,
        "rows": [
            {"item": item, "status_form": StatusForm(item=item, prefix=f"item{item.pk}")}
            for item in items
        ],
        "members": members,
        "meetings": council.meetings.select_related("section").order_by("-held_at")[:12],
        "events": council.events.select_related("vote").order_by("-starts_at"),
        "item_form": AgendaItemForm(council=council, year=year),
        "promote_form": PromoteForm(council=council, year=year),
        "meeting_form": MeetingForm(council=council, members=members),
        "event_form": EventForm(council=council, year=year),
        **forms,
    }
    return render(request, "councils/staff/agenda_desk.html", context, status=status)


@staff_required
def staff_agenda(request: HttpRequest, pk: int) -> HttpResponse:
    return _render_desk(request, managed_council(request, pk))


AGENDA_DESK = RowDesk(
    page=_render_desk, url_name="councils:staff_agenda", action=Action.MANAGE_COUNCIL
)


@staff_required
@require_POST
def staff_promote(request: HttpRequest, pk: int) -> HttpResponse:
    council, now = staff_council(request, pk), timezone.now()
    form = PromoteForm(request.POST, council=council, year=plan_year(now))

    def act() -> str:
        item = agenda_services.promote_proposal(
            council=council, **form.cleaned_data, **acting(request, now)
        )
        return _("“%(title)s” is now an agenda item; its author and supporters were told.") % {
            "title": item.title
        }

    return AGENDA_DESK.act(request, council, act, now=now, form=form, form_key="promote_form")


@staff_required
@require_POST
def staff_agenda_status(request: HttpRequest, pk: int) -> HttpResponse:
    item = served_row(request, AgendaItem.objects.select_related("council"), pk)
    now = timezone.now()
    form = StatusForm(request.POST, item=item, prefix=f"item{item.pk}")

    def act() -> str:
        agenda_services.change_agenda_status(item=item, **form.cleaned_data, **acting(request, now))
        return _("The status of “%(title)s” is now “%(status)s”.") % {
            "title": item.title,
            "status": item.get_status_display(),
        }

    return AGENDA_DESK.act(request, item.council, act, now=now, form=form)


@staff_required
@require_POST
def staff_meeting(request: HttpRequest, pk: int) -> HttpResponse:
    council, now = staff_council(request, pk), timezone.now()
    form = MeetingForm(request.POST, council=council, members=serving_members(council, now))

    def act() -> tuple[str, str]:
        record = agenda_services.record_meeting(
            council=council, **form.cleaned_data, **acting(request, now)
        )
        return _("The meeting was recorded."), reverse("councils:meeting", kwargs={"pk": record.pk})

    return AGENDA_DESK.act(request, council, act, now=now, form=form, form_key="meeting_form")


@staff_required
@require_POST
def staff_event_schedule(request: HttpRequest, pk: int) -> HttpResponse:
    council, now = staff_council(request, pk), timezone.now()
    form = EventForm(request.POST, council=council, year=plan_year(now))

    def act() -> tuple[str, str]:
        record = event_services.schedule_event(
            council=council, **form.cleaned_data, **acting(request, now)
        )
        notice = _("The event was scheduled; its announcement is public from %(date)s.") % {
            "date": record.announced_on().isoformat()
        }
        return notice, reverse("councils:staff_event", kwargs={"pk": record.pk})

    return AGENDA_DESK.act(request, council, act, now=now, form=form, form_key="event_form")
