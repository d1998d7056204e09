"""Votes (투표) in the API: list and read them, cast a ballot, read the result, download ballots.

Reading is public. Casting needs a signed-in session (with its CSRF token) or a personal
API token (see `maeul.api.auth`), and goes through `cast_ballot` like the ballot page.
Drafts do not exist here (404). Simulations (votes imported from pabulib files to try the
counting rules) are not listed, but can be read, counted and downloaded by their id.

Results, tallies and ballot files are 404 until the vote is counted: nobody sees how a vote
is going while it runs (the mVoting rule). A yes/no vote's ballots are a CSV at
`export.csv` (pabulib has no yes/no ballots); its `export.pb` is 404 with code `yes_no`.
"""

from datetime import datetime
from math import ceil
from typing import Annotated, Any

from django.db.models import Prefetch, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Header, Query, Router, Schema
from ninja import Status as Reply
from pydantic import ValidationError, field_validator

from maeul.api.auth import RESIDENT_AUTH, user_for_token
from maeul.core.dates import SEOUL
from maeul.core.errors import RuleViolation
from maeul.voting.ballots import Choices
from maeul.voting.models import Option, Phase, Vote, VoteResult, VoteStatus
from maeul.voting.services.casting import cast_ballot, voter_status
from maeul.voting.services.export import export_pb, export_yes_no_csv

router = Router(tags=["votes"])

PAGE_SIZE = 20
PAGE_SIZE_MAX = 100
IDEMPOTENCY_KEY_MAX = 64  # Participation.idempotency_key


# --- Input ------------------------------------------------------------------------------
class VoteQuery(Schema):
    """List filters; a value that is not understood is ignored, never an error."""

    district: str | None = None
    dong: str | None = None
    phase: str | None = None
    page: int = 1
    page_size: int = PAGE_SIZE

    @field_validator("page", "page_size", mode="before")
    @classmethod
    def _lenient_int(cls, value: Any) -> Any:
        try:
            return int(value)
        except (TypeError, ValueError):
            return 0  # replaced by the default below


class BallotIn(Schema):
    """`options`: option ids (approval and budget; ranking: in rank order). `answers`:
    `{"<option id>": "yes" | "no" | "abstain"}` for every item of a yes/no vote."""

    options: list[int] | None = None
    answers: dict[str, str] | None = None


# --- Output -----------------------------------------------------------------------------
class CodeName(Schema):
    code: str
    name: str


class Label(Schema):
    code: str
    label: str


class VoteItem(Schema):
    id: int
    title: str
    district: CodeName
    dong: CodeName | None
    ballot_type: Label
    phase: Label
    opens_at: datetime
    closes_at: datetime
    channels: list[str]
    budget: int | None
    max_choices: int | None
    url: str


class VotePage(Schema):
    items: list[VoteItem]
    count: int
    page: int
    pages: int


class OptionOut(Schema):
    number: int
    id: int
    title: str
    description: str
    cost: int
    dong: CodeName | None
    category: str
    proposer: str
    proposal_id: int | None


class Eligibility(Schema):
    allowed_ties: list[str]
    min_age: int
    require_verified: bool


class MyStatus(Schema):
    may_vote: bool
    reason: str
    voted: bool
    channel: str | None


class VoteDetail(VoteItem):
    description: str
    status: Label
    rule: str
    min_choices: int
    quorum: int
    allow_change: bool
    is_simulation: bool
    eligibility: Eligibility
    options: list[OptionOut]
    my_status: MyStatus | None


class ReceiptOut(Schema):
    receipt: str
    cast_at: datetime
    replaced: bool


class OptionResult(Schema):
    number: int
    id: int
    title: str
    cost: int
    selected: bool
    tally: dict[str, int | bool]


class Turnout(Schema):
    by_channel: dict[str, int]
    by_dong: dict[str, int | None]  # null: fewer than five voters, not published
    total: int


class ResultOut(Schema):
    rule: str
    ballot_count: int
    ballots_hash: str
    tie_seed: str
    counted_at: datetime
    selected: list[int]
    options: list[OptionResult]
    turnout: Turnout


