"""Counting a closed vote into a frozen `VoteResult`, from the raw ballot table.

The profile is one GROUP BY over `Ballot.content`. Budget votes go through the same rules
as `pb_outcome` (greedy, MES, MES with add-one completion), with ties broken by the
documented rule: the cheaper option first, then a lottery seeded by the hash of the ballot
set, which is published with the result so that anyone can redo it.
"""

import hashlib
from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from fractions import Fraction
from typing import Any

from django.db import transaction
from django.db.models import Count
from django.utils.translation import gettext as _

from maeul.core import audit
from maeul.core.errors import RuleViolation
from maeul.core.permissions import Action, enforce
from maeul.voting.ballots import decode
from maeul.voting.counting import RULES
from maeul.voting.counting.profile import ApprovalProfile
from maeul.voting.models import (
    Answer,
    BallotType,
    Option,
    PaperBatch,
    Participation,
    Vote,
    VoteKey,
    VoteResult,
    VoteStatus,
)
from maeul.voting.services import secrecy


@dataclass(frozen=True)
class Tally:
    """What a count found: per-option figures, the winners and the hash of the ballots."""

    ballot_count: int
    ballots_hash: str
    tallies: dict[str, dict[str, Any]]
    selected: list[int]
    tie_seed: str


def ballot_profile(vote: Vote) -> list[tuple[str, int]]:
    """Each distinct ballot content with how many counted ballots hold it, sorted.

    Ballots of paper batches that nobody has confirmed yet are not counted.
    """
    rows = (
        vote.ballots.exclude(batch__confirmed_at__isnull=True, batch__isnull=False)
        .values_list("content")
        .annotate(n=Count("pk"))
        .order_by()
    )
    # Sorted here, not by ORDER BY: the hash must not depend on the database's collation.
    return sorted((content, n) for content, n in rows)


def hash_profile(profile: list[tuple[str, int]]) -> str:
    digest = hashlib.sha256()
    for content, n in profile:
        digest.update(f"{content}\t{n}\n".encode())
    return digest.hexdigest()


def tie_order(options: list[Option], seed: str) -> list[Option]:
    """Options in tie-breaking order: cheaper first, then by a lottery drawn from `seed`."""

    def lottery(option: Option) -> str:
        return hashlib.sha256(f"{seed}:{option.number}".encode()).hexdigest()

    return sorted(options, key=lambda option: (option.cost, lottery(option)))


def tally(vote: Vote, profile: list[tuple[str, int]] | None = None) -> Tally:
    """Count `vote` from its ballots (or from a given profile); writes nothing."""
    profile = ballot_profile(vote) if profile is None else profile
    options = list(vote.options.all())
    ballots_hash = hash_profile(profile)
    ballot_count = sum(n for _content, n in profile)
    if vote.ballot_type == BallotType.YES_NO:
        return Tally(
            ballot_count, ballots_hash, _yes_no(vote, options, profile, ballot_count), [], ""
        )
    if vote.ballot_type == BallotType.RANKING:
        return Tally(ballot_count, ballots_hash, _ranking(vote, options, profile), [], "")
    votes = Counter[int]()
    for content, n in profile:
        for option_id in decode(vote.ballot_type, content).option_ids:
            votes[option_id] += n
    tallies = {str(o.pk): {"votes": votes[o.pk], "cost": o.cost} for o in options}
    selected: list[int] = []
    seed = ""
    if vote.spends_budget and options:
        seed = ballots_hash
        selected = _select(vote, tie_order(options, seed), profile, ballot_count)
    for option in options:
        tallies[str(option.pk)]["selected"] = option.pk in selected
    return Tally(ballot_count, ballots_hash, tallies, sorted(selected), seed)


def _select(
    vote: Vote, ordered: list[Option], profile: list[tuple[str, int]], ballot_count: int
) -> list[int]:
    """Run the vote's rule; project numbers follow the tie order, so ties go as documented."""
    number = {option.pk: index for index, option in enumerate(ordered)}
    ballots = []
    for content, n in profile:
        chosen = tuple(sorted(number[i] for i in decode(vote.ballot_type, content).option_ids))
        if chosen:
            ballots.append((chosen, n))
    profile_for_rule = ApprovalProfile(
        project_ids=tuple(f"{index:06d}" for index in range(len(ordered))),
        costs=tuple(Fraction(option.cost) for option in ordered),
        budget=Fraction(vote.budget or 0),
        num_voters=ballot_count,
        ballots=tuple(ballots),
    )
    chosen_numbers = RULES[vote.rule](profile_for_rule)
    return [ordered[index].pk for index in chosen_numbers]


