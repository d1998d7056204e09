"""POST /api/votes/{id}/ballot: cast a ballot, as the ballot page does."""

from typing import Annotated

from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Header, Router
from ninja import Status as Reply
from pydantic import ValidationError

from maeul.api.auth import RESIDENT_AUTH
from maeul.api.common import errors
from maeul.api.voting.schemas import BallotIn, ReceiptOut
from maeul.api.voting.votes import viewable
from maeul.core.dates import SEOUL
from maeul.core.errors import RuleViolation
from maeul.voting.ballots import Choices
from maeul.voting.models import BallotType, Vote
from maeul.voting.services.casting import cast_ballot
from maeul.voting.services.open_votes import open_vote

router = Router(tags=["votes"])

IDEMPOTENCY_KEY_MAX = 64  # Participation.idempotency_key


def _unreadable() -> RuleViolation:
    return RuleViolation(
        _("The ballot could not be read. Please choose again."), code="invalid_ballot"
    )


def _choices(vote: Vote, body: bytes) -> Choices:
    """The choices of a JSON ballot; anything malformed is refused as unreadable."""
    try:
        ballot = BallotIn.model_validate_json(body or b"{}")
    except (ValidationError, ValueError):
        raise _unreadable() from None
    if vote.ballot_type == BallotType.YES_NO:
        if ballot.answers is None:
            raise _unreadable()
        answers = []
        for key, answer in ballot.answers.items():
            if not key.isdigit():
                raise _unreadable()
            answers.append((int(key), answer))
        return Choices(answers=tuple(answers))
    if ballot.options is None:
        raise _unreadable()
    return Choices(option_ids=tuple(ballot.options))


@router.post(
    "/votes/{int:vote_id}/ballot",
    auth=RESIDENT_AUTH,
    response={201: ReceiptOut, **errors(400, 403, 409)},
    summary="Cast a ballot",
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {"application/json": {"schema": BallotIn.model_json_schema()}},
        }
    },
)
def cast(
    request: HttpRequest,
    vote_id: int,
    idempotency_key: Annotated[str, Header(alias="Idempotency-Key")] = "",
) -> Reply[ReceiptOut]:
    """Body: `{"options": [ids]}`, or `{"answers": {...}}` for a yes/no vote. Send the same
    `Idempotency-Key` header when retrying: the retry gets the first receipt, and only one
    ballot is stored. Refusals: 403 not eligible (the detail says why), 409 already voted,
    400 an invalid or unreadable ballot."""
    now = timezone.now()
    # An open vote comes from memory (services/open_votes.py); any other goes the usual way.
    vote = open_vote(vote_id, now) or viewable(vote_id)
    if len(idempotency_key) > IDEMPOTENCY_KEY_MAX:
        raise RuleViolation(
            _("The Idempotency-Key header is too long (at most 64 characters)."),
            code="invalid_idempotency_key",
        )
    receipt = cast_ballot(
        vote=vote,
        user=request.auth,  # type: ignore[attr-defined]
        choices=_choices(vote, request.body),
        now=now,
        idempotency_key=idempotency_key,
    )
    return Reply(
        201,
        ReceiptOut(
            receipt=receipt.code,
            cast_at=receipt.cast_at.astimezone(SEOUL),
            replaced=receipt.replaced,
        ),
    )
