"""Casting a ballot: the one path every channel takes to store a participation and a ballot.

The database keeps one participation per person and vote (a unique constraint), so two
clicks, two devices or an online and a paper ballot at once end with one ballot and a
clear refusal, never two ballots or a 500.
"""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from maeul.accounts.models import TieKind
from maeul.core.dates import seoul_minute
from maeul.core.errors import RuleViolation
from maeul.core.permissions import Action, can, enforce
from maeul.core.permissions.base import ties_of
from maeul.core.permissions.voting import Unmet, unmet_conditions
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
    when = seoul_minute(participation.created_at)
    message = str(ALREADY_VOTED[Channel(participation.channel)]) % {"time": when}
    return RuleViolation(message, code="already_voted")


def participation_of(vote: Vote, user: Any) -> Participation | None:
    """The user's own participation in a vote (to show "you voted on …"), if any.

    Found by any of their keys, so a paper ballot staff entered under their phone number or
    name shows too.
    """
    if not getattr(user, "is_authenticated", False):
        return None
    keys = identity.keys_for_account(vote, user, _voting_dong(vote, user))
    return Participation.objects.matching(vote, keys).order_by("created_at").first()


@dataclass(frozen=True)
class VoterStatus:
    """Where a person stands in a vote: may they cast (or change) a ballot now, and why not.

    The one answer that the vote page, the ballot form, the API's `my_status` and
    `cast_ballot` itself agree on.
    """

    may_vote: bool
    reason: str  # the first reason, when may_vote is False
    participation: Participation | None
    # Every condition the person does not meet yet, each with its link (`unmet_conditions`).
    unmet: tuple[Unmet, ...] = ()

    @property
    def voted(self) -> bool:
        return self.participation is not None

    @property
    def may_change(self) -> bool:
        return self.may_vote and self.participation is not None


def voter_status(vote: Vote, user: Any, now: datetime) -> VoterStatus:
    """May `user` cast an online ballot in `vote` at `now`, or change the one they cast?"""
    decision = can(user, Action.CAST_BALLOT, vote, now=now)
    participation = participation_of(vote, user)
    if decision and participation is not None and not vote.may_change_ballot(participation):
        return VoterStatus(False, already_voted(participation).message, participation)
    unmet: tuple[Unmet, ...] = ()
    if not decision and getattr(user, "is_authenticated", False) and user.is_active:
        unmet = tuple(unmet_conditions(user, vote, now))
    return VoterStatus(decision.allowed, decision.reason, participation, unmet)


def receipt_of(vote: Vote, participation: Participation) -> str | None:
    """The receipt code of a participation's ballot, while the vote still holds the link.

    Only the voter's own participation is ever passed here (the vote page). The count
    destroys the link (`services/secrecy.py`), and then None: the code cannot be found
    from the account any more, by design.
    """
    if not participation.ballot_link:  # counted: never make the vote a new key
        return None
    ballot_id = identity.open_link(identity.vote_key_of(vote), participation.ballot_link)
    if ballot_id is None:
        return None
    return Ballot.objects.filter(pk=ballot_id, vote=vote).values_list("receipt", flat=True).first()


IDEMPOTENCY_CONFLICT = gettext_lazy(
    "This submission was already used for other choices. Please reload the page and vote again."
)


def cast_ballot(
    *, vote: Vote, user: Any, choices: Choices, now: datetime, idempotency_key: str = ""
) -> Receipt:
    """Store one eligible person's online ballot and return its receipt.

    A retry carrying the same idempotency key and the same choices returns the first
    receipt; the same key with other choices is refused. Where the vote allows it, a later
    online ballot replaces the earlier one (the last one counts).
    Raises RuleViolation: not eligible (with the reason), invalid choices, already voted.

    A retry is answered first, before the eligibility check: it stores nothing, and the
    person was eligible when the first submission was stored.
    """
    retry = _retry_of(vote, user, choices, now, idempotency_key)
    if retry is not None:
        return retry
    enforce(user, Action.CAST_BALLOT, vote, now=now, code="not_eligible")
    content = encode(vote, list(vote.options.all()), choices)
    dong = _voting_dong(vote, user)
    return _store(
        vote=vote,
        keys=identity.keys_for_account(vote, user, dong),
        content=content,
        channel=Channel.ONLINE,
        now=now,
        user=user,
        dong=dong,
        idempotency_key=idempotency_key,
    )


def _retry_of(
    vote: Vote, user: Any, choices: Choices, now: datetime, idempotency_key: str
) -> Receipt | None:
    """The first receipt, when an open vote already holds this account's submission with
    this idempotency key (one look-up by the account's key; the ballot once found)."""
    if not idempotency_key or not vote.is_open(now):
        return None
    if not getattr(user, "is_authenticated", False):
        return None
    earlier = (
        Participation.objects.filter(
            vote=vote,
            account_key=identity.voter_key(vote, f"account:{user.pk}"),
            idempotency_key=idempotency_key,
        )
        .only("ballot_link", "created_at", "idempotency_key")
        .first()
    )
    if earlier is None:
        return None
    return _repeat(vote, earlier, idempotency_key, encode(vote, list(vote.options.all()), choices))


