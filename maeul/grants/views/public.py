"""Public pages of grants: the calls (open ones first) and one call's notice, timeline and
expense categories. Drafts and applications are never public here; each page runs a fixed
number of queries."""

from datetime import datetime

from django.db.models import Case, IntegerField, QuerySet, Value, When
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from maeul.core.model_parts import OPEN, UPCOMING, period_is
from maeul.grants.models import CommunityGroup, GrantCall, Reviewer


def public_calls(now: datetime) -> QuerySet[GrantCall]:
    """Published calls: open ones first, then those about to open, then the past."""
    return (
        GrantCall.objects.public()
        .select_related("district", "dong")
        .annotate(
            open_first=Case(
                When(period_is(OPEN, now), then=Value(0)),
                When(period_is(UPCOMING, now), then=Value(1)),
                default=Value(2),
                output_field=IntegerField(),
            )
        )
        .order_by("open_first", "-year", "-opens_at", "pk")
    )


def call_list(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    user = request.user
    reviewing = user.is_authenticated and Reviewer.objects.filter(user_id=user.pk).exists()
    return render(
        request,
        "grants/call_list.html",
        {"calls": list(public_calls(now)), "now": now, "reviewing": reviewing},
    )


def call_detail(request: HttpRequest, pk: int) -> HttpResponse:
    now = timezone.now()
    call = get_object_or_404(public_calls(now), pk=pk)
    groups = []
    if request.user.is_authenticated:
        groups = list(CommunityGroup.objects.filter(representative=request.user).order_by("name"))
    return render(
        request,
        "grants/call_detail.html",
        {
            "call": call,
            "is_open": call.is_open(now),
            "categories": list(call.categories.all()),
            "groups": groups,
            "now": now,
        },
    )
