"""Forum pages: the public list and event page (register by group, cancel), and the staff
desks (the yearly 협치론장 target; attendance, table notes and the outcome of one forum)."""

from typing import Any

from django.contrib.auth.decorators import login_required
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from maeul.consultations.forms import OutcomeForm, TableNoteForm
from maeul.consultations.models import (
    Forum,
    Registration,
    RegistrationStatus,
    TargetGroup,
)
from maeul.consultations.services import forums
from maeul.core.desk import RowDesk, button_action, served_row
from maeul.core.errors import RuleViolation
from maeul.core.permissions import Action, can, scope_of, staff_required
from maeul.core.requests import acting
from maeul.councils.models import AgendaItem
from maeul.places.models import District
from maeul.plans.models import Project
from maeul.proposals.models import Proposal


def public_forums() -> QuerySet[Forum]:
    return Forum.objects.public().select_related("district", "dong", "proposal")


def forum_list(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "consultations/forum_list.html",
        {"forums": list(public_forums()), "now": timezone.now()},
    )


def forum_detail(request: HttpRequest, pk: int) -> HttpResponse:
    forum, now = get_object_or_404(public_forums(), pk=pk), timezone.now()
    mine = None
    if request.user.is_authenticated:
        mine = (
            forum.registrations.filter(user_id=request.user.pk)
            .exclude(status=RegistrationStatus.CANCELLED)
            .first()
        )
    taken = forum.registrations.filter(status=RegistrationStatus.REGISTERED).count()
    seats = forums.seats_of(forum)
    return render(
        request,
        "consultations/forum.html",
        {
            "forum": forum,
            "mine": mine,
            "seats": seats,
            "seats_left": max(seats.capacity - taken, 0),
            "register": can(request.user, Action.REGISTER_FOR_FORUM, forum, now=now),
            "groups": [(g, TargetGroup(g).label) for g in forum.target_groups],
            "notes": list(forum.table_notes.all()),
            "outcomes": list(forum.outcomes.select_related("proposal", "agenda_item", "project")),
            "now": now,
        },
    )


@login_required
@require_POST
def register(request: HttpRequest, pk: int) -> HttpResponse:
    forum = get_object_or_404(public_forums(), pk=pk)

    def act() -> str:
        registration = forums.register_for_forum(
            user=request.user,
            forum=forum,
            target_group=request.POST.get("target_group", ""),
            now=timezone.now(),
        )
        if registration.status == RegistrationStatus.WAITING:
            return _("The seats are taken: you are on the waiting list.")
        return _("You are registered for the forum.")

    return button_action(request, act, forum)


@login_required
@require_POST
def cancel(request: HttpRequest, pk: int) -> HttpResponse:
    registration = get_object_or_404(
        Registration.objects.select_related("forum"), pk=pk, user_id=request.user.pk
    )

    def act() -> str:
        forums.cancel_registration(user=request.user, registration=registration, now=timezone.now())
        return _("Your registration was cancelled.")

    return button_action(request, act, registration.forum)


@staff_required
def staff_forums(request: HttpRequest) -> HttpResponse:
    """The forums staff serve, and each district's 협치론장 against the yearly target."""
    now, scope = timezone.now(), scope_of(request.user)
    districts = (
        District.objects.all()
        if scope.site_admin
        else District.objects.filter(pk__in=scope.district_ids)
    )
    return render(
        request,
        "consultations/staff/forums.html",
        {
            "forums": list(scope.rows(Forum.objects.select_related("district", "dong"))),
            "targets": [(d, forums.governance_forums_by_year(d, now)) for d in districts],
            "now": now,
        },
    )


def _served(request: HttpRequest, pk: int) -> Forum:
    return served_row(request, Forum.objects.all(), pk)


def _desk(
    request: HttpRequest, forum: Forum, *, status: int = 200, **forms: object
) -> HttpResponse:
    context = {
        "forum": forum,
        "registrations": list(
            forum.registrations.exclude(status=RegistrationStatus.CANCELLED).select_related("user")
        ),
        "notes": list(forum.table_notes.all()),
        "seats": forums.seats_of(forum),
        "note_form": TableNoteForm(),
        "outcome_form": OutcomeForm(initial={"text": forum.outcome}),
        "now": timezone.now(),
        **forms,
    }
    return render(request, "consultations/staff/forum.html", context, status=status)


@staff_required
def forum_desk(request: HttpRequest, pk: int) -> HttpResponse:
    return _desk(request, _served(request, pk))


# Attendance, notes and the outcome of a forum, recorded from its desk (RECORD_FORUM); a
# refused form shows the refusal in the messages only.
FORUM_DESK = RowDesk(
    page=_desk,
    url_name="consultations:staff_forum",
    action=Action.RECORD_FORUM,
    errors_on_form=False,
)


@staff_required
@require_POST
def attendance(request: HttpRequest, pk: int) -> HttpResponse:
    forum = _served(request, pk)
    present = [int(v) for v in request.POST.getlist("present") if v.isdigit()]

    def act() -> str:
        came = forums.mark_attendance(
            forum=forum, present=present, **acting(request, timezone.now())
        )
        return _("Attendance recorded: %(count)d came.") % {"count": came}

    return FORUM_DESK.act(request, forum, act)


@staff_required
@require_POST
def table_note(request: HttpRequest, pk: int) -> HttpResponse:
    forum = _served(request, pk)
    form = TableNoteForm(request.POST)

    def act() -> str:
        forums.add_table_note(
            forum=forum,
            table=form.cleaned_data["table"],
            body=form.cleaned_data["body"],
            **acting(request, timezone.now()),
        )
        return _("The table's notes were added.")

    return FORUM_DESK.act(request, forum, act, form=form, form_key="note_form")


def _linked(rows: QuerySet[Any], ids: list[int], field: str, missing: str) -> list[Any]:
    """The rows numbered `ids`, refused (beside `field`) if one of them is not there."""
    found = list(rows.filter(pk__in=ids))
    if len(found) != len(set(ids)):
        raise RuleViolation(missing, code="links", field=field)
    return found


@staff_required
@require_POST
def outcome(request: HttpRequest, pk: int) -> HttpResponse:
    forum = _served(request, pk)
    form = OutcomeForm(request.POST)

    def act() -> str:
        data = form.cleaned_data
        forums.publish_outcome(
            forum=forum,
            text=data["text"],
            proposals=_linked(
                Proposal.objects.all(),
                data["proposals"],
                "proposals",
                _("There is no proposal with that number."),
            ),
            agenda_items=_linked(
                AgendaItem.objects.select_related("council"),
                data["agenda_items"],
                "agenda_items",
                _("There is no agenda item with that number."),
            ),
            projects=_linked(
                Project.objects.all(),
                data["projects"],
                "projects",
                _("There is no project with that number."),
            ),
            **acting(request, timezone.now()),
        )
        return _("The outcome is published.")

    return FORUM_DESK.act(request, forum, act, form=form, form_key="outcome_form")