class ErrorOut(Schema):
    detail: str
    code: str


# --- Shaping ----------------------------------------------------------------------------
def _code_name(place: Any) -> CodeName | None:
    return CodeName(code=place.code, name=place.name) if place is not None else None


def _item_fields(vote: Vote, now: datetime) -> dict[str, Any]:
    phase = vote.phase(now)
    return {
        "id": vote.pk,
        "title": vote.title,
        "district": _code_name(vote.district),
        "dong": _code_name(vote.dong),
        "ballot_type": Label(code=vote.ballot_type, label=str(vote.get_ballot_type_display())),
        "phase": Label(code=phase, label=str(phase.label)),
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
        dong=_code_name(option.dong),
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
    )


_STATUS_OF_CODE = {"not_eligible": 403, "already_voted": 409, "idempotency_conflict": 409}


def _refused(exc: RuleViolation) -> Reply[ErrorOut]:
    return Reply(_STATUS_OF_CODE.get(exc.code, 400), ErrorOut(detail=exc.message, code=exc.code))


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
    if vote.ballot_type == "yes_no":
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


def _viewable(vote_id: int) -> Vote:
    return get_object_or_404(
        Vote.objects.public().select_related("district", "dong", "key"), pk=vote_id
    )


def _not_public(exc: RuleViolation) -> Reply[ErrorOut]:
    return Reply(404, ErrorOut(detail=exc.message, code=exc.code))


def _in_phase(rows: QuerySet[Vote], phase: str | None, now: datetime) -> QuerySet[Vote]:
    """Votes in `phase` at `now` (as `Vote.phase` decides), or all of them for no phase."""
    published = rows.filter(status=VoteStatus.PUBLISHED)
    if phase == Phase.UPCOMING:
        return published.filter(opens_at__gt=now)
    if phase == Phase.OPEN:
        return published.filter(opens_at__lte=now, closes_at__gt=now)
    if phase == Phase.CLOSED:
        return published.filter(closes_at__lte=now)
    if phase == Phase.COUNTED:
        return rows.filter(status=VoteStatus.COUNTED)
    return rows