def _yes_no(
    vote: Vote, options: list[Option], profile: list[tuple[str, int]], ballot_count: int
) -> dict[str, dict[str, Any]]:
    counts = {o.pk: Counter[str]() for o in options}
    for content, n in profile:
        for option_id, answer in decode(vote.ballot_type, content).answers:
            counts[option_id][answer] += n
    quorum_met = ballot_count >= vote.quorum
    tallies = {}
    for option in options:
        c = counts[option.pk]
        tallies[str(option.pk)] = {
            "yes": c[Answer.YES],
            "no": c[Answer.NO],
            "abstain": c[Answer.ABSTAIN],
            "passed": quorum_met and c[Answer.YES] > c[Answer.NO],
            "quorum_met": quorum_met,
        }
    return tallies


def _ranking(
    vote: Vote, options: list[Option], profile: list[tuple[str, int]]
) -> dict[str, dict[str, Any]]:
    """First preferences and Borda points (k points for first place, k-1 for second …)."""
    k = vote.max_choices or len(options)
    first = Counter[int]()
    points = Counter[int]()
    for content, n in profile:
        ranked = decode(vote.ballot_type, content).option_ids
        if ranked:
            first[ranked[0]] += n
        for place, option_id in enumerate(ranked):
            points[option_id] += (k - place) * n
    return {str(o.pk): {"first": first[o.pk], "points": points[o.pk]} for o in options}


def turnout(vote: Vote) -> dict[str, Any]:
    """Participations per channel and per dong (who voted, never how)."""
    by_channel = dict(
        Participation.objects.filter(vote=vote).values_list("channel").annotate(n=Count("pk"))
    )
    by_dong = dict(
        Participation.objects.filter(vote=vote).values_list("dong__name").annotate(n=Count("pk"))
    )
    return {
        "by_channel": by_channel,
        "by_dong": {name or "": n for name, n in by_dong.items()},
        "total": sum(by_channel.values()),
    }


def duplicate_voters(vote: Vote) -> int:
    """People who hold two participations under one key (the constraints allow none)."""
    participations = Participation.objects.filter(vote=vote).order_by()
    return sum(
        participations.exclude(**{f"{key}__isnull": True})
        .values(key)
        .annotate(n=Count("pk"))
        .filter(n__gt=1)
        .count()
        for key in ("account_key", "phone_key", "person_key")
    )


def count_vote(*, vote: Vote, staff: Any, now: datetime, ip: str | None) -> VoteResult:
    """Freeze the result of a closed vote and destroy the key that linked voters to ballots.

    Refused while a paper batch is unconfirmed: its ballots would be left out.
    """
    enforce(staff, Action.COUNT_VOTE, vote, now=now)
    with transaction.atomic():
        locked = Vote.objects.select_for_update().get(pk=vote.pk)
        if locked.status == VoteStatus.COUNTED:
            raise RuleViolation(_("This vote has already been counted."), code="counted")
        pending = PaperBatch.objects.filter(vote=locked, confirmed_at__isnull=True)
        if pending.filter(ballots__isnull=False).exists():
            raise RuleViolation(
                _("Confirm every paper ballot batch before counting: %(batches)s.")
                % {"batches": ", ".join(batch.label for batch in pending.distinct())},
                code="pending_batches",
            )
        result_tally = tally(locked)
        result = VoteResult.objects.create(
            vote=locked,
            counted_at=now,
            counted_by=staff,
            rule=locked.rule,
            ballot_count=result_tally.ballot_count,
            ballots_hash=result_tally.ballots_hash,
            tie_seed=result_tally.tie_seed,
            selected=result_tally.selected,
            tallies=result_tally.tallies,
            turnout=turnout(locked),
        )
        Vote.objects.filter(pk=locked.pk).update(status=VoteStatus.COUNTED)
        # The last link between a person and a ballot goes with the key, and nothing in
        # storage may stand in for it: see secrecy.py.
        VoteKey.objects.filter(vote=locked).delete()
        Participation.objects.filter(vote=locked).update(ballot_link="", idempotency_key="")
        secrecy.rewrite_ballots(locked)
        secrecy.coarsen_participation_times(locked)
        transaction.on_commit(secrecy.scrub_free_space)
        audit.record(
            actor=staff,
            action="voting.count",
            target=locked,
            changes={"ballots": [None, result.ballot_count], "hash": [None, result.ballots_hash]},
            ip=ip,
            now=now,
        )
    vote.refresh_from_db()
    return result
