"""Public pages: activities with their shifts and places left, camps and clubs, one
activity (with sign-up for residents), and the certificate check. Reads only."""

from typing import Any

from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from maeul.core.certificates import clean_number, masked_name
from maeul.core.permissions import Action, can
from maeul.volunteering.figures import activity_figures, places_left, with_places_left
from maeul.volunteering.forms import GroupSignUpForm, WorkProposalForm
from maeul.volunteering.models import (
    Certificate,
    MemberRole,
    Membership,
    Shift,
    SignUp,
    VolunteerActivity,
    VolunteerCamp,
    VolunteerClub,
)
from maeul.volunteering.services.sign_ups import LIVE, sign_up_refusal, waiting_position
from maeul.volunteering.training import missing_training

LIST_SIZE = 50


def public_activities() -> QuerySet[VolunteerActivity]:
    """Every activity with its organiser; its shifts to come (with places taken) prefetched
    as `upcoming` (the lists show the next few)."""
    shifts = Shift.objects.filter(starts_at__gt=timezone.now()).order_by("starts_at", "pk")
    return (
        VolunteerActivity.objects.public()
        .prefetch_related(Prefetch("shifts", queryset=with_places_left(shifts), to_attr="upcoming"))
        .order_by("-created_at", "-pk")
    )


def activity_list(request: HttpRequest) -> HttpResponse:
    activities = list(public_activities()[:LIST_SIZE])
    return render(request, "volunteering/activity_list.html", {"activities": activities})


def camp_list(request: HttpRequest) -> HttpResponse:
    camps = VolunteerCamp.objects.select_related("dong").order_by("dong__code", "name")
    clubs = VolunteerClub.objects.select_related("dong").order_by("name")
    return render(request, "volunteering/camp_list.html", {"camps": camps, "clubs": clubs})


def _leaders(**group: Any) -> list[Any]:
    memberships = Membership.objects.filter(role=MemberRole.LEADER, **group).select_related("user")
    return [membership.user for membership in memberships]


def _organiser_context(kind: str, organiser: VolunteerCamp | VolunteerClub) -> dict[str, Any]:
    """The page of a camp or a club (`kind`): it, its leaders, its number of members and its
    latest activities."""
    group = {kind: organiser}
    return {
        kind: organiser,
        "leaders": _leaders(**group),
        "members": organiser.members.count(),
        "activities": list(public_activities().filter(**group)[:50]),
    }


def camp_detail(request: HttpRequest, pk: int) -> HttpResponse:
    camp = get_object_or_404(VolunteerCamp.objects.select_related("dong"), pk=pk)
    context = {
        **_organiser_context("camp", camp),
        "proposals": list(camp.proposals.select_related("activity")[:50]),
        "may_propose": can(request.user, Action.PROPOSE_WORK, camp, now=timezone.now()),
        "proposal_form": WorkProposalForm(),
    }
    return render(request, "volunteering/camp_detail.html", context)


def club_detail(request: HttpRequest, pk: int) -> HttpResponse:
    club = get_object_or_404(VolunteerClub.objects.select_related("dong"), pk=pk)
    context = _organiser_context("club", club)
    return render(request, "volunteering/club_detail.html", context)


def activity_context(request: HttpRequest, activity: VolunteerActivity) -> dict[str, Any]:
    """The activity page: its shifts with places left (and how many wait) and, for the
    signed-in person, whether and why not they may sign up or join a full shift's waiting
    list, and their own sign-ups (and place in line)."""
    now, user = timezone.now(), request.user
    shifts = list(with_places_left(activity.shifts.order_by("starts_at", "pk")))
    mine: dict[int, SignUp] = {}
    refusal = ""
    if user.is_authenticated:
        mine = {
            s.shift_id: s
            for s in SignUp.objects.filter(
                user_id=user.pk, shift__activity=activity, status__in=LIVE
            )
        }
        refusal = sign_up_refusal(user, shifts[0], now) if shifts else ""
    rows = []
    for shift in shifts:
        decision = can(user, Action.SIGN_UP_VOLUNTEER, shift, now=now)
        own = mine.get(shift.pk)
        rows.append(
            {
                "shift": shift,
                "left": places_left(shift),
                "mine": own,
                "position": waiting_position(own) if own is not None else None,
                "decision": decision,
                "may_lead": can(user, Action.CONFIRM_VOLUNTEER_HOURS, shift, now=now),
            }
        )
    return {
        "activity": activity,
        "rows": rows,
        "refusal": refusal,
        "course": getattr(activity, "required_course", None),
        "missing_course": missing_training(user, activity) if user.is_authenticated else None,
        "figures": activity_figures(activity),
        "group_form": GroupSignUpForm(),
    }


def activity_detail(request: HttpRequest, pk: int) -> HttpResponse:
    activity = get_object_or_404(VolunteerActivity.objects.public(), pk=pk)
    return render(request, "volunteering/activity_detail.html", activity_context(request, activity))


def certificate_check(request: HttpRequest) -> HttpResponse:
    """Whether a certificate number was issued, and for what hours (the name shown masked)."""
    number = clean_number(request.GET.get("number", ""))
    certificate = (
        Certificate.objects.select_related("user", "activity").filter(number=number).first()
        if number
        else None
    )
    masked = masked_name(certificate.user.public_name) if certificate is not None else ""
    return render(
        request,
        "volunteering/certificate_check.html",
        {"number": number, "certificate": certificate, "masked_name": masked},
    )
