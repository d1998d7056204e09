"""Staff desk of one council event: the assembly's vote and its result, the minutes and
the attendance (see `views.access` for who reaches it)."""

from operator import attrgetter
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from maeul.core.desk import RowDesk, served_row
from maeul.core.permissions import Action, staff_required
from maeul.core.requests import acting
from maeul.councils.forms_agenda import AssemblyVoteForm, MinutesForm
from maeul.councils.models import CouncilEvent
from maeul.councils.services import assembly
from maeul.councils.services import events as event_services
from maeul.councils.views.access import require_manage


def _staff_event(request: HttpRequest, pk: int) -> CouncilEvent:
    return served_row(request, CouncilEvent.objects.select_related("council", "vote"), pk)


def _render_event_desk(
    request: HttpRequest, record: CouncilEvent, *, status: int = 200, **forms: Any
) -> HttpResponse:
    vote = record.vote
    context = {
        "event": record,
        "council": record.council,
        "items": record.agenda_items.order_by("pk"),
        "vote": vote,
        "outcome": assembly.shown_result(record) if vote is not None else None,
        "applied": record.is_result_applied(),
        "vote_form": forms.get("vote_form") or AssemblyVoteForm(),
        "minutes_form": forms.get("minutes_form")
        or MinutesForm(
            initial={
                "minutes": record.minutes,
                "attendance_on_site": record.attendance_on_site,
                "attendance_online": record.attendance_online,
            }
        ),
    }
    return render(request, "councils/staff/event_desk.html", context, status=status)


@staff_required
def staff_event(request: HttpRequest, pk: int) -> HttpResponse:
    record = _staff_event(request, pk)
    require_manage(request, record.council, timezone.now())
    return _render_event_desk(request, record)


# An event's desk asks of the event's council.
EVENT_DESK = RowDesk(
    page=_render_event_desk,
    url_name="councils:staff_event",
    action=Action.MANAGE_COUNCIL,
    asked_of=attrgetter("council"),
)


@staff_required
@require_POST
def staff_event_vote(request: HttpRequest, pk: int) -> HttpResponse:
    record, now = _staff_event(request, pk), timezone.now()
    form = AssemblyVoteForm(request.POST)

    def act() -> str:
        assembly.open_assembly_vote(event=record, **form.cleaned_data, **acting(request, now))
        return _("The assembly's vote was created and published.")

    return EVENT_DESK.act(request, record, act, now=now, form=form, form_key="vote_form")


@staff_required
@require_POST
def staff_event_result(request: HttpRequest, pk: int) -> HttpResponse:
    record, now = _staff_event(request, pk), timezone.now()

    def act() -> str:
        outcome = assembly.apply_assembly_result(event=record, **acting(request, now))
        passed = sum(1 for row in outcome.rows if row.passed)
        return _("The result was applied: %(passed)d of %(total)d agenda items passed.") % {
            "passed": passed,
            "total": len(outcome.rows),
        }

    return EVENT_DESK.act(request, record, act, now=now)


@staff_required
@require_POST
def staff_event_minutes(request: HttpRequest, pk: int) -> HttpResponse:
    record, now = _staff_event(request, pk), timezone.now()
    form = MinutesForm(request.POST)

    def act() -> str:
        event_services.publish_minutes(event=record, **form.cleaned_data, **acting(request, now))
        return _("The minutes were published.")

    return EVENT_DESK.act(request, record, act, now=now, form=form, form_key="minutes_form")
