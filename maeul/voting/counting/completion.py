"""MES completed by adding one unit to every voter's share, then greedy (mes-add1).

Matches pabutools' construction:

    completion_by_rule_combination(
        instance, profile,
        [exhaustion_by_budget_increase, greedy_utilitarian_welfare],
        [{"rule": method_of_equal_shares, "rule_params": {"sat_class": Cost_Sat},
          "budget_step": profile.num_ballots()},
         {"sat_class": Cost_Sat}],
    )

MES runs with the budget raised by the number of voters at each step (one unit more per
voter), as long as the raised budget stays within budget x (voters + 1). The first outcome
that costs more than the real budget stops the search and the previous outcome is kept; the
first outcome that leaves no affordable project unselected is the answer. Greedy then fills
what the kept outcome leaves.
"""

from __future__ import annotations

import math
from fractions import Fraction

from maeul.voting.counting.greedy import greedy
from maeul.voting.counting.mes import equal_shares
from maeul.voting.counting.mes_fast import FastOutcome, FastProfile, NewWinnerError, TooCloseError
from maeul.voting.counting.profile import ApprovalProfile


def mes_add1(profile: ApprovalProfile) -> list[int]:
    """The mes-add1 outcome as project numbers (MES part first, greedy additions after)."""
    voters = profile.num_voters
    if voters == 0:
        # pabutools would loop forever here (a budget step of zero); nothing to share.
        return greedy(profile)
    base_share = profile.budget / voters
    fast = FastProfile(profile)
    grouped = FastProfile(profile, winners=frozenset(run_mes(fast, base_share)))
    if grouped.worth_grouping():
        fast = grouped
    kept: list[int] = []
    previous: FastOutcome | None = None
    step = 0
    while step <= profile.budget:  # the raised budget stays within budget x (voters + 1)
        share = base_share + step
        try:
            previous = fast.equal_shares(share, previous)
            outcome, stable_until = previous.selected, previous.stable_until
        except NewWinnerError as error:
            older, fast = fast, fast.regrouped(error.project)
            if not fast.worth_grouping():
                fast, previous = FastProfile(profile), None
            elif previous is not None:
                previous = fast.carry(previous, older)
            continue
        except TooCloseError:
            outcome, stable_until = equal_shares(profile, voter_budget=share), float(share)
        spent = profile.total_cost(outcome)
        if spent > profile.budget:
            break
        if is_exhaustive(profile, outcome, spent):
            return outcome
        kept = outcome
        if math.isinf(stable_until):
            break  # every larger share selects the same projects
        # Every step whose share is below stable_until selects the same projects, so it
        # would neither stop the search nor change what is kept: skip to the first that may.
        step = max(step + 1, math.ceil(stable_until - float(base_share)))
    return greedy(profile, already_selected=kept)


def run_mes(fast: FastProfile, share: Fraction) -> list[int]:
    """MES with the given share per voter, exact whatever floating point could not decide."""
    try:
        return fast.equal_shares(share).selected
    except TooCloseError:
        return equal_shares(fast.profile, voter_budget=share)


def is_exhaustive(profile: ApprovalProfile, outcome: list[int], spent: Fraction) -> bool:
    """No project outside the outcome fits in what the outcome leaves of the budget."""
    chosen = set(outcome)
    return all(
        cost + spent > profile.budget
        for project, cost in enumerate(profile.costs)
        if project not in chosen
    )
