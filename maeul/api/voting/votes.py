"""GET /api/votes and /api/votes/{id}: the public votes and their options."""

from datetime import datetime
from typing import Any

from django.db.models import Prefetch
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import Query, Router

from maeul.api.auth import user_for_token
from maeul.api.common import CodeName, Label, matching, paginate
from maeul.api.voting.schemas import (
    Eligibility,
    MyStatus,
    OptionOut,
    UnmetCondition,
    VoteDetail,
    VoteItem,
    VotePage,
    VoteQuery,
)
from maeul.core.dates import SEOUL
from maeul.voting.models import Option, Phase, Vote
from maeul.voting.services.casting import voter_status

router = Router(tags=["votes"])

# The phases a list may ask for: drafts are never public.
LISTED_PHASES = (Phase.UPCOMING, Phase.OPEN, Phase.CLOSED, Phase.COUNTED)


def viewable(vote_id: int) -> Vote:
    """A vote anyone may read by its id (simulations too); a draft is 404."""
    return get_object_or_404(
        Vote.objects.public().select_related("district", "dong", "key"), pk=vote_id
    )


def _item_fields(vote: Vote, now: datetime) -> dict[str, Any]:
    return {
        "id": vote.pk,
        "title": vote.title,
        "district": CodeName.of(vote.district),
        "dong": CodeName.of(vote.dong),
        "ballot_type": Label.of_field(vote, "ballot_type"),
        "phase": Label.of(Phase, vote.phase(now)),
        "opens_at": vote.opens_at.astimezone(SEOUL),
        "closes_at": vote.closes_at.astimezone(SEOUL),
        "channels": [str(channel) for channel in vote.channels],
        "budget": vote.budget,
        "max_choices": vote.max_choices,
        "url": vote.get_absolute_url(),
    }


def _option(option: Option) -> OptionOut:
    return OptionOut(
        number=option.number,
        id=option.pk,
        title=option.title,
        description=option.description,
        cost=option.cost,
        dong=CodeName.of(option.dong),
        category=option.category,
        proposer=option.proposer,
        proposal_id=option.proposal_id,
    )


def _caller(request: HttpRequest) -> Any:
    """Who is reading: the bearer of a valid token, else the session's user (maybe anonymous)."""
    scheme, _sep, token = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() == "bearer" and token.strip():
        return user_for_token(token.strip())
    return request.user


def _my_status(vote: Vote, user: Any, now: datetime) -> MyStatus | None:
    if not getattr(user, "is_authenticated", False):
        return None
    status = voter_status(vote, user, now)
    return MyStatus(
        may_vote=status.may_vote,
        reason=status.reason,
        voted=status.voted,
        channel=status.participation.channel if status.participation is not None else None,
        unmet=[
            UnmetCondition(code=item.code, reason=item.reason, url=item.url)
            for item in status.unmet
        ],
    )


@router.get("/votes", response=VotePage, summary="List public votes")
def list_votes(request: HttpRequest, query: Query[VoteQuery]) -> VotePage:
    """Filters: `district` and `dong` (administrative codes), `phase` one of upcoming, open,
    closed, counted; newest opening first; page-numbered, at most 100 a page."""
    now = timezone.now()
    rows = matching(
        Vote.objects.listed().select_related("district", "dong"),
        district__code=query.district,
        dong__code=query.dong,
    )
    if query.phase in LISTED_PHASES:
        rows = rows.in_phase(query.phase, now)
    return VotePage(
        **paginate(request, rows, query, lambda vote: VoteItem(**_item_fields(vote, now)))
    )


@router.get("/votes/{int:vote_id}", response=VoteDetail, summary="Read a vote and its options")
def get_vote(request: HttpRequest, vote_id: int) -> VoteDetail:
    """`my_status` tells a signed-in caller (session or token) whether they may vote, and
    why not; it is null for anyone else."""
    now = timezone.now()
    options = Option.objects.select_related("dong").order_by("number")
    vote = get_object_or_404(
        Vote.objects.public()
        .select_related("district", "dong")
        .prefetch_related(Prefetch("options", queryset=options)),
        pk=vote_id,
    )
    return VoteDetail(
        **_item_fields(vote, now),
        description=vote.description,
        status=Label.of_field(vote, "status"),
        rule=vote.rule,
        min_choices=vote.min_choices,
        quorum=vote.quorum,
        allow_change=vote.allow_change,
        is_simulation=vote.is_simulation,
        eligibility=Eligibility(
            allowed_ties=vote.allowed_ties,
            min_age=vote.min_age,
            require_verified=vote.require_verified,
        ),
        options=[_option(option) for option in vote.options.all()],
        my_status=_my_status(vote, _caller(request), now),
    )
