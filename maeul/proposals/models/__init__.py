"""Proposals (제안) of the 「금천1번가」 platform: what residents propose, support and discuss.

By topic: `choices` (statuses and their moves), `policy` (a district's rules and
categories), `proposal` (the proposal, its files, supports and answer, and its QuerySet),
`comments`, `links`.
"""

from maeul.proposals.models.choices import (
    PUBLIC_STATUSES,
    STAFF_TRANSITIONS,
    AnswerLevel,
    Channel,
    Decision,
    Status,
)
from maeul.proposals.models.comments import Comment, CommentQuerySet, CommentReport
from maeul.proposals.models.links import ProposalLink, SearchTerm
from maeul.proposals.models.policy import Category, ProposalPolicy
from maeul.proposals.models.proposal import (
    Answer,
    Attachment,
    Proposal,
    ProposalQuerySet,
    Support,
)

__all__ = [
    "PUBLIC_STATUSES",
    "STAFF_TRANSITIONS",
    "Answer",
    "AnswerLevel",
    "Attachment",
    "Category",
    "Channel",
    "Comment",
    "CommentQuerySet",
    "CommentReport",
    "Decision",
    "Proposal",
    "ProposalLink",
    "ProposalPolicy",
    "ProposalQuerySet",
    "SearchTerm",
    "Status",
    "Support",
]
