"""Greedy utilitarian welfare with cost satisfaction (pabutools' `greedy_utilitarian_welfare`)."""

from __future__ import annotations

from collections.abc import Iterable
from fractions import Fraction

from maeul.voting.counting.profile import ApprovalProfile


def greedy(
    profile: ApprovalProfile,
    *,
    already_selected: Iterable[int] = (),
    budget: Fraction | None = None,
) -> list[int]:
    """Projects in order of satisfaction per unit of cost, each taken if it still fits.

    With cost satisfaction a project's total satisfaction is (approvals x cost), so its
    density is exactly its approval count; a project that costs nothing gives no
    satisfaction and has density 0, like a project nobody approves. Equal densities go to
    the smaller project id. Projects already selected stay selected and use up budget.
    Returns all selected projects (the given ones first) as project numbers.
    """
    limit = profile.budget if budget is None else budget
    selected = list(already_selected)
    remaining = limit - profile.total_cost(selected)
    taken = set(selected)
    scores = profile.approval_scores()

    def density(project: int) -> int:
        return scores[project] if profile.costs[project] > 0 else 0

    order = sorted(
        (project for project in range(len(profile.project_ids)) if project not in taken),
        key=lambda project: (-density(project), project),
    )
    for project in order:
        if profile.costs[project] <= remaining:
            selected.append(project)
            remaining -= profile.costs[project]
    return selected
