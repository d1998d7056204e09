"""The counted result and the public ballot files: all 404 (code `not_counted`) before the count."""

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse
from ninja import Router

from maeul.api.common import errors
from maeul.api.voting.schemas import OptionResult, ResultOut, Turnout
from maeul.api.voting.votes import viewable
from maeul.core.dates import SEOUL
from maeul.core.downloads import attachment
from maeul.voting.models import Vote
from maeul.voting.services.export import counted_result, export_pb, export_yes_no_csv

router = Router(tags=["votes"])


@router.get(
    "/votes/{int:vote_id}/result",
    response={200: ResultOut, **errors(404)},
    summary="Read a counted vote's result",
)
def get_result(request: HttpRequest, vote_id: int) -> ResultOut:
    """404 until the vote is counted. `tally` per option: votes (and cost) for approval and
    budget votes; yes, no, abstain, passed and quorum_met for yes/no; first and points
    (Borda) for rankings. `tie_seed` is the lottery seed that broke ties, if any."""
    result = counted_result(viewable(vote_id))
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
                number=row.option.number,
                id=row.option.pk,
                title=row.option.title,
                cost=row.option.cost,
                selected=row.selected,
                tally=row.figures(),
            )
            for row in result.option_results()
        ],
        turnout=Turnout(
            by_channel=dict(turnout.by_channel),
            by_dong=dict(turnout.by_dong),
            total=turnout.total,
        ),
    )


def _download(content_type: str) -> dict[str, Any]:
    """What a ballot file endpoint answers: the file (ninja would otherwise describe it in
    OpenAPI as a JSON string), or 404 before the count."""
    file = {"description": "OK", "content": {content_type: {"schema": {"type": "string"}}}}
    return {"response": errors(404), "openapi_extra": {"responses": {"200": file}}}


def _ballot_file(
    vote_id: int, export: Callable[[Vote], str], content_type: str, extension: str
) -> HttpResponse:
    """The vote's counted ballots as `export` writes them, as `vote-<id>.<extension>`."""
    vote = viewable(vote_id)
    return attachment(export(vote), f"{content_type}; charset=utf-8", f"vote-{vote.pk}.{extension}")


@router.get(
    "/votes/{int:vote_id}/export.pb",
    **_download("text/plain"),
    summary="Download the counted ballots (pabulib)",
)
def download_pb(request: HttpRequest, vote_id: int) -> HttpResponse:
    """Every counted ballot as a pabulib `.pb` file, in shuffled order and without receipt
    codes, to recount with any pabulib tool. 404 before the count, and for a yes/no vote
    (code `yes_no`: download `export.csv` instead)."""
    return _ballot_file(vote_id, export_pb, "text/plain", "pb")


@router.get(
    "/votes/{int:vote_id}/export.csv",
    **_download("text/csv"),
    summary="Download the counted ballots of a yes/no vote (CSV)",
)
def download_csv(request: HttpRequest, vote_id: int) -> HttpResponse:
    """A column per item (기호), a row per ballot, cells 찬성, 반대 or 기권. 404 before the
    count, and for other votes (code `not_yes_no`: download `export.pb` instead)."""
    return _ballot_file(vote_id, export_yes_no_csv, "text/csv", "csv")
