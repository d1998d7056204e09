"""What the votes API reads and writes."""

from datetime import datetime

from ninja import Schema

from maeul.api.common import CodeName, Label, Page, PageQuery


# --- Input ------------------------------------------------------------------------------
class VoteQuery(PageQuery):
    """List filters; a value that is not understood is ignored, never an error."""

    district: str | None = None
    dong: str | None = None
    phase: str | None = None


class BallotIn(Schema):
    """`options`: option ids (approval and budget; ranking: in rank order). `answers`:
    `{"<option id>": "yes" | "no" | "abstain"}` for every item of a yes/no vote."""

    options: list[int] | None = None
    answers: dict[str, str] | None = None


# --- Output -----------------------------------------------------------------------------
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


class VotePage(Page[VoteItem]):
    pass


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


class UnmetCondition(Schema):
    """A condition of voting the caller does not meet yet; `url` is the page to meet it
    (empty where nothing can be done online)."""

    code: str
    reason: str
    url: str


class MyStatus(Schema):
    may_vote: bool
    reason: str  # the first reason (kept for older clients); `unmet` lists them all
    voted: bool
    channel: str | None
    unmet: list[UnmetCondition] = []


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
