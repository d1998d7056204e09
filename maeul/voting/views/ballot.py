"""The ballot in three steps that each work without JavaScript: choose (GET), review
(POST, nothing stored), submit (POST, one ballot, then a redirect to the receipt).

Nothing the voter chose is kept between the steps (the review page carries the choices in
hidden fields): sessions are stored with their account, and choices kept there would link
the person to the ballot. A review or submit step opened by GET (a reload, a bookmark, the
back button) shows the ballot form again with a note, never a blank page.
"""

import uuid
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from maeul.core.errors import RuleViolation
from maeul.voting.ballots import Choices, choice_rows, choices_from_form, encode
from maeul.voting.models import TEMPLATE_CHOICES, Answer, BallotType, Vote
from maeul.voting.services.casting import cast_ballot, voter_status
from maeul.voting.views.public import _options, _public_vote

NOT_KEPT = gettext_lazy(
    "To keep your ballot secret, your choices are not kept between the steps. Please choose again."
)


def counter_texts(vote: Vote) -> dict[str, Any] | None:
    """What the live counter of `ballot.js` shows, translated here; None without a limit.

    Approval ballots with a most count "2/6 chosen"; budget ballots add the money spent
    "of the budget". The `{name}` placeholders are filled in by the script.
    """
    if vote.ballot_type not in (BallotType.APPROVAL, BallotType.BUDGET):
        return None
    budget = vote.budget if vote.ballot_type == BallotType.BUDGET else None
    if vote.max_choices is None and budget is None:
        return None
    return {
        "max": vote.max_choices,
        "budget": budget,
        "count": _("{chosen}/{max} chosen"),
        "count_over": _("{chosen}/{max} chosen: at most {max}. Untick {extra}."),
        "total": _("Spent {total} of the budget of {budget}"),
        "total_over": _("Spent {total} of the budget of {budget}: {over} over the budget."),
        # The same words as `core.money.format_won`, with the amount left to the script.
        "won": _("%(amount)s won") % {"amount": "{amount}"},
    }


def _ballot_page(
    request: HttpRequest,
    vote: Vote,
    *,
    error: str = "",
    choice_error: str = "",
    note: str = "",
    chosen: Choices | None = None,
    status: int | None = None,
) -> HttpResponse:
    """The ballot form; `choice_error` is shown beside the choices it is about."""
    options = _options(vote)
    context = {
        **TEMPLATE_CHOICES,
        "vote": vote,
        "rows": choice_rows(options, chosen or Choices()),
        "max_rank": vote.max_choices or len(options),
        "status": voter_status(vote, request.user, timezone.now()),
        "error": error,
        "choice_error": choice_error,
        "note": note,
        "counter": counter_texts(vote),
    }
    if status is None:
        status = 400 if error or choice_error else 200
    return render(request, "voting/ballot.html", context, status=status)


def _refused(
    request: HttpRequest, vote: Vote, refusal: RuleViolation, chosen: Choices
) -> HttpResponse:
    """The form again, ticked as it was sent; a refused choice shows beside the choices."""
    if refusal.code == "invalid_ballot":
        return _ballot_page(request, vote, choice_error=refusal.message, chosen=chosen)
    return _ballot_page(request, vote, error=refusal.message, chosen=chosen)


def ballot_form(request: HttpRequest, pk: int) -> HttpResponse:
    vote = _public_vote(pk)
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path())
    return _ballot_page(request, vote)


def ballot_review(request: HttpRequest, pk: int) -> HttpResponse:
    """Show the choices back before anything is stored; an invalid ballot returns to the form.

    Opened by GET (reloaded, or reached by the back button), it shows the form again.
    """
    vote = _public_vote(pk)
    if not request.user.is_authenticated:
        return redirect_to_login(vote.get_absolute_url())
    if request.method != "POST":
        return _ballot_page(request, vote, note=str(NOT_KEPT))
    now = timezone.now()
    options = _options(vote)
    try:
        choices = choices_from_form(vote, request.POST)
    except RuleViolation as refusal:
        return _refused(request, vote, refusal, Choices())
    status = voter_status(vote, request.user, now)
    if not status.may_vote:
        return _ballot_page(request, vote, error=status.reason, chosen=choices)
    try:
        encode(vote, options, choices)
    except RuleViolation as refusal:
        return _refused(request, vote, refusal, choices)
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


def ballot_submit(request: HttpRequest, pk: int) -> HttpResponse:
    """Cast the reviewed ballot; then the receipt.

    A GET stays "405 Method Not Allowed" (reliability.md, test 23), but with the ballot
    form and a note as its page rather than an empty one.
    """
    vote = _public_vote(pk)
    if not request.user.is_authenticated:
        return redirect_to_login(vote.get_absolute_url())
    if request.method != "POST":
        response = _ballot_page(request, vote, note=str(NOT_KEPT), status=405)
        response["Allow"] = "POST"
        return response
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
        return _refused(request, vote, refusal, _readable_choices(vote, request))
    return redirect("voting:receipt", pk=vote.pk, code=receipt.code)


def _readable_choices(vote: Vote, request: HttpRequest) -> Choices:
    try:
        return choices_from_form(vote, request.POST)
    except RuleViolation:
        return Choices()
