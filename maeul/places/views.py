from dataclasses import dataclass
from datetime import datetime

from django.db.models import Prefetch, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from maeul.core.permissions.base import ties_of
from maeul.councils.models import Council, CouncilEvent
from maeul.places.models import District, Dong
from maeul.proposals.models import Proposal
from maeul.voting.models import Vote

HOME_VOTES = 6
HOME_PROPOSALS = 5
HOME_EVENTS = 5
# Events are few (a handful a council each year): the next ones are read once and the
# not-yet-announced ones dropped, since each event has its own announcement day.
HOME_EVENTS_READ = 60


@dataclass(frozen=True)
class OpenVote:
    """An open vote with the whole days left until its close (0: it closes today)."""

    vote: Vote
    days_left: int


@dataclass(frozen=True)
class ResidentDong:
    """A dong the signed-in resident is tied to, its council and the votes open there."""

    dong: Dong
    council: Council | None
    votes: list[Vote]


def _open_votes(now: datetime) -> list[OpenVote]:
    votes = (
        Vote.objects.open_at(now)
        .filter(is_simulation=False)
        .select_related("district", "dong")
        .order_by("closes_at", "pk")[:HOME_VOTES]
    )
    today = timezone.localdate(now)
    return [OpenVote(vote, (timezone.localdate(vote.closes_at) - today).days) for vote in votes]


def _upcoming_events(now: datetime) -> list[CouncilEvent]:
    events = CouncilEvent.objects.upcoming(now).select_related("council__dong", "council__district")
    return [event for event in events[:HOME_EVENTS_READ] if event.is_announced(now)][:HOME_EVENTS]


def _resident_dongs(user: object, now: datetime) -> list[ResidentDong]:
    """The dongs of the person's current ties, with their councils and open votes."""
    dongs = {tie.dong.pk: tie.dong for tie in ties_of(user)}
    if not dongs:
        return []
    councils = {council.dong_id: council for council in Council.objects.filter(dong_id__in=dongs)}
    district_ids = {dong.district_id for dong in dongs.values()}
    votes = list(
        Vote.objects.open_at(now)
        .filter(is_simulation=False)
        .filter(Q(dong_id__in=dongs) | Q(dong__isnull=True, district_id__in=district_ids))
        .order_by("closes_at", "pk")
    )
    return [
        ResidentDong(
            dong=dong,
            council=councils.get(dong.pk),
            votes=[vote for vote in votes if vote.covers_dong(dong)],
        )
        for dong in dongs.values()
    ]


def home(request: HttpRequest) -> HttpResponse:
    """The front page: open votes, proposals, the next events, and the resident's dong."""
    now = timezone.now()
    proposals = Proposal.objects.public().select_related("district", "dong")
    user = request.user
    context = {
        "open_votes": _open_votes(now),
        "popular_proposals": list(
            proposals.order_by("-support_count", "-published_at", "-id")[:HOME_PROPOSALS]
        ),
        "new_proposals": list(proposals.order_by("-published_at", "-id")[:HOME_PROPOSALS]),
        "events": _upcoming_events(now),
        "my_dongs": _resident_dongs(user, now) if user.is_authenticated else [],
    }
    return render(request, "places/home.html", context)


def directory(request: HttpRequest) -> HttpResponse:
    """Every district with its dongs and their community service centres."""
    districts = District.objects.select_related("city").prefetch_related(
        Prefetch("dongs", queryset=Dong.objects.order_by("code"))
    )
    return render(request, "places/directory.html", {"districts": districts})


def district(request: HttpRequest, code: str) -> HttpResponse:
    """A district's home page: its dongs and their offices."""
    found = get_object_or_404(District.objects.select_related("city"), code=code)
    dongs = Dong.objects.in_district(found).order_by("code")
    return render(request, "places/district.html", {"district": found, "dongs": dongs})
