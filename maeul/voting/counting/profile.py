"""The approval profile the counting rules work on, built from a parsed pabulib file."""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from maeul.voting.counting.pabulib import PbElection

APPROVAL_VOTE_TYPES = ("approval", "choose-1")


class UnsupportedVoteTypeError(ValueError):
    """The file's ballots are not approval ballots; the message is Korean and user-facing."""


@dataclass(frozen=True, slots=True)
class ApprovalProfile:
    """Projects and ballots indexed for counting.

    Projects are numbered in the order of their ids as strings (Python's code-point order),
    which is also the tie-breaking order of every rule: pabutools' `lexico_tie_breaking`
    prefers the smallest project name. `ballots` holds each distinct non-empty approval set
    (as project numbers) with the number of voters who cast it; `num_voters` also counts
    the empty ballots, which still receive their share of the budget under MES.
    """

    project_ids: tuple[str, ...]
    costs: tuple[Fraction, ...]
    budget: Fraction
    num_voters: int
    ballots: tuple[tuple[tuple[int, ...], int], ...]

    @classmethod
    def from_election(cls, election: PbElection) -> ApprovalProfile:
        if election.vote_type not in APPROVAL_VOTE_TYPES:
            raise UnsupportedVoteTypeError(
                f"투표 방식 '{election.vote_type}'은(는) 셀 수 없습니다. "
                "approval 또는 choose-1 투표만 지원합니다."
            )
        project_ids = tuple(sorted(election.projects))
        number = {project_id: index for index, project_id in enumerate(project_ids)}
        ballots = tuple(
            (tuple(sorted(number[project_id] for project_id in ballot)), count)
            for ballot, count in election.ballots.items()
            if ballot
        )
        return cls(
            project_ids=project_ids,
            costs=tuple(election.projects[project_id].cost for project_id in project_ids),
            budget=election.budget,
            num_voters=election.num_voters,
            ballots=ballots,
        )

    def approval_scores(self) -> list[int]:
        """How many voters approve each project."""
        scores = [0] * len(self.project_ids)
        for ballot, count in self.ballots:
            for project in ballot:
                scores[project] += count
        return scores

    def supporters(self) -> list[list[int]]:
        """For each project, the indices (into `ballots`) of the ballots approving it."""
        supporting: list[list[int]] = [[] for _ in self.project_ids]
        for index, (ballot, _count) in enumerate(self.ballots):
            for project in ballot:
                supporting[project].append(index)
        return supporting

    def total_cost(self, projects: list[int]) -> Fraction:
        return sum((self.costs[project] for project in projects), Fraction(0))
