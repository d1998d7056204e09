"""Pages of agenda discovery, meetings and events, and the staff desk that runs them.

Public: a council's agenda by year and status, an agenda item, a meeting, an event (from
its announcement day; staff see it before). Members of a council and its staff write
agenda items. Staff of the council's dong or district run the desk; a council outside
their scope does not exist for them (404), and a person who is not staff gets 403.
"""

from collections.abc import Callable
from datetime import datetime
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from maeul.core.errors import RuleViolation
from maeul.core.markup import render_markdown
from maeul.core.permissions import Action, can
from maeul.core.requests import client_ip
from maeul.councils.forms_agenda import (
    AgendaItemForm,
    AssemblyVoteForm,
    EventForm,
    MeetingForm,
    MinutesForm,
    PromoteForm,
    StatusForm,
)
from maeul.councils.models import (
    AgendaItem,
    AgendaStatus,
    Council,
    CouncilEvent,
    EventKind,
    Meeting,
)
from maeul.councils.services import agenda as agenda_services
from maeul.councils.services import events as event_services
from maeul.councils.services.agenda import agenda_item_url, current_members
from maeul.voting.models import VoteStatus


def _today_year(now: datetime) -> int:
    return timezone.localdate(now).year


def _may_manage(user: Any, council: Council, now: datetime) -> bool:
    return bool(can(user, Action.MANAGE_COUNCIL, council, now=now))


def _outcome(event: CouncilEvent) -> event_services.AssemblyResult | None:
    try:
        return event_services.assembly_result(event)
    except RuleViolation:
        return None  # options changed by hand: the vote's own result page still shows the count


