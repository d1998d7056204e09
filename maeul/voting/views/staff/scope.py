"""Which votes and batches a staff member may see: outside their dongs and districts, none."""

from datetime import datetime
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Count, IntegerField, OuterRef, Q, QuerySet, Subquery
from django.db.models.functions import Coalesce
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone

from maeul.core.permissions import OUTSIDE_SCOPE, Action, Decision, can, scope_of
from maeul.places.models import Dong
from maeul.voting.forms import (
    vote_dongs,
)
from maeul.voting.models import (
    Ballot,
    Option,
    PaperBatch,
    Participation,
    Vote,
)

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def require_staff(request: HttpRequest) -> None:
    decision = can(request.user, Action.VIEW_STAFF_PAGES, now=timezone.now())
    if not decision:
        raise PermissionDenied(decision.reason)


def forbid_unless(decision: Decision) -> None:
    if not decision:
        raise PermissionDenied(decision.reason)


def votes_in_scope(user: Any) -> QuerySet[Vote]:
    scope = scope_of(user)
    votes = Vote.objects.all()
    if scope.site_admin:
        return votes
    dong_districts = Dong.objects.filter(pk__in=scope.dong_ids).values("district_id")
    return votes.filter(
        Q(district_id__in=scope.district_ids)
        | Q(dong_id__in=scope.dong_ids)
        # Dong staff enter the paper ballots of their dong in district votes too.
        | Q(dong__isnull=True, district_id__in=Subquery(dong_districts))
    )


def staff_vote(request: HttpRequest, pk: int) -> Vote:
    require_staff(request)
    return get_object_or_404(votes_in_scope(request.user).select_related("district", "dong"), pk=pk)


def batches_in_scope(user: Any) -> QuerySet[PaperBatch]:
    scope = scope_of(user)
    batches = PaperBatch.objects.select_related(
        "vote__district", "vote__dong", "dong", "created_by", "confirmed_by"
    )
    if scope.site_admin:
        return batches
    return batches.filter(
        Q(dong_id__in=scope.dong_ids) | Q(dong__district_id__in=scope.district_ids)
    )


def staff_batch(request: HttpRequest, batch_pk: int) -> PaperBatch:
    require_staff(request)
    return get_object_or_404(batches_in_scope(request.user), pk=batch_pk)


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
    rows = (
        model.objects.filter(vote=OuterRef("pk"))
        .order_by()
        .values("vote")
        .annotate(n=Count("pk"))
        .values("n")
    )
    return Coalesce(Subquery(rows, output_field=IntegerField()), 0)
