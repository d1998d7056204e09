"""Public pages of agenda discovery, meetings and events, and writing an agenda item.

A council's agenda by year and status, an agenda item, a meeting, an event (from its
announcement day; the council's staff see it before). Members of a council and its staff
write agenda items. The staff desks are in `staff_agenda` and `staff_events`.
"""

from datetime import datetime
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ObjectDoesNotExist
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import NoReverseMatch
from django.utils import timezone
from django.utils.translation import gettext as _

from maeul.core.desk import RowDesk
from maeul.core.markup import render_markdown
from maeul.core.permissions import Action, can, require
from maeul.core.requests import client_ip
from maeul.councils.forms_agenda import AgendaItemForm
from maeul.councils.models import AgendaItem, AgendaStatus, Council, CouncilEvent, Meeting
from maeul.councils.services import agenda as agenda_services
from maeul.councils.services.agenda import agenda_item_url
from maeul.councils.services.assembly import shown_result
from maeul.councils.views.access import may_manage


def plan_year(now: datetime) -> int:
    """The year an agenda item is shaped for by default: next year's plan."""
    return timezone.localdate(now).year + 1


def _visible(events: QuerySet[CouncilEvent], staff: bool, now: datetime) -> list[CouncilEvent]:
    """The events a person sees: all for the council's staff, else the announced ones."""
    return [event for event in events if staff or event.is_announced(now)]


def agenda(request: HttpRequest, pk: int) -> HttpResponse:
    """A council's agenda items (filtered by year and status), its meetings and its events."""
    council = get_object_or_404(Council.objects.select_related("district", "dong"), pk=pk)
    now = timezone.now()
    items = council.agenda_items.select_related("section", "proposal").order_by(
        "-year", "status", "pk"
    )
    years = sorted(set(council.agenda_items.values_list("year", flat=True)), reverse=True)
    year = request.GET.get("year", "")
    if year.isdigit():
        items = items.filter(year=int(year))
    status = request.GET.get("status", "")
    if status in AgendaStatus.values:
        items = items.filter(status=status)
    staff = bool(may_manage(request.user, council, now))
    context = {
        "council": council,
        "items": items,
        "years": years,
        "year": year,
        "status": status,
        "statuses": AgendaStatus.choices,
        "meetings": council.meetings.select_related("section").order_by("-held_at")[:24],
        "events": _visible(council.events.order_by("-starts_at"), staff, now),
        "may_write": bool(can(request.user, Action.WRITE_AGENDA_ITEM, council, now=now)),
        "is_staff": staff,
    }
    return render(request, "councils/agenda.html", context)


def _project_url(item: AgendaItem) -> str:
    try:
        project = item.project
    except ObjectDoesNotExist:
        return ""
    try:
        return str(project.get_absolute_url())
    except NoReverseMatch:
        return ""  # the plans pages are not there yet


def agenda_item(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(
        AgendaItem.objects.select_related("council", "section", "proposal"), pk=pk
    )
    now = timezone.now()
    staff = bool(may_manage(request.user, item.council, now))
    events = _visible(item.events.order_by("starts_at"), staff, now)
    result = None
    for event in events:
        outcome = shown_result(event) if event.is_assembly else None
        row = outcome.row_for(item) if outcome is not None else None
        if row is not None:
            result = {"row": row, "outcome": outcome, "event": event}
    context = {
        "item": item,
        "council": item.council,
        "description_html": render_markdown(item.description),
        "origin": item.proposal if item.proposal and item.proposal.is_public else None,
        "events": events,
        "result": result,
        "project_url": _project_url(item),
        "is_staff": staff,
    }
    return render(request, "councils/agenda_item.html", context)


def meeting(request: HttpRequest, pk: int) -> HttpResponse:
    record = get_object_or_404(Meeting.objects.select_related("council", "section"), pk=pk)
    attendees = list(record.attendees.select_related("section").order_by("public_name"))
    context = {"meeting": record, "council": record.council, "attendees": attendees}
    return render(request, "councils/meeting.html", context)


def event(request: HttpRequest, pk: int) -> HttpResponse:
    """An event from its announcement day; before that it exists only for the council's staff."""
    record = get_object_or_404(
        CouncilEvent.objects.select_related("council__district", "council__dong", "vote"), pk=pk
    )
    now = timezone.now()
    staff = bool(may_manage(request.user, record.council, now))
    if not (staff or record.is_announced(now)):
        raise Http404
    vote = record.public_vote
    context = {
        "event": record,
        "council": record.council,
        "announced": record.is_announced(now),
        "items": record.agenda_items.select_related("section").order_by("pk"),
        "vote": vote,
        "outcome": shown_result(record) if vote is not None else None,
        "is_staff": staff,
    }
    return render(request, "councils/event.html", context)


def _agenda_form_page(
    request: HttpRequest, council: Council, *, form: AgendaItemForm, status: int = 200
) -> HttpResponse:
    context: dict[str, Any] = {"council": council, "form": form}
    return render(request, "councils/agenda_form.html", context, status=status)


# The form of a new agenda item, asked of its council; a done one goes to the item's page.
AGENDA_FORM = RowDesk(
    page=_agenda_form_page, url_name="councils:agenda", action=Action.WRITE_AGENDA_ITEM
)


@login_required
def agenda_write(request: HttpRequest, pk: int) -> HttpResponse:
    """Write an agenda item: members of the council (for their section) and its staff."""
    council = get_object_or_404(Council, pk=pk)
    now = timezone.now()
    if request.method != "POST":
        require(request.user, Action.WRITE_AGENDA_ITEM, council, now=now)
        form = AgendaItemForm(council=council, year=plan_year(now))
        return _agenda_form_page(request, council, form=form)
    form = AgendaItemForm(request.POST, council=council, year=plan_year(now))

    def act() -> tuple[str, str]:
        item = agenda_services.write_agenda_item(
            council=council,
            **form.cleaned_data,
            author=request.user,
            now=now,
            ip=client_ip(request),
        )
        return _("The agenda item was written."), agenda_item_url(item)

    return AGENDA_FORM.act(request, council, act, now=now, form=form, form_key="form")