# --- Public pages --------------------------------------------------------------------------
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
    staff = _may_manage(request.user, council, now)
    events = council.events.order_by("-starts_at")
    context = {
        "council": council,
        "items": items,
        "years": years,
        "year": year,
        "status": status,
        "statuses": AgendaStatus.choices,
        "meetings": council.meetings.select_related("section").order_by("-held_at")[:24],
        "events": [event for event in events if staff or event_services.is_announced(event, now)],
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
    staff = _may_manage(request.user, item.council, now)
    events = [
        event
        for event in item.events.order_by("starts_at")
        if staff or event_services.is_announced(event, now)
    ]
    result = None
    for event in events:
        outcome = _outcome(event) if event.kind == EventKind.ASSEMBLY else None
        rows = [row for row in outcome.rows if row.item.pk == item.pk] if outcome else []
        if rows and outcome is not None:
            result = {"row": rows[0], "outcome": outcome, "event": event}
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
    staff = _may_manage(request.user, record.council, now)
    if not (staff or event_services.is_announced(record, now)):
        raise Http404
    vote = record.vote if record.vote and record.vote.status != VoteStatus.DRAFT else None
    context = {
        "event": record,
        "council": record.council,
        "announced": event_services.is_announced(record, now),
        "items": record.agenda_items.select_related("section").order_by("pk"),
        "vote": vote,
        "outcome": _outcome(record) if vote is not None else None,
        "is_staff": staff,
    }
    return render(request, "councils/event.html", context)


@login_required
def agenda_write(request: HttpRequest, pk: int) -> HttpResponse:
    """Write an agenda item: members of the council (for their section) and its staff."""
    council = get_object_or_404(Council, pk=pk)
    now = timezone.now()
    decision = can(request.user, Action.WRITE_AGENDA_ITEM, council, now=now)
    if not decision:
        raise PermissionDenied(decision.reason)
    form = AgendaItemForm(
        request.POST if request.method == "POST" else None,
        council=council,
        year=_today_year(now) + 1,
    )
    status = 200
    if request.method == "POST":
        if form.is_valid():
            data = form.cleaned_data
            try:
                item = agenda_services.write_agenda_item(
                    council=council,
                    title=data["title"],
                    description=data["description"],
                    year=data["year"],
                    section=data["section"],
                    estimated_cost=data["estimated_cost"],
                    author=request.user,
                    now=now,
                    ip=client_ip(request),
                )
            except RuleViolation as refusal:
                form.add_error(None, refusal.message)
            else:
                messages.success(request, _("The agenda item was written."))
                return redirect(agenda_item_url(item))
        status = 400
    return render(
        request, "councils/agenda_form.html", {"council": council, "form": form}, status=status
    )


# --- Staff desk ----------------------------------------------------------------------------
def _staff_council(request: HttpRequest, pk: int) -> Council:
    """The council if the staff member runs it; 403 for non-staff, 404 outside their scope."""
    decision = can(request.user, Action.VIEW_STAFF_PAGES, now=timezone.now())
    if not decision:
        raise PermissionDenied(decision.reason)
    council = get_object_or_404(Council.objects.select_related("district", "dong"), pk=pk)
    if not _may_manage(request.user, council, timezone.now()):
        raise Http404
    return council


def _desk_forms(council: Council, now: datetime, members: QuerySet[Any]) -> dict[str, Any]:
    year = _today_year(now) + 1
    return {
        "item_form": AgendaItemForm(council=council, year=year),
        "promote_form": PromoteForm(council=council, year=year),
        "meeting_form": MeetingForm(council=council, members=members),
        "event_form": EventForm(council=council, year=year),
    }


def _render_desk(
    request: HttpRequest, council: Council, *, status: int = 200, **forms: Any
) -> HttpResponse:
    now = timezone.now()
    members = current_members(council, timezone.localdate(now))
    items = list(council.agenda_items.select_related("section", "proposal").order_by("-year", "pk"))
    context = {
        "council": council,
        "rows": [
            {"item": item, "status_form": StatusForm(item=item, prefix=f"item{item.pk}")}
            for item in items
        ],
        "members": members,
        "meetings": council.meetings.select_related("section").order_by("-held_at")[:12],
        "events": council.events.select_related("vote").order_by("-starts_at"),
        **_desk_forms(council, now, members),
        **forms,
    }
    return render(request, "councils/staff/agenda_desk.html", context, status=status)


@login_required
def staff_agenda(request: HttpRequest, pk: int) -> HttpResponse:
    return _render_desk(request, _staff_council(request, pk))


def _first_error(form: Any) -> str:
    return str(next(iter(form.errors.values()))[0])


# What a staff action tells the staff member, and optionally where to go next.
Outcome = str | tuple[str, str]


def _act(
    request: HttpRequest,
    form: Any,
    act: Callable[[], Outcome],
    on_error: Callable[[], HttpResponse],
    done_url: str,
) -> HttpResponse:
    """Run one staff action: an invalid form or a refusal re-renders (400), success redirects."""
    if form is not None and not form.is_valid():
        messages.error(request, _first_error(form))
        return on_error()
    try:
        outcome = act()
    except RuleViolation as refusal:
        messages.error(request, refusal.message)
        if form is not None:
            form.add_error(None, refusal.message)
        return on_error()
    notice, url = outcome if isinstance(outcome, tuple) else (outcome, done_url)
    messages.success(request, notice)
    return redirect(url)


def _desk_url(council: Council) -> str:
    return reverse("councils:staff_agenda", kwargs={"pk": council.pk})


@login_required
@require_POST
def staff_promote(request: HttpRequest, pk: int) -> HttpResponse:
    council, now = _staff_council(request, pk), timezone.now()
    form = PromoteForm(request.POST, council=council, year=_today_year(now) + 1)

    def act() -> str:
        item = agenda_services.promote_proposal(
            proposal=form.cleaned_data["proposal"],
            council=council,
            year=form.cleaned_data["year"],
            section=form.cleaned_data["section"],
            staff=request.user,
            now=now,
            ip=client_ip(request),
        )
        return _("“%(title)s” is now an agenda item; its author and supporters were told.") % {
            "title": item.title
        }

    return _act(
        request,
        form,
        act,
        lambda: _render_desk(request, council, status=400, promote_form=form),
        _desk_url(council),
    )


@login_required
@require_POST
def staff_agenda_status(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(AgendaItem.objects.select_related("council"), pk=pk)
    council, now = _staff_council(request, item.council_id), timezone.now()
    form = StatusForm(request.POST, item=item, prefix=f"item{item.pk}")

    def act() -> str:
        agenda_services.change_agenda_status(
            item=item,
            status=form.cleaned_data["status"],
            reason=form.cleaned_data["reason"],
            staff=request.user,
            now=now,
            ip=client_ip(request),
        )
        return _("The status of “%(title)s” is now “%(status)s”.") % {
            "title": item.title,
            "status": item.get_status_display(),
        }

    return _act(
        request, form, act, lambda: _render_desk(request, council, status=400), _desk_url(council)
    )


@login_required
@require_POST
def staff_meeting(request: HttpRequest, pk: int) -> HttpResponse:
    council, now = _staff_council(request, pk), timezone.now()
    form = MeetingForm(
        request.POST, council=council, members=current_members(council, timezone.localdate(now))
    )

    def act() -> Outcome:
        data = form.cleaned_data
        record = agenda_services.record_meeting(
            council=council,
            kind=data["kind"],
            held_at=data["held_at"],
            place=data["place"],
            attendees=list(data["attendees"]),
            guests=data["guests"],
            minutes=data["minutes"],
            section=data["section"],
            staff=request.user,
            now=now,
            ip=client_ip(request),
        )
        return _("The meeting was recorded."), reverse("councils:meeting", kwargs={"pk": record.pk})

    return _act(
        request,
        form,
        act,
        lambda: _render_desk(request, council, status=400, meeting_form=form),
        _desk_url(council),
    )


@login_required
@require_POST
def staff_event_schedule(request: HttpRequest, pk: int) -> HttpResponse:
    council, now = _staff_council(request, pk), timezone.now()
    form = EventForm(request.POST, council=council, year=_today_year(now) + 1)

    def act() -> Outcome:
        data = form.cleaned_data
        record = event_services.schedule_event(
            council=council,
            kind=data["kind"],
            year=data["year"],
            title=data["title"],
            description=data["description"],
            starts_at=data["starts_at"],
            place=data["place"],
            online_link=data["online_link"],
            announce_days=data["announce_days"],
            agenda_items=list(data["agenda_items"]),
            staff=request.user,
            now=now,
            ip=client_ip(request),
        )
        notice = _("The event was scheduled; its announcement is public from %(date)s.") % {
            "date": record.announced_on().isoformat()
        }
        return notice, _event_desk_url(record)

    return _act(
        request,
        form,
        act,
        lambda: _render_desk(request, council, status=400, event_form=form),
        _desk_url(council),
    )


# --- Staff: one event ----------------------------------------------------------------------
def _staff_event(request: HttpRequest, pk: int) -> CouncilEvent:
    record = get_object_or_404(CouncilEvent.objects.select_related("council", "vote"), pk=pk)
    _staff_council(request, record.council_id)
    return record


def _render_event_desk(
    request: HttpRequest, record: CouncilEvent, *, status: int = 200, **forms: Any
) -> HttpResponse:
    vote = record.vote
    context = {
        "event": record,
        "council": record.council,
        "items": record.agenda_items.order_by("pk"),
        "vote": vote,
        "outcome": _outcome(record) if vote is not None else None,
        "applied": not record.agenda_items.filter(status=AgendaStatus.ON_ASSEMBLY).exists(),
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


def _event_desk_url(record: CouncilEvent) -> str:
    return reverse("councils:staff_event", kwargs={"pk": record.pk})


@login_required
def staff_event(request: HttpRequest, pk: int) -> HttpResponse:
    return _render_event_desk(request, _staff_event(request, pk))


@login_required
@require_POST
def staff_event_vote(request: HttpRequest, pk: int) -> HttpResponse:
    record, now = _staff_event(request, pk), timezone.now()
    form = AssemblyVoteForm(request.POST)

    def act() -> str:
        event_services.open_assembly_vote(
            event=record,
            opens_at=form.cleaned_data["opens_at"],
            closes_at=form.cleaned_data["closes_at"],
            channels=list(form.cleaned_data["channels"]),
            staff=request.user,
            now=now,
            ip=client_ip(request),
        )
        return _("The assembly's vote was created and published.")

    return _act(
        request,
        form,
        act,
        lambda: _render_event_desk(request, record, status=400, vote_form=form),
        _event_desk_url(record),
    )


@login_required
@require_POST
def staff_event_result(request: HttpRequest, pk: int) -> HttpResponse:
    record, now = _staff_event(request, pk), timezone.now()

    def act() -> str:
        outcome = event_services.apply_assembly_result(
            event=record, staff=request.user, now=now, ip=client_ip(request)
        )
        passed = sum(1 for row in outcome.rows if row.passed)
        return _("The result was applied: %(passed)d of %(total)d agenda items passed.") % {
            "passed": passed,
            "total": len(outcome.rows),
        }

    return _act(
        request,
        None,
        act,
        lambda: _render_event_desk(request, record, status=400),
        _event_desk_url(record),
    )


@login_required
@require_POST
def staff_event_minutes(request: HttpRequest, pk: int) -> HttpResponse:
    record, now = _staff_event(request, pk), timezone.now()
    form = MinutesForm(request.POST)

    def act() -> str:
        event_services.publish_minutes(
            event=record,
            minutes=form.cleaned_data["minutes"],
            attendance_on_site=form.cleaned_data["attendance_on_site"],
            attendance_online=form.cleaned_data["attendance_online"],
            staff=request.user,
            now=now,
            ip=client_ip(request),
        )
        return _("The minutes were published.")

    return _act(
        request,
        form,
        act,
        lambda: _render_event_desk(request, record, status=400, minutes_form=form),
        _event_desk_url(record),
    )
