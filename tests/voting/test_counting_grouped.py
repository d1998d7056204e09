"""mes-add1 with ballots grouped by the winners they approve (mes_fast.FastProfile).

Grouping is used on large profiles only (where it halves the groups); here it is forced on
small random elections, so that regrouping when a project outside the first winners wins,
and carrying the rounds over, are checked against trying every step exactly and against
pabutools. Fixed seeds: the same elections every run.
"""

import random

import pytest

from maeul.voting.counting import outcome
from maeul.voting.counting.completion import mes_add1
from maeul.voting.counting.mes_fast import FastProfile
from maeul.voting.counting.pabulib import parse_pabulib
from maeul.voting.counting.profile import ApprovalProfile
from tests.voting.test_counting import naive_mes_add1, pabutools_outcome, pb_text

SEEDS = range(60)


def random_election(seed: int) -> tuple[list[int], int, list[list[int]]]:
    """Up to 7 projects, 5 to 40 voters, shares of hundreds of units (long add-one runs)."""
    rng = random.Random(seed)  # noqa: S311 -- reproducible test data, not a secret
    projects = rng.randint(2, 7)
    costs = [rng.randint(0 if rng.random() < 0.1 else 1, 900) for _ in range(projects)]
    budget = rng.randint(100, 2000)
    ballots = [
        sorted(rng.sample(range(projects), rng.randint(0, projects)))
        for _ in range(rng.randint(5, 40))
    ]
    return costs, budget, ballots


@pytest.fixture
def always_grouped(monkeypatch):
    regroups: list[int] = []
    original = FastProfile.regrouped

    def counted(self: FastProfile, project: int) -> FastProfile:
        regroups.append(project)
        return original(self, project)

    monkeypatch.setattr(FastProfile, "worth_grouping", lambda self: True)
    monkeypatch.setattr(FastProfile, "regrouped", counted)
    return regroups


@pytest.mark.parametrize("seed", SEEDS)
def test_grouped_add1_equals_trying_every_step(always_grouped, seed):
    profile = ApprovalProfile.from_election(parse_pabulib(pb_text(*random_election(seed))))
    assert mes_add1(profile) == naive_mes_add1(profile)


def test_the_seeds_make_new_winners_regroup(always_grouped):
    for seed in SEEDS:
        mes_add1(ApprovalProfile.from_election(parse_pabulib(pb_text(*random_election(seed)))))
    assert len(always_grouped) >= 10


@pytest.mark.parametrize("seed", SEEDS[:20])
def test_grouped_add1_equals_pabutools(always_grouped, seed):
    text = pb_text(*random_election(seed))
    assert outcome(parse_pabulib(text), "mes-add1") == pabutools_outcome(text, "mes-add1")
