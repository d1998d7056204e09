"""What the staff pages of votes share: the vote or batch asked for, if the staff member
serves it (any other is 404: its existence is private), and where they may enter paper
ballots. Who may see which rows is registered in `maeul.core.permissions.voting`."""

from datetime import datetime
from typing import Any

from django.db.models import Count, OuterRef, QuerySet
from django.db.models.functions import Coalesce
from django.http import HttpRequest
from django.shortcuts import get_object_or_404

from maeul.core.desk import served_row
from maeul.core.permissions import OUTSIDE_SCOPE, Action, can, scope_of
from maeul.core.subqueries import total_of_each
from maeul.places.models import Dong
from maeul.voting.forms import vote_dongs
from maeul.voting.models import Ballot, Option, PaperBatch, Participation, Vote


def staff_vote(request: HttpRequest, pk: int) -> Vote:
    """The vote `pk` among those the staff member serves, else 404."""
    return served_row(request, Vote.objects.select_related("district", "dong"), pk)


def batches(user: Any) -> QuerySet[PaperBatch]:
    """The paper batches the staff member serves, with what their pages show."""
    return scope_of(user).rows(
        PaperBatch.objects.select_related(
            "vote__district", "vote__dong", "dong", "created_by", "confirmed_by"
        )
    )


def staff_batch(request: HttpRequest, batch_pk: int) -> PaperBatch:
    """The batch `batch_pk` among those the staff member serves, else 404."""
    return get_object_or_404(batches(request.user), pk=batch_pk)


def paper_dongs(user: Any, vote: Vote, channel: str, now: datetime) -> tuple[QuerySet[Dong], str]:
    """The dongs whose paper ballots of `channel` the user may enter now, or why none."""
    allowed, reasons = [], set()
    for dong in vote_dongs(vote):
        probe = PaperBatch(vote=vote, dong=dong, channel=channel)
        decision = can(user, Action.ENTER_PAPER_BALLOT, probe, now=now)
        if decision:
            allowed.append(dong.pk)
        else:
            reasons.add(decision.reason)
    # A reason about the phase or the channel says more than "not your dong".
    reason = next(iter(sorted(reasons - {str(OUTSIDE_SCOPE)})), str(OUTSIDE_SCOPE))
    return Dong.objects.filter(pk__in=allowed).order_by("code"), "" if allowed else reason


def count_of(model: type[Participation] | type[Ballot] | type[Option]) -> Coalesce:
    """How many rows of `model` each vote has (0 when none), for a list of votes."""
    return total_of_each(model.objects.filter(vote=OuterRef("pk")), "vote", Count("pk"))
