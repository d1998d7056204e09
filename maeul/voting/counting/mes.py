"""The Method of Equal Shares with cost satisfaction, in exact arithmetic.

Matches pabutools' `method_of_equal_shares(instance, profile, sat_class=Cost_Sat)`: every
voter starts with an equal share of the budget; in each round the project that can be paid
for at the lowest price per unit of satisfaction (rho) is bought by its supporters, each
paying rho x cost or everything they have left, whichever is less. Ties go to the smaller
project id. A project nobody approves, or that costs nothing, is never bought.
"""

from __future__ import annotations

import heapq
from fractions import Fraction

from maeul.voting.counting.profile import ApprovalProfile

# Voters are grouped by identical ballot, and groups by identical remaining budget (a
# "purse"): everyone in a purse has paid for the same projects, so a round touches one
# number per purse instead of one per voter. Purse 0 is the empty purse.
EMPTY = 0


def equal_shares(profile: ApprovalProfile, *, voter_budget: Fraction | None = None) -> list[int]:
    """The projects MES selects, in the order bought.

    `voter_budget` is each voter's starting share; by default the budget divided by the
    number of voters (empty ballots included, as in pabutools).
    """
    if profile.num_voters == 0:
        return []
    share = profile.budget / profile.num_voters if voter_budget is None else voter_budget
    return _Rounds(profile, Fraction(share)).run()


class _Rounds:
    def __init__(self, profile: ApprovalProfile, share: Fraction) -> None:
        self.costs = profile.costs
        self.counts = [count for _ballot, count in profile.ballots]
        self.supporters = profile.supporters()
        self.purse_of = [EMPTY if share <= 0 else 1] * len(profile.ballots)
        self.purse_budget: list[Fraction] = [Fraction(0), share]
        scores = profile.approval_scores()
        # Before anyone pays, rho is 1 / approvals: a lower bound for every later round.
        self.queue = [
            (Fraction(1, scores[project]), project)
            for project in range(len(profile.project_ids))
            if scores[project] > 0 and self.costs[project] > 0
        ]
        heapq.heapify(self.queue)

    def run(self) -> list[int]:
        selected: list[int] = []
        while self.queue:
            _bound, project = heapq.heappop(self.queue)
            rho = self.rho(project)
            if rho is None:
                continue  # cannot be afforded now, nor later: budgets only shrink
            if self.queue and (rho, project) > self.queue[0]:
                heapq.heappush(self.queue, (rho, project))
                continue
            # Lowest (rho, id) of all: stored values are lower bounds of the current ones.
            selected.append(project)
            self.pay(project, rho * self.costs[project])
        return selected

    def rho(self, project: int) -> Fraction | None:
        """The least price per unit of satisfaction at which supporters can pay for project.

        None when their remaining money together is less than its cost.
        """
        members: dict[int, int] = {}
        purse_of, counts = self.purse_of, self.counts
        for group in self.supporters[project]:
            purse = purse_of[group]
            if purse != EMPTY:
                members[purse] = members.get(purse, 0) + counts[group]
        budgets = self.purse_budget
        purses = sorted(members, key=budgets.__getitem__)
        cost = self.costs[project]
        if sum(budgets[purse] * members[purse] for purse in purses) < cost:
            return None
        # Supporters poorer than the price pay all they have; the rest share what is left.
        paid_in_full = Fraction(0)
        sharing = sum(members.values())
        for purse in purses:
            if cost - paid_in_full <= budgets[purse] * sharing:
                break
            paid_in_full += budgets[purse] * members[purse]
            sharing -= members[purse]
        return (cost - paid_in_full) / (sharing * cost)

    def pay(self, project: int, price: Fraction) -> None:
        """Every supporter pays price, or all they have left when that is less."""
        moved: dict[int, int] = {}
        budgets = self.purse_budget
        for group in self.supporters[project]:
            purse = self.purse_of[group]
            if purse == EMPTY:
                continue
            after = moved.get(purse)
            if after is None:
                left = budgets[purse] - price
                if left > 0:
                    after = len(budgets)
                    budgets.append(left)
                else:
                    after = EMPTY
                moved[purse] = after
            self.purse_of[group] = after
