"""Participatory-budget counting rules on approval ballots, agreeing with pabutools 1.2.3.

`outcome(election, rule)` is the one entry point: the ids of the selected projects, sorted
as strings. Pure Python plus numpy; nothing here touches Django or the database.
"""

from __future__ import annotations

from collections.abc import Callable

from maeul.voting.counting.pabulib import PbElection, PbFormatError, parse_pabulib_file
from maeul.voting.counting.profile import ApprovalProfile, UnsupportedVoteTypeError

__all__ = [
    "RULES",
    "PbElection",
    "PbFormatError",
    "UnsupportedVoteTypeError",
    "outcome",
    "parse_pabulib_file",
]


# Up to this many distinct ballots, exact MES takes less time than importing numpy.
SMALL_PROFILE_BALLOTS = 2500


def _greedy(profile: ApprovalProfile) -> list[int]:
    from maeul.voting.counting.greedy import greedy

    return greedy(profile)


def _mes(profile: ApprovalProfile) -> list[int]:
    if len(profile.ballots) <= SMALL_PROFILE_BALLOTS:
        from maeul.voting.counting.mes import equal_shares

        return equal_shares(profile)
    from maeul.voting.counting.completion import run_mes
    from maeul.voting.counting.mes_fast import FastProfile

    if profile.num_voters == 0:
        return []
    return run_mes(FastProfile(profile), profile.budget / profile.num_voters)


def _mes_add1(profile: ApprovalProfile) -> list[int]:
    from maeul.voting.counting.completion import mes_add1

    return mes_add1(profile)


# numpy is imported only by the MES rules, so greedy counts start as fast as they can.
RULES: dict[str, Callable[[ApprovalProfile], list[int]]] = {
    "greedy": _greedy,
    "mes": _mes,
    "mes-add1": _mes_add1,
}


def outcome(election: PbElection, rule: str) -> list[str]:
    """The ids of the projects `rule` selects, sorted as strings.

    Raises UnsupportedVoteTypeError unless the ballots are approval or choose-1, and
    KeyError for an unknown rule.
    """
    profile = ApprovalProfile.from_election(election)
    selected = RULES[rule](profile)
    return sorted(profile.project_ids[project] for project in selected)
