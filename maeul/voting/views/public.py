"""What residents and the public see: votes, receipts, results (the ballot: `ballot.py`)."""

from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone

from maeul.core.downloads import attachment
from maeul.core.permissions import Action, can
from maeul.voting.models import (
    TEMPLATE_CHOICES,
    Ballot,
    BallotType,
    Channel,
    Option,
    Phase,
    Vote,
    VoteStatus,
    normalise_receipt,
)
from maeul.voting.services import export
from maeul.voting.services.casting import receipt_of, voter_status

RECEIPTS_PER_PAGE = 100


def _public_vote(pk: int) -> Vote:
    """A vote anyone may open: published, and not a simulation. Drafts do not exist here."""
    return get_object_or_404(Vote.objects.listed().select_related("district", "dong", "key"), pk=pk)


def _options(vote: Vote) -> list[Option]:
    return list(vote.options.select_related("dong", "proposal").order_by("number"))


def how_counting_works(request: HttpRequest) -> HttpResponse:
    """A plain-Korean page on how ballots are counted and how anyone can recount."""
    return render(request, "voting/how_counting_works.html")


def vote_list(request: HttpRequest) -> HttpResponse:
    """The votes open now, coming up, and closed (counted or not)."""
    now = timezone.now()
    sections: dict[Phase, list[Vote]] = {Phase.OPEN: [], Phase.UPCOMING: [], Phase.CLOSED: []}
    for vote in Vote.objects.listed().select_related("district", "dong"):
        phase = vote.phase(now)
        sections[phase if phase in sections else Phase.CLOSED].append(vote)
    context = {
        "open_votes": sections[Phase.OPEN],
        "upcoming_votes": sections[Phase.UPCOMING],
        "closed_votes": sections[Phase.CLOSED],
        "now": now,
    }
    return render(request, "voting/list.html", context)


def vote_detail(request: HttpRequest, pk: int) -> HttpResponse:
    now = timezone.now()
    vote = _public_vote(pk)
    status = voter_status(vote, request.user, now)
    context = {
        **TEMPLATE_CHOICES,
        "vote": vote,
        "phase": vote.phase(now),
        "options": _options(vote),
        "status": status,
        "receipt_code": receipt_of(vote, status.participation) if status.participation else None,
        # Counting keeps only the day a person voted (services/secrecy.py).
        "voted_at_format": "Y-m-d" if vote.phase(now) == Phase.COUNTED else "Y-m-d H:i",
        "is_staff": bool(can(request.user, Action.MANAGE_VOTE, vote, now=now)),
    }
    return render(request, "voting/detail.html", context)


def receipt(request: HttpRequest, pk: int, code: str) -> HttpResponse:
    """The receipt: proof that a ballot was received, without what it says."""
    vote = _public_vote(pk)
    ballot = Ballot.objects.filter(vote=vote, receipt=normalise_receipt(code)).first()
    if ballot is None:
        raise Http404
    return render(
        request,
        "voting/receipt.html",
        {"vote": vote, "code": ballot.receipt, "counted": vote.status == VoteStatus.COUNTED},
    )


def receipt_list(request: HttpRequest, pk: int) -> HttpResponse:
    """Every receipt code of the vote, so each voter can check that their ballot is there."""
    vote = _public_vote(pk)
    query = normalise_receipt(request.GET.get("code", "")[:100])
    found = None
    if query:
        found = Ballot.objects.filter(vote=vote, receipt=query).exists()
    codes = (
        Ballot.objects.filter(vote=vote)
        .exclude(batch__confirmed_at__isnull=True, batch__isnull=False)
        .order_by("receipt")
        .values_list("receipt", flat=True)
    )
    page = Paginator(codes, RECEIPTS_PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "vote": vote,
        "page": page,
        "query": query,
        "found": found,
        "counted": vote.status == VoteStatus.COUNTED,
    }
    return render(request, "voting/receipts.html", context)


def result(request: HttpRequest, pk: int) -> HttpResponse:
    """The published result; before the count there is nothing to see."""
    vote = _public_vote(pk)
    vote_result = getattr(vote, "result", None)
    if vote_result is None:
        return render(request, "voting/no_result.html", {"vote": vote}, status=404)
    rows = vote_result.standings(_options(vote))
    turnout = vote_result.public_turnout()
    context = {
        **TEMPLATE_CHOICES,
        "vote": vote,
        "result": vote_result,
        "rows": rows,
        "top": max([row.score for row in rows], default=0) or 1,
        "selected_cost": sum(row.option.cost for row in rows if row.selected),
        "by_channel": [(Channel(channel), n) for channel, n in turnout.by_channel],
        "by_dong": turnout.by_dong,
        "turnout_total": turnout.total,
    }
    return render(request, "voting/result.html", context)


def _counted_vote(pk: int) -> Vote:
    vote = _public_vote(pk)
    if vote.status != VoteStatus.COUNTED:
        raise Http404
    return vote


def export_pb(request: HttpRequest, pk: int) -> HttpResponse:
    """The public ballot file in pabulib format, after the count only (not for yes/no votes)."""
    vote = _counted_vote(pk)
    if vote.ballot_type == BallotType.YES_NO:
        raise Http404
    return attachment(export.export_pb(vote), "text/plain; charset=utf-8", f"vote-{vote.pk}.pb")


def export_csv(request: HttpRequest, pk: int) -> HttpResponse:
    """The public ballots of a yes/no vote as CSV, after the count only."""
    vote = _counted_vote(pk)
    if vote.ballot_type != BallotType.YES_NO:
        raise Http404
    return attachment(
        export.export_yes_no_csv(vote), "text/csv; charset=utf-8", f"vote-{vote.pk}.csv"
    )
