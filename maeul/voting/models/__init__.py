"""Votes (투표): participatory budgets, district votes and assembly agenda votes.

Who voted (`Participation`) and what they chose (`Ballot`) are two tables with no key in
common: a ballot has no voter, no timestamp and a random primary key, so neither a join
nor the ids link a person to a choice. While a vote is open, the participation row keeps
the id of its ballot encrypted with a key of the vote (`VoteKey`), so that a voter may
replace their ballot and a retried submission finds its receipt; counting destroys the
key and rewrites the ballots in random order (services/secrecy.py), since until then the
order of rows in storage pairs them. See docs/voting.md.
"""

from maeul.voting.models.ballots import (
    Ballot,
    PaperBatch,
    Participation,
    ParticipationQuerySet,
    new_receipt,
    normalise_receipt,
)
from maeul.voting.models.choices import (
    PAPER_CHANNELS,
    TEMPLATE_CHOICES,
    Answer,
    BallotType,
    Channel,
    CountingRule,
    Phase,
    VoteStatus,
)
from maeul.voting.models.results import OptionResult, PublicTurnout, VoteResult
from maeul.voting.models.votes import Option, Vote, VoteKey, VoteQuerySet

__all__ = [
    "PAPER_CHANNELS",
    "TEMPLATE_CHOICES",
    "Answer",
    "Ballot",
    "BallotType",
    "Channel",
    "CountingRule",
    "Option",
    "OptionResult",
    "PaperBatch",
    "Participation",
    "ParticipationQuerySet",
    "Phase",
    "PublicTurnout",
    "Vote",
    "VoteKey",
    "VoteQuerySet",
    "VoteResult",
    "VoteStatus",
    "new_receipt",
    "normalise_receipt",
]
