"""Casting a ballot: the one path every channel takes to store a participation and a ballot.

The database keeps one participation per person and vote (a unique constraint), so two
clicks, two devices or an online and a paper ballot at once end with one ballot and a
clear refusal, never two ballots or a 500.
"""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from maeul.core.errors import RuleViolation
from maeul.core.permissions import Action, can
from maeul.core.permissions.base import ties_of
from maeul.places.models import Dong
from maeul.voting import identity
from maeul.voting.ballots import Choices, encode
from maeul.voting.models import Ballot, Channel, PaperBatch, Participation, Vote


@dataclass(frozen=True)
class Receipt:
    """What a voter is told: the receipt code to find their ballot in the public list."""

    code: str
    vote: Vote
    cast_at: datetime
    replaced: bool = False  # an earlier ballot of this person was replaced


ALREADY_VOTED = {
    Channel.ONLINE: gettext_lazy("Already voted online (%(time)s)."),
    Channel.ON_SITE: gettext_lazy("Already voted at the polling place (%(time)s)."),
    Channel.POSTAL: gettext_lazy("Already voted by postal ballot (%(time)s)."),
}


def already_voted(participation: Participation) -> RuleViolation:
    when = timezone.localtime(participation.created_at).strftime("%Y-%m-%d %H:%M")
    message = str(ALREADY_VOTED[Channel(participation.channel)]) % {"time": when}
    return RuleViolation(message, code="already_voted")


def participation_of(vote: Vote, user: Any) -> Participation | None:
    """The user's own participation in a vote (to show "you voted on …"), if any."""
    if not getattr(user, "is_authenticated", False):
        return None
    return Participation.objects.filter(
        vote=vote, voter_key=identity.voter_key_for_account(vote, user)
    ).first()


def cast_ballot(
    *, vote: Vote, user: Any, choices: Choices, now: datetime, idempotency_key: str = ""
) -> Receipt:
    """Store one eligible person's online ballot and return its receipt.

    A retry carrying the same idempotency key returns the first receipt. Where the vote
    allows it, a later online ballot replaces the earlier one (the last one counts).
    Raises RuleViolation: not eligible (with the reason), invalid choices, already voted.
    """
    decision = can(user, Action.CAST_BALLOT, vote, now=now)
    if not decision:
        raise RuleViolation(decision.reason, code="not_eligible")
    content = encode(vote, list(vote.options.all()), choices)
    voter_key = identity.voter_key_for_account(vote, user)
    dong = _voting_dong(vote, user)
    try:
        return _store(
            vote=vote,
            voter_key=voter_key,
            content=content,
            channel=Channel.ONLINE,
            now=now,
            user=user,
            dong=dong,
            idempotency_key=idempotency_key,
            may_replace=lambda previous: vote.allow_change and previous.channel == Channel.ONLINE,
        )
    except IntegrityError:
        # A concurrent request of the same person won the race; answer as if it came first.
        existing = Participation.objects.get(vote=vote, voter_key=voter_key)
        receipt = _repeat(vote, existing, idempotency_key)
        if receipt is not None:
            return receipt
        raise already_voted(existing) from None


def _voting_dong(vote: Vote, user: Any) -> Dong | None:
    """The dong a voter is counted in for turnout: where they live, else work or study."""
    ties = sorted(
        (tie for tie in ties_of(user) if vote.covers_dong(tie.dong)),
        key=lambda tie: ["lives", "works", "studies"].index(tie.kind),
    )
    return ties[0].dong if ties else None


def _repeat(vote: Vote, existing: Participation, idempotency_key: str) -> Receipt | None:
    if not idempotency_key or existing.idempotency_key != idempotency_key:
        return None
    ballot_id = identity.open_link(identity.vote_key_of(vote), existing.ballot_link)
    ballot = Ballot.objects.filter(pk=ballot_id).first() if ballot_id else None
    if ballot is None:
        return None
    return Receipt(code=ballot.receipt, vote=vote, cast_at=existing.created_at)


def _store(
    *,
    vote: Vote,
    voter_key: str,
    content: str,
    channel: str,
    now: datetime,
    user: Any = None,
    dong: Dong | None = None,
    batch: PaperBatch | None = None,
    entered_by: Any = None,
    idempotency_key: str = "",
    may_replace: Any = None,
) -> Receipt:
    """Write the participation and the ballot in one transaction (shared by every channel).

    The first ballot of a person is simply inserted: the unique constraint, not a look-up
    first, decides whether they already voted. Only then is their participation read, under
    a lock, to answer a retry, replace the ballot where allowed, or refuse.
    """
    vote_key = identity.vote_key_of(vote)
    participation = Participation(
        vote=vote,
        voter_key=voter_key,
        user=user if getattr(user, "pk", None) else None,
        channel=channel,
        dong=dong,
        batch=batch,
        entered_by=entered_by,
        created_at=now,
        idempotency_key=idempotency_key,
    )
    try:
        with transaction.atomic():
            ballot = Ballot.objects.create(vote=vote, content=content, channel=channel, batch=batch)
            participation.ballot_link = identity.seal_link(vote_key, str(ballot.pk))
            participation.save(force_insert=True)
        return Receipt(code=ballot.receipt, vote=vote, cast_at=now)
    except IntegrityError:
        pass  # this person has a participation already: see below what it means
    with transaction.atomic():
        existing = (
            Participation.objects.select_for_update().filter(vote=vote, voter_key=voter_key).first()
        )
        if existing is None:  # the clash was not this person's (a receipt code drawn twice)
            raise RuleViolation(_("Please submit your ballot again."), code="retry")
        receipt = _repeat(vote, existing, idempotency_key)
        if receipt is not None:
            return receipt
        if may_replace is None or not may_replace(existing):
            raise already_voted(existing)
        old_id = identity.open_link(vote_key, existing.ballot_link)
        # Without the old ballot's id, replacing would count this person twice.
        if old_id is None or not Ballot.objects.filter(pk=old_id, vote=vote).delete()[0]:
            raise already_voted(existing)
        ballot = Ballot.objects.create(vote=vote, content=content, channel=channel, batch=batch)
        Participation.objects.filter(pk=existing.pk).update(
            channel=channel,
            batch=batch,
            entered_by=entered_by,
            created_at=now,
            ballot_link=identity.seal_link(vote_key, str(ballot.pk)),
            idempotency_key=idempotency_key,
        )
    return Receipt(code=ballot.receipt, vote=vote, cast_at=now, replaced=True)
