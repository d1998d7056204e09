"""The two steps of the staff desk that cannot be undone, each on its own page first:

- confirming a paper batch: the second staff member reads the batch's entries (each
  ballot's choices as entered, numbered) before vouching for them;
- counting a vote: the summary (who voted by which channel, ballots, unconfirmed batches,
  duplicates, the counting rule) and the warning that the vote key is destroyed, then
  the count on a POST with the tick "I have checked".

A page is shown to anyone who serves the vote; the form only when `can` allows the step,
else the reason. The POST asks the same `can`, and the service asks it again.
"""

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from maeul.core.desk import desk_action
from maeul.core.permissions import Action, can, staff_required
from maeul.core.requests import acting
from maeul.voting.ballots import decode
from maeul.voting.forms import CountForm
from maeul.voting.models import TEMPLATE_CHOICES, Answer, BallotType, Option, PaperBatch, Vote
from maeul.voting.services import counting, paper
from maeul.voting.views.staff.desk import reconciliation
from maeul.voting.views.staff.scope import staff_batch, staff_vote


def _desk_url(vote: Vote) -> str:
    return reverse("voting:staff_desk", args=[vote.pk])


# --- Confirming a paper batch -------------------------------------------------------------
def batch_entries(batch: PaperBatch) -> list[list[str]]:
    """The choices of each ballot in the batch, as lines to read against the paper.

    Ordered by their content, never by when they were entered, so that the list cannot be
    laid beside the order in which voters came to the box. Counting unlinks ballots from
    their batch (secrecy.py): a counted vote's batches list nothing.
    """
    vote = batch.vote
    options = {option.pk: option for option in vote.options.order_by("number")}
    answers = dict(Answer.choices)
    entries = []
    for content in batch.ballots.order_by("content").values_list("content", flat=True):
        choices = decode(vote.ballot_type, content)
        if vote.ballot_type == BallotType.YES_NO:
            lines = [
                _("%(option)s: %(answer)s")
                % {"option": _option_name(options[pk]), "answer": answers[answer]}
                for pk, answer in sorted(choices.answers, key=lambda pair: options[pair[0]].number)
            ]
        elif vote.ballot_type == BallotType.RANKING:
            lines = [
                _("Rank %(rank)d: %(option)s") % {"rank": rank, "option": _option_name(options[pk])}
                for rank, pk in enumerate(choices.option_ids, start=1)
            ]
        else:
            chosen = sorted((options[pk] for pk in choices.option_ids), key=lambda o: o.number)
            lines = [_option_name(option) for option in chosen]
        entries.append(lines or [_("No option chosen")])
    return entries


def _option_name(option: Option) -> str:
    return _("No. %(number)d %(title)s") % {"number": option.number, "title": option.title}


@staff_required
def confirm_batch(request: HttpRequest, batch_pk: int) -> HttpResponse:
    """The batch's entries, then (for another staff member) the button that confirms it."""
    batch, now = staff_batch(request, batch_pk), timezone.now()
    vote = batch.vote
    decision = can(request.user, Action.CONFIRM_PAPER_BATCH, batch, now=now)

    def page(status: int = 200, **_forms: Any) -> HttpResponse:
        context = {
            "batch": batch,
            "vote": vote,
            "entries": batch_entries(batch),
            "decision": decision,
        }
        return render(request, "voting/staff/confirm_batch.html", context, status=status)

    if request.method != "POST":
        return page()

    def act() -> str:
        paper.confirm_batch(batch=batch, **acting(request, now))
        return _("The batch “%(label)s” was confirmed.") % {"label": batch.label}

    return desk_action(request, decision=decision, act=act, render=page, done_url=_desk_url(vote))


# --- Counting a vote ----------------------------------------------------------------------
@staff_required
def count(request: HttpRequest, pk: int) -> HttpResponse:
    """What counting will freeze and destroy; a POST with the tick counts the vote."""
    vote, now = staff_vote(request, pk), timezone.now()
    decision = can(request.user, Action.COUNT_VOTE, vote, now=now)
    form = CountForm(request.POST if request.method == "POST" else None)

    def page(status: int = 200, **_forms: Any) -> HttpResponse:
        context = {
            **TEMPLATE_CHOICES,
            "vote": vote,
            "phase": vote.phase(now),
            "decision": decision,
            "form": form,
            "reconciliation": reconciliation(vote),
        }
        return render(request, "voting/staff/count.html", context, status=status)

    if request.method != "POST":
        return page()

    def act() -> str:
        result = counting.count_vote(vote=vote, **acting(request, now))
        return _("The vote was counted: %(count)d ballots. The result is published.") % {
            "count": result.ballot_count
        }

    return desk_action(
        request,
        decision=decision,
        act=act,
        render=page,
        done_url=_desk_url(vote),
        form=form,
        form_key="form",
        errors_on_form=True,
    )