def _voting_dong(vote: Vote, user: Any) -> Dong | None:
    """The dong a voter is counted in for turnout: where they live, else work or study."""
    ties = sorted(
        (tie for tie in ties_of(user) if vote.covers_dong(tie.dong)),
        key=lambda tie: list(TieKind).index(TieKind(tie.kind)),
    )
    return ties[0].dong if ties else None


def _repeat(
    vote: Vote, existing: Participation, idempotency_key: str, content: str
) -> Receipt | None:
    """The first receipt, when this is a retry of the submission that stored it."""
    if not idempotency_key or existing.idempotency_key != idempotency_key:
        return None
    ballot_id = identity.open_link(identity.vote_key_of(vote), existing.ballot_link)
    ballot = Ballot.objects.filter(pk=ballot_id).first() if ballot_id else None
    if ballot is None:
        return None
    if ballot.content != content:
        raise RuleViolation(str(IDEMPOTENCY_CONFLICT), code="idempotency_conflict")
    return Receipt(code=ballot.receipt, vote=vote, cast_at=existing.created_at)


def _store(
    *,
    vote: Vote,
    keys: identity.VoterKeys,
    content: str,
    channel: str,
    now: datetime,
    user: Any = None,
    dong: Dong | None = None,
    batch: PaperBatch | None = None,
    entered_by: Any = None,
    idempotency_key: str = "",
) -> Receipt:
    """Write the participation and the ballot in one transaction (shared by every channel).

    The first ballot of a person is simply inserted: the unique constraints on each of
    their keys, not a look-up first, decide whether they already voted (the participation
    is inserted before the ballot, so a second attempt writes no ballot row at all). Only then are
    their earlier participations read, under a lock, to answer a retry, replace the ballot
    where the vote allows it (`Vote.may_replace`), or refuse.
    """
    vote_key = identity.vote_key_of(vote)
    participation = Participation(
        vote=vote,
        **keys,
        user=user if getattr(user, "pk", None) else None,
        channel=channel,
        dong=dong,
        batch=batch,
        entered_by=entered_by,
        created_at=now,
        idempotency_key=idempotency_key,
    )
    # The ballot's id is drawn here, so the participation goes in first: a person who has
    # voted already is stopped by its unique keys before any ballot is written.
    ballot = Ballot(vote=vote, content=content, channel=channel, batch=batch)
    participation.ballot_link = identity.seal_link(vote_key, str(ballot.pk))
    try:
        with transaction.atomic():
            participation.save(force_insert=True)
            ballot.save(force_insert=True)
        return Receipt(code=ballot.receipt, vote=vote, cast_at=now)
    except IntegrityError:
        pass  # this person has a participation already: see below what it means
    try:
        return _second_ballot(
            vote=vote,
            keys=keys,
            content=content,
            channel=channel,
            now=now,
            batch=batch,
            entered_by=entered_by,
            idempotency_key=idempotency_key,
        )
    except IntegrityError:
        # A key merged in below belongs to a participation written meanwhile.
        raise already_voted(
            Participation.objects.matching(vote, keys).earliest("created_at")
        ) from None


def _second_ballot(
    *,
    vote: Vote,
    keys: identity.VoterKeys,
    content: str,
    channel: str,
    now: datetime,
    batch: PaperBatch | None,
    entered_by: Any,
    idempotency_key: str,
) -> Receipt:
    """Answer a person who has voted already: their first receipt again, a replacement where
    the vote allows it, or the refusal that names the earlier channel and time."""
    vote_key = identity.vote_key_of(vote)
    with transaction.atomic():
        earlier = list(
            Participation.objects.select_for_update().matching(vote, keys).order_by("created_at")
        )
        if not earlier:  # the clash was not this person's (a receipt code drawn twice)
            raise RuleViolation(_("Please submit your ballot again."), code="retry")
        existing = earlier[0]
        receipt = _repeat(vote, existing, idempotency_key, content)
        if receipt is not None:
            return receipt
        # Two earlier participations under different keys would be one person voting
        # twice already; never make it worse by replacing one of them.
        if len(earlier) > 1 or not vote.may_replace(existing.channel, channel):
            raise already_voted(existing)
        old_id = identity.open_link(vote_key, existing.ballot_link)
        # Without the old ballot's id, replacing would count this person twice.
        if old_id is None or not Ballot.objects.filter(pk=old_id, vote=vote).delete()[0]:
            raise already_voted(existing)
        ballot = Ballot.objects.create(vote=vote, content=content, channel=channel, batch=batch)
        # The keys the new channel knows join those already held (a phone typed at the
        # ballot box, say), so that a third attempt is found under any of them.
        merged = {field: existing.keys[field] or value for field, value in keys.items()}
        Participation.objects.filter(pk=existing.pk).update(
            **merged,
            channel=channel,
            batch=batch,
            entered_by=entered_by,
            created_at=now,
            ballot_link=identity.seal_link(vote_key, str(ballot.pk)),
            idempotency_key=idempotency_key,
        )
    return Receipt(code=ballot.receipt, vote=vote, cast_at=now, replaced=True)