# --- Endpoints --------------------------------------------------------------------------
@router.get("/votes", response=VotePage, summary="List public votes")
def list_votes(request: HttpRequest, query: Query[VoteQuery]) -> VotePage:
    """Filters: `district` and `dong` (administrative codes), `phase` one of upcoming, open,
    closed, counted; newest opening first; page-numbered, at most 100 a page."""
    now = timezone.now()
    rows: QuerySet[Vote] = (
        Vote.objects.public().filter(is_simulation=False).select_related("district", "dong")
    )
    if query.district:
        rows = rows.filter(district__code=query.district)
    if query.dong:
        rows = rows.filter(dong__code=query.dong)
    rows = _in_phase(rows, query.phase, now)
    page_size = min(query.page_size, PAGE_SIZE_MAX) if query.page_size > 0 else PAGE_SIZE
    page = max(query.page, 1)
    count = rows.count()
    start = (page - 1) * page_size
    items = list(rows[start : start + page_size]) if start < count else []
    return VotePage(
        items=[VoteItem(**_item_fields(vote, now)) for vote in items],
        count=count,
        page=page,
        pages=max(1, ceil(count / page_size)),
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
        status=Label(code=vote.status, label=str(vote.get_status_display())),
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


@router.post(
    "/votes/{int:vote_id}/ballot",
    auth=RESIDENT_AUTH,
    response={201: ReceiptOut, 400: ErrorOut, 403: ErrorOut, 409: ErrorOut},
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
) -> Reply[ReceiptOut] | Reply[ErrorOut]:
    """Body: `{"options": [ids]}`, or `{"answers": {...}}` for a yes/no vote. Send the same
    `Idempotency-Key` header when retrying: the retry gets the first receipt, and only one
    ballot is stored. Refusals: 403 not eligible (the detail says why), 409 already voted,
    400 an invalid or unreadable ballot."""
    vote = _viewable(vote_id)
    if len(idempotency_key) > IDEMPOTENCY_KEY_MAX:
        return Reply(
            400,
            ErrorOut(
                detail=_("The Idempotency-Key header is too long (at most 64 characters)."),
                code="invalid_idempotency_key",
            ),
        )
    try:
        receipt = cast_ballot(
            vote=vote,
            user=request.auth,  # type: ignore[attr-defined]
            choices=_choices(vote, request.body),
            now=timezone.now(),
            idempotency_key=idempotency_key,
        )
    except RuleViolation as exc:
        return _refused(exc)
    return Reply(
        201,
        ReceiptOut(
            receipt=receipt.code,
            cast_at=receipt.cast_at.astimezone(SEOUL),
            replaced=receipt.replaced,
        ),
    )


@router.get(
    "/votes/{int:vote_id}/result",
    response={200: ResultOut, 404: ErrorOut},
    summary="Read a counted vote's result",
)
def get_result(request: HttpRequest, vote_id: int) -> ResultOut | Reply[ErrorOut]:
    """404 until the vote is counted. `tally` per option: votes (and cost) for approval and
    budget votes; yes, no, abstain, passed and quorum_met for yes/no; first and points
    (Borda) for rankings. `tie_seed` is the lottery seed that broke ties, if any."""
    vote = _viewable(vote_id)
    result = VoteResult.objects.filter(vote=vote).first()
    if vote.status != VoteStatus.COUNTED or result is None:
        return Reply(
            404,
            ErrorOut(
                detail=_("Results and ballots are not public before the count."),
                code="not_counted",
            ),
        )
    selected = set(result.selected)
    turnout = result.public_turnout()
    return ResultOut(
        rule=result.rule,
        ballot_count=result.ballot_count,
        ballots_hash=result.ballots_hash,
        tie_seed=result.tie_seed,
        counted_at=result.counted_at.astimezone(SEOUL),
        selected=result.selected,
        options=[
            OptionResult(
                number=option.number,
                id=option.pk,
                title=option.title,
                cost=option.cost,
                selected=option.pk in selected,
                tally={
                    key: value
                    for key, value in result.tallies.get(str(option.pk), {}).items()
                    if key != "selected"
                },
            )
            for option in vote.options.order_by("number")
        ],
        turnout=Turnout(
            by_channel=dict(turnout.by_channel),
            by_dong=dict(turnout.by_dong),
            total=turnout.total,
        ),
    )


def _file_response(content_type: str) -> dict[str, Any]:
    """OpenAPI for a download: ninja would otherwise describe the file as a JSON string."""
    file = {"description": "OK", "content": {content_type: {"schema": {"type": "string"}}}}
    return {"responses": {"200": file}}


def _download(text: str, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(text, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@router.get(
    "/votes/{int:vote_id}/export.pb",
    response={404: ErrorOut},
    openapi_extra=_file_response("text/plain"),
    summary="Download the counted ballots (pabulib)",
)
def download_pb(request: HttpRequest, vote_id: int) -> HttpResponse | Reply[ErrorOut]:
    """Every counted ballot as a pabulib `.pb` file, in shuffled order and without receipt
    codes, to recount with any pabulib tool. 404 before the count, and for a yes/no vote
    (code `yes_no`: download `export.csv` instead)."""
    vote = _viewable(vote_id)
    try:
        text = export_pb(vote)
    except RuleViolation as exc:
        return _not_public(exc)
    return _download(text, "text/plain; charset=utf-8", f"vote-{vote.pk}.pb")


@router.get(
    "/votes/{int:vote_id}/export.csv",
    response={404: ErrorOut},
    openapi_extra=_file_response("text/csv"),
    summary="Download the counted ballots of a yes/no vote (CSV)",
)
def download_csv(request: HttpRequest, vote_id: int) -> HttpResponse | Reply[ErrorOut]:
    """A column per item (기호), a row per ballot, cells 찬성, 반대 or 기권. 404 before the
    count, and for other votes (code `not_yes_no`: download `export.pb` instead)."""
    vote = _viewable(vote_id)
    try:
        text = export_yes_no_csv(vote)
    except RuleViolation as exc:
        return _not_public(exc)
    return _download(text, "text/csv; charset=utf-8", f"vote-{vote.pk}.csv")
