"""The Method of Equal Shares in floating point, certified against exact arithmetic.

Same rounds as `mes.equal_shares`, computed with numpy arrays over ballot groups. Floating
point decides nothing that is close: whenever a decision (which project is cheapest, whether
supporters can afford a project, whether a supporter can pay the full price) is within a
relative margin of `TOLERANCE`, the run stops with `TooCloseError` and the caller counts
exactly instead. Rounding errors here are around 1e-13 relative, far inside that margin.

Exact ties are common and need no exact count: while no supporter runs short, rho is
exactly 1 / (number of supporters with money left), so two such projects compare by that
integer.

Each run also tracks how its quantities move with the starting share, so that the add-one
completion can skip shares that cannot change the outcome and restart a run from the first
round that might (see docs/counting.md).
"""

from __future__ import annotations

import copy
import dataclasses
import heapq
from dataclasses import dataclass
from fractions import Fraction

import numpy as np
import numpy.typing as npt

from maeul.voting.counting.profile import ApprovalProfile

TOLERANCE = 1e-9
# Relative size of the rounding we allow for when predicting where a decision would change.
SAFETY = 1e-10
FloatArray = npt.NDArray[np.float64]
IntArray = npt.NDArray[np.int64]
BoolArray = npt.NDArray[np.bool_]


class TooCloseError(Exception):
    """A decision was too close to call in floating point."""


@dataclass(frozen=True, slots=True)
class _Price:
    rho: float
    # Supporters with money left, when none of them is short of the price: then rho is
    # exactly 1 / sharing.
    sharing: int | None
    payment: float
    # How rho and the payment change per unit of extra share (see `stable_until`).
    rho_slope: float
    payment_slope: float
    # The supporters with money left, their slopes, and which of them cannot pay the
    # full price.
    budgets: FloatArray
    slopes: FloatArray
    short: BoolArray


@dataclass(frozen=True, slots=True)
class _Checkpoint:
    """The state before one round, at starting share `base`, with the slopes to move it."""

    base: float
    budgets: FloatArray
    slopes: FloatArray
    queued: BoolArray
    bound_value: FloatArray
    bound_slope: FloatArray
    bound_sharing: IntArray
    selected: tuple[int, ...]
    limit: float


@dataclass(frozen=True, slots=True)
class FastOutcome:
    """A run's selection, and the share below which every run would select the same.

    It also keeps each round's starting state and the share up to which that round's
    decisions are known to hold, so that a run at a larger share can start again from the
    first round that might decide differently.
    """

    selected: list[int]
    stable_until: float
    checkpoints: list[_Checkpoint]
    round_limits: list[float]


class NewWinnerError(Exception):
    """A project outside the winners a `FastProfile` was grouped for won a round."""

    def __init__(self, project: int) -> None:
        super().__init__(project)
        self.project = project


