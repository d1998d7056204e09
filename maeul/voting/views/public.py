"""What residents and the public see and do: votes, the ballot, its review, the receipt, results.

The ballot is three steps that each work without JavaScript: choose (GET), review
(POST, nothing stored), submit (POST, one ballot, then a redirect to the receipt).
"""

import uuid

from django.contrib.auth.views import redirect_to_login
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from maeul.core.errors import RuleViolation
from maeul.core.permissions import Action, can
from maeul.voting.ballots import Choices, choice_rows, choices_from_form, encode
from maeul.voting.models import (
    TEMPLATE_CHOICES,
    Answer,
    Ballot,
    BallotType,
    Channel,
    Option,
    Phase,
    Vote,
    VoteStatus,
)
from maeul.voting.services import export
from maeul.voting.services.casting import cast_ballot, voter_status
from maeul.voting.views.downloads import attachment

RECEIPTS_PER_PAGE = 100


def _public_vote(pk: int) -> Vote:
    """A vote anyone may open: published, and not a simulation. Drafts do not exist here."""
    return get_object_or_404(Vote.objects.listed().select_related("district", "dong", "key"), pk=pk)


def _options(vote: Vote) -> list[Option]:
    return list(vote.options.select_related("dong", "proposal").order_by("number"))


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
    context = {
        **TEMPLATE_CHOICES,
        "vote": vote,
        "phase": vote.phase(now),
        "options": _options(vote),
        "status": voter_status(vote, request.user, now),
        # Counting keeps only the day a person voted (services/secrecy.py).
        "voted_at_format": "Y-m-d" if vote.phase(now) == Phase.COUNTED else "Y-m-d H:i",
        "is_staff": bool(can(request.user, Action.MANAGE_VOTE, vote, now=now)),
    }
    return render(request, "voting/detail.html", context)


def _ballot_page(
    request: HttpRequest, vote: Vote, *, error: str = "", chosen: Choices | None = None
) -> HttpResponse:
    options = _options(vote)
    context = {
        **TEMPLATE_CHOICES,
        "vote": vote,
        "rows": choice_rows(options, chosen or Choices()),
        "max_rank": vote.max_choices or len(options),
        "status": voter_status(vote, request.user, timezone.now()),
        "error": error,
    }
    return render(request, "voting/ballot.html", context, status=400 if error else 200)


def ballot_form(request: HttpRequest, pk: int) -> HttpResponse:
    vote = _public_vote(pk)
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    return _ballot_page(request, vote)


@require_POST
def ballot_review(request: HttpRequest, pk: int) -> HttpResponse:
    """Show the choices back before anything is stored; an invalid ballot returns to the form."""
    vote = _public_vote(pk)
    if not request.user.is_authenticated:
        return redirect_to_login(vote.get_absolute_url())
    now = timezone.now()
    options = _options(vote)
    try:
        choices = choices_from_form(vote, request.POST)
    except RuleViolation as refusal:
        return _ballot_page(request, vote, error=refusal.message)
    status = voter_status(vote, request.user, now)
    if not status.may_vote:
        return _ballot_page(request, vote, error=status.reason, chosen=choices)
    try:
        encode(vote, options, choices)
    except RuleViolation as refusal:
        return _ballot_page(request, vote, error=refusal.message, chosen=choices)
    by_id = {option.pk: option for option in options}
    chosen = [by_id[option_id] for option_id in choices.option_ids]
    if vote.ballot_type != BallotType.RANKING:
        chosen.sort(key=lambda option: option.number)
    answers = [(by_id[option_id], Answer(answer)) for option_id, answer in sorted(choices.answers)]
    total = sum(option.cost for option in chosen)
    context = {
        **TEMPLATE_CHOICES,
        "vote": vote,
        "chosen": chosen,
        "answers": answers,
        "total": total,
        "remaining": (vote.budget - total) if vote.budget is not None else None,
        "fields": _hidden_fields(vote, choices),
        "idempotency_key": uuid.uuid4().hex,
    }
    return render(request, "voting/review.html", context)


def _hidden_fields(vote: Vote, choices: Choices) -> list[tuple[str, str]]:
    if vote.ballot_type == BallotType.YES_NO:
        return [(f"answer_{option_id}", answer) for option_id, answer in choices.answers]
    if vote.ballot_type == BallotType.RANKING:
        return [
            (f"rank_{option_id}", str(rank))
            for rank, option_id in enumerate(choices.option_ids, start=1)
        ]
    return [("option", str(option_id)) for option_id in choices.option_ids]


@require_POST
def ballot_submit(request: HttpRequest, pk: int) -> HttpResponse:
    vote = _public_vote(pk)
    if not request.user.is_authenticated:
        return redirect_to_login(vote.get_absolute_url())
    if "change" in request.POST:  # the "change my choices" button of the review page
        return _ballot_page(request, vote, chosen=_readable_choices(vote, request))
    try:
        receipt = cast_ballot(
            vote=vote,
            user=request.user,
            choices=choices_from_form(vote, request.POST),
            now=timezone.now(),
            idempotency_key=request.POST.get("idempotency_key", "")[:64],
        )
    except RuleViolation as refusal:
        return _ballot_page(
            request, vote, error=refusal.message, chosen=_readable_choices(vote, request)
        )
    return redirect("voting:receipt", pk=vote.pk, code=receipt.code)


def _readable_choices(vote: Vote, request: HttpRequest) -> Choices:
    try:
        return choices_from_form(vote, request.POST)
    except RuleViolation:
        return Choices()


def receipt(request: HttpRequest, pk: int, code: str) -> HttpResponse:
    """The receipt: proof that a ballot was received, without what it says."""
    vote = _public_vote(pk)
    ballot = Ballot.objects.filter(vote=vote, receipt=code.upper()).first()
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
    query = request.GET.get("code", "").strip().upper()[:14]
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