class FastProfile:
    """Arrays derived once from a profile, reused by every run (add-one runs many).

    With `winners`, ballots are merged into classes by the winners they approve: two
    voters who approve the same winners pay for the same projects, so they always have the
    same budget left, and a round touches one number per class instead of one per distinct
    ballot (553,402 distinct ballots become a few thousand classes on the synthetic
    million). A run in which another project wins raises `NewWinnerError`; the caller
    groups again with that project among the winners (`regrouped`).
    """

    def __init__(self, profile: ApprovalProfile, winners: frozenset[int] | None = None) -> None:
        self.profile = profile
        self.winners = winners
        ballot_counts = np.array([count for _ballot, count in profile.ballots], dtype=np.int64)
        supporters = [np.array(groups, dtype=np.int64) for groups in profile.supporters()]
        self._ballot_counts, self._supporters = ballot_counts, supporters
        if winners is None:
            self.counts: FloatArray = ballot_counts.astype(np.float64)
            self.groups: list[IntArray] = supporters
        else:
            self._group_by_winners(profile, winners)
        if winners is None:
            self.group_counts: list[FloatArray] = [self.counts[g] for g in self.groups]
        else:
            # A class's count is all its voters; a project's supporters in it may be fewer.
            self.group_counts = self._project_counts
        self.costs = [float(cost) for cost in profile.costs]
        self.scores = profile.approval_scores()
        self.candidates = [
            project
            for project in range(len(profile.project_ids))
            if self.scores[project] > 0 and profile.costs[project] > 0
        ]

    def _group_by_winners(self, profile: ApprovalProfile, winners: frozenset[int]) -> None:
        """Classes of ballots approving the same winners; per project, its classes."""
        ballots = len(profile.ballots)
        ordered = sorted(winners)
        words = max(1, (len(ordered) + 62) // 63)
        keys = np.zeros((ballots, words), dtype=np.int64)
        for position, project in enumerate(ordered):
            keys[self._supporters[project], position // 63] |= np.int64(1) << (position % 63)
        classes, of_ballot = np.unique(keys, axis=0, return_inverse=True)
        of_ballot = of_ballot.reshape(-1)
        self.of_ballot: IntArray = of_ballot
        self.counts = np.bincount(
            of_ballot, weights=self._ballot_counts, minlength=len(classes)
        ).astype(np.float64)
        self.groups = []
        self._project_counts: list[FloatArray] = []
        for supporting in self._supporters:
            merged, where = np.unique(of_ballot[supporting], return_inverse=True)
            self.groups.append(merged.astype(np.int64))
            self._project_counts.append(
                np.bincount(
                    where.reshape(-1),
                    weights=self._ballot_counts[supporting],
                    minlength=len(merged),
                ).astype(np.float64)
            )

    def regrouped(self, project: int) -> FastProfile:
        """The same profile grouped with `project` among the winners too."""
        grouped = copy.copy(self)
        grouped.winners = (self.winners or frozenset()) | {project}
        grouped._group_by_winners(self.profile, grouped.winners)
        grouped.group_counts = grouped._project_counts
        return grouped

    def carry(self, outcome: FastOutcome, older: FastProfile) -> FastOutcome:
        """A run grouped by `older` (fewer winners), grouped as this profile is.

        Grouping by more winners splits classes; until a round buys the new winner, every
        part of a class has the class's budget, so the run's rounds stay valid as they are.
        """
        parent = np.empty(len(self.counts), dtype=np.int64)
        parent[self.of_ballot] = older.of_ballot
        checkpoints = [
            dataclasses.replace(point, budgets=point.budgets[parent], slopes=point.slopes[parent])
            for point in outcome.checkpoints
        ]
        return dataclasses.replace(outcome, checkpoints=checkpoints)

    def worth_grouping(self) -> bool:
        """Do the classes save enough over distinct ballots to pay for grouping again?"""
        return len(self.counts) * 2 <= len(self._ballot_counts)

    def equal_shares(self, share: Fraction, previous: FastOutcome | None = None) -> FastOutcome:
        """MES with `share` per voter; raises TooCloseError when floats cannot decide.

        `stable_until` bounds the shares s >= share for which the run makes exactly the
        same decisions; it is conservative, never too far. With `previous`, a run at a
        smaller share, the rounds whose decisions still hold are not computed again.
        """
        start = 0
        if previous is not None:
            limits = previous.round_limits
            start = next((index for index, limit in enumerate(limits) if limit <= share), -1)
            if start < 0:
                return previous
        resume = previous.checkpoints[start] if previous is not None and start else None
        rounds = _FastRounds(self, float(share), resume)
        rounds.run()
        if previous is not None and start:
            rounds.checkpoints[:0] = previous.checkpoints[:start]
            rounds.round_limits[:0] = previous.round_limits[:start]
        return FastOutcome(rounds.selected, rounds.limit, rounds.checkpoints, rounds.round_limits)


class _FastRounds:
    """One MES run at share t0, also tracking each quantity as an affine function of t.

    While the same projects are bought in the same order and the same supporters run
    short, every budget, payment and rho is affine in the starting share t. Each
    decision holds while some affine expression stays positive; `limit` is the least t
    at which one of them might reach zero, shrunk by a safety margin.
    """

    def __init__(self, fast: FastProfile, share: float, resume: _Checkpoint | None) -> None:
        self.fast = fast
        self.start = share
        projects = len(fast.costs)
        # The queue's entries also live in arrays, to test all of them at once each round.
        if resume is None:
            self.budgets: FloatArray = np.full(len(fast.counts), share)
            self.slopes: FloatArray = np.ones(len(fast.counts))
            self.queued: BoolArray = np.zeros(projects, dtype=bool)
            self.queued[fast.candidates] = True
            self.bound_value: FloatArray = np.zeros(projects)
            self.bound_value[fast.candidates] = [1.0 / fast.scores[p] for p in fast.candidates]
            self.bound_slope: FloatArray = np.zeros(projects)
            self.bound_sharing: IntArray = np.full(projects, -1, dtype=np.int64)
            self.bound_sharing[fast.candidates] = [fast.scores[p] for p in fast.candidates]
            self.selected: list[int] = []
            self.limit = np.inf
        else:
            moved = share - resume.base
            self.budgets = resume.budgets + resume.slopes * moved
            self.slopes = resume.slopes.copy()
            self.queued = resume.queued.copy()
            self.bound_value = resume.bound_value + resume.bound_slope * moved
            self.bound_slope = resume.bound_slope.copy()
            self.bound_sharing = resume.bound_sharing.copy()
            self.selected = list(resume.selected)
            self.limit = resume.limit
        self.queue = [(float(self.bound_value[p]), int(p)) for p in np.flatnonzero(self.queued)]
        heapq.heapify(self.queue)
        self.checkpoints: list[_Checkpoint] = []
        self.round_limits: list[float] = []

    def run(self) -> None:
        while self.queue:
            self.checkpoints.append(self.checkpoint())
            winner = self.next_winner()
            self.round_limits.append(self.limit)
            if winner is None:
                break
            project, price = winner
            self.selected.append(project)
            self.pay(project, price)

    def checkpoint(self) -> _Checkpoint:
        return _Checkpoint(
            base=self.start,
            budgets=self.budgets.copy(),
            slopes=self.slopes.copy(),
            queued=self.queued.copy(),
            bound_value=self.bound_value.copy(),
            bound_slope=self.bound_slope.copy(),
            bound_sharing=self.bound_sharing.copy(),
            selected=tuple(self.selected),
            limit=self.limit,
        )

    def next_winner(self) -> tuple[int, _Price] | None:
        """Pop projects in order of their lower bounds until the cheapest one is certain."""
        evaluated: list[tuple[int, _Price]] = []
        best: float | None = None
        while self.queue and (best is None or self.queue[0][0] <= best * (1 + TOLERANCE)):
            _bound, project = heapq.heappop(self.queue)
            self.queued[project] = False
            price = self.price(project)
            if price is None:
                continue
            evaluated.append((project, price))
            if best is None or price.rho < best:
                best = price.rho
        if best is None:
            return None
        close = [item for item in evaluated if item[1].rho <= best * (1 + TOLERANCE)]
        if len(close) > 1:
            if any(price.sharing is None for _project, price in close):
                raise TooCloseError
            # Exact ties: most supporters with money left, then the smaller id.
            close.sort(key=lambda item: (-(item[1].sharing or 0), item[0]))
        winner, winning = close[0]
        for project, price in evaluated:
            if project != winner:
                heapq.heappush(self.queue, (price.rho, project))
                self.queued[project] = True
                self.bound_value[project] = price.rho
                self.bound_slope[project] = price.rho_slope
                self.bound_sharing[project] = -1 if price.sharing is None else price.sharing
        self.stays_cheapest(winner, winning)
        self.pays_the_same(winning)
        return winner, winning

    def pays_the_same(self, winning: _Price) -> None:
        """The winner's supporters short of the price stay short; the others stay able to pay.

        Only the winner needs this, because the budgets after its purchase must stay affine
        in t. Another project's rho, as a function of t, is convex (the least price at
        which the supporters' capped payments reach the cost is a convex function of their
        budgets, and the budgets are affine in t), so the line through its current value
        with its current slope stays below it: a valid lower bound for every t.
        """
        budgets, slopes, payment = winning.budgets, winning.slopes, winning.payment
        sign = np.where(winning.short, -1.0, 1.0)
        self.keep_positive(
            sign * (budgets - payment),
            budgets + payment,
            sign * (slopes - winning.payment_slope),
            np.abs(slopes) + abs(winning.payment_slope),
        )

    def stays_cheapest(self, winner: int, winning: _Price) -> None:
        """Every other project's rho (or its lower bound) must stay above the winner's."""
        others = self.queued.copy()
        if winning.sharing is not None:
            # Exact ties between constant rhos are settled by id for every t.
            others &= self.bound_sharing != winning.sharing
        bounds, slopes = self.bound_value[others], self.bound_slope[others]
        self.keep_positive(
            bounds - winning.rho,
            bounds + winning.rho,
            slopes - winning.rho_slope,
            np.abs(slopes) + abs(winning.rho_slope),
        )

    def keep_positive(
        self,
        values: FloatArray,
        value_scale: FloatArray,
        slopes: FloatArray,
        slope_scale: FloatArray,
    ) -> None:
        """Lower `limit` to where some value + slope x (t - t0) might stop being positive.

        Each value and slope is a difference of floats; `*_scale` is the size of what was
        subtracted, so that rounding and cancellation are accounted pessimistically.
        """
        slopes = slopes - SAFETY * slope_scale
        falling = slopes < 0
        if not falling.any():
            return
        values = values - SAFETY * value_scale
        reach = values[falling] / -slopes[falling]
        self.limit = min(self.limit, self.start + max(0.0, float(reach.min())))

    def keep_one_positive(
        self, value: float, value_scale: float, slope: float, scale: float
    ) -> None:
        """`keep_positive` for a single value."""
        slope -= SAFETY * scale
        if slope < 0:
            reach = (value - SAFETY * value_scale) / -slope
            self.limit = min(self.limit, self.start + max(0.0, reach))

    def price(self, project: int) -> _Price | None:
        fast = self.fast
        groups = fast.groups[project]
        budgets = self.budgets[groups]
        slopes = self.slopes[groups]
        counts = fast.group_counts[project]
        cost = fast.costs[project]
        total = float(np.dot(budgets, counts))
        if total < cost * (1 - TOLERANCE):
            # Stays out of reach while the supporters' money stays below the cost.
            money_slope = float(np.dot(slopes, counts))
            self.keep_one_positive(cost - total, cost + total, -money_slope, money_slope)
            return None
        if total <= cost * (1 + TOLERANCE):
            raise TooCloseError
        keep = budgets > 0
        budgets, slopes, counts = budgets[keep], slopes[keep], counts[keep]
        # Those poorer than the price pay all they have and the rest share what is left;
        # each pass can only find more of the poor, so this settles in a few passes.
        sharing = float(counts.sum())
        payment = cost / sharing
        short = budgets < payment
        while short.any():
            sharing = float(counts.sum() - counts[short].sum())
            payment = (cost - float(np.dot(budgets[short], counts[short]))) / sharing
            more_short = budgets < payment
            if more_short.sum() == short.sum():
                break
            short = more_short
        payment_slope = -float(np.dot(slopes[short], counts[short])) / sharing
        exact_sharing: int | None = None
        if not short.any() and payment < float(budgets.min()) * (1 - TOLERANCE):
            exact_sharing = round(sharing)
            payment_slope = 0.0
        return _Price(
            rho=payment / cost,
            sharing=exact_sharing,
            payment=payment,
            rho_slope=payment_slope / cost,
            payment_slope=payment_slope,
            budgets=budgets,
            slopes=slopes,
            short=short,
        )

    def pay(self, project: int, price: _Price) -> None:
        winners = self.fast.winners
        if winners is not None and project not in winners:
            raise NewWinnerError(project)
        groups = self.fast.groups[project]
        budgets = self.budgets[groups]
        payment = price.payment
        paying = budgets > 0
        if (paying & (np.abs(budgets - payment) <= payment * TOLERANCE)).any():
            raise TooCloseError
        pays_price = budgets > payment
        self.budgets[groups] = np.where(pays_price, budgets - payment, 0.0)
        self.slopes[groups] = np.where(pays_price, self.slopes[groups] - price.payment_slope, 0.0)
