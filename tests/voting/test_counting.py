"""The counting rules: properties on random elections, and agreement with pabutools."""

from __future__ import annotations

import json
import os
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from maeul.voting.counting import PbFormatError, outcome
from maeul.voting.counting.completion import mes_add1, run_mes
from maeul.voting.counting.greedy import greedy
from maeul.voting.counting.mes import equal_shares
from maeul.voting.counting.mes_fast import FastProfile
from maeul.voting.counting.pabulib import parse_pabulib, parse_pabulib_file
from maeul.voting.counting.profile import ApprovalProfile

FIXTURES = Path(__file__).resolve().parent / "fixtures"
RULES = ("greedy", "mes", "mes-add1")
PABULIB_DIR = Path(
    os.environ.get(
        "MAEUL_PABULIB_DIR",
        Path(__file__).resolve().parents[2] / ".." / "shared" / "data" / "pabulib",
    )
).resolve()
# Cumulative, ordinal and scoring ballots are not approval ballots: our rules do not count
# them (pb_outcome refuses them), so they take no part in the agreement tests.
COUNTED_VOTE_TYPES = ("approval", "choose-1")
LIVE_LIMIT_BYTES = 200_000
LIVE_ADD1_LIMIT_BYTES = 30_000

pabutools = pytest.importorskip("pabutools")


def pabutools_outcome(text: str, rule: str) -> list[str]:
    """pabutools 1.2.3's answer, called as scripts/pabutools_oracle.py calls it."""
    from pabutools.election import Cost_Sat
    from pabutools.election.pabulib import parse_pabulib_from_string
    from pabutools.rules import (
        completion_by_rule_combination,
        exhaustion_by_budget_increase,
        greedy_utilitarian_welfare,
        method_of_equal_shares,
    )

    instance, profile = parse_pabulib_from_string(text)
    if rule == "greedy":
        allocation = greedy_utilitarian_welfare(instance, profile, sat_class=Cost_Sat)
    elif rule == "mes":
        allocation = method_of_equal_shares(instance, profile, sat_class=Cost_Sat)
    else:
        allocation = completion_by_rule_combination(
            instance,
            profile,
            [exhaustion_by_budget_increase, greedy_utilitarian_welfare],
            [
                {
                    "rule": method_of_equal_shares,
                    "rule_params": {"sat_class": Cost_Sat},
                    "budget_step": profile.num_ballots(),
                },
                {"sat_class": Cost_Sat},
            ],
        )
    return sorted(str(project.name) for project in allocation)


def pb_text(costs: list[int], budget: int, ballots: list[list[int]]) -> str:
    """A pabulib file for projects p0, p1, ... with the given costs and approval ballots."""
    lines = ["META", "key;value", f"budget;{budget}", "vote_type;approval", "PROJECTS"]
    lines += ["project_id;cost", *(f"p{index};{cost}" for index, cost in enumerate(costs))]
    lines += ["VOTES", "voter_id;vote"]
    lines += [
        f"{voter};{','.join(f'p{project}' for project in ballot)}"
        for voter, ballot in enumerate(ballots)
    ]
    return "\n".join(lines) + "\n"


@st.composite
def elections(draw: st.DrawFn) -> tuple[list[int], int, list[list[int]]]:
    """Small elections where ties, cheap projects and empty ballots are common."""
    num_projects = draw(st.integers(1, 6))
    costs = draw(st.lists(st.integers(0, 12), min_size=num_projects, max_size=num_projects))
    budget = draw(st.integers(0, 30))
    ballot = st.lists(st.integers(0, num_projects - 1), max_size=num_projects, unique=True)
    ballots = draw(st.lists(ballot, min_size=1, max_size=8))
    return costs, budget, ballots


# The project's autouse fixtures hold a database per test; these properties never use it.
PROPERTY_SETTINGS = settings(
    max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)


@PROPERTY_SETTINGS
@given(elections(), st.sampled_from(RULES))
def test_outcome_never_exceeds_the_budget(election, rule):
    costs, budget, ballots = election
    parsed = parse_pabulib(pb_text(costs, budget, ballots))
    selected = outcome(parsed, rule)
    assert sum(costs[int(project_id[1:])] for project_id in selected) <= budget
    assert selected == sorted(set(selected))


@PROPERTY_SETTINGS
@given(elections(), st.sampled_from(RULES))
def test_outcome_equals_pabutools_on_small_elections(election, rule):
    text = pb_text(*election)
    assert outcome(parse_pabulib(text), rule) == pabutools_outcome(text, rule)


@PROPERTY_SETTINGS
@given(elections(), st.integers(0, 5))
def test_fast_mes_equals_exact_mes(election, extra_share):
    profile = ApprovalProfile.from_election(parse_pabulib(pb_text(*election)))
    share = profile.budget / profile.num_voters + extra_share
    assert run_mes(FastProfile(profile), share) == equal_shares(profile, voter_budget=share)


def naive_mes_add1(profile: ApprovalProfile) -> list[int]:
    """mes-add1 the slow way: exact MES at every step, as pabutools loops."""
    voters, budget = profile.num_voters, profile.budget
    kept: list[int] = []
    step = 0
    while step <= budget:
        outcome = equal_shares(profile, voter_budget=budget / voters + step)
        spent = profile.total_cost(outcome)
        if spent > budget:
            break
        left = [cost for project, cost in enumerate(profile.costs) if project not in outcome]
        if all(cost + spent > budget for cost in left):
            return outcome
        kept = outcome
        step += 1
    return greedy(profile, already_selected=kept)


@st.composite
def wide_elections(draw: st.DrawFn) -> tuple[list[int], int, list[list[int]]]:
    """Elections whose add-one search runs for hundreds of steps."""
    num_projects = draw(st.integers(2, 6))
    costs = draw(st.lists(st.integers(1, 900), min_size=num_projects, max_size=num_projects))
    budget = draw(st.integers(100, 1500))
    ballot = st.lists(st.integers(0, num_projects - 1), max_size=num_projects, unique=True)
    ballots = draw(st.lists(ballot, min_size=1, max_size=10))
    return costs, budget, ballots


@settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(wide_elections())
def test_mes_add1_skipping_equals_trying_every_step(election):
    profile = ApprovalProfile.from_election(parse_pabulib(pb_text(*election)))
    assert mes_add1(profile) == naive_mes_add1(profile)


def test_small_fixture_outcomes():
    election = parse_pabulib_file(FIXTURES / "small_approval.pb")
    assert outcome(election, "greedy") == ["a", "c", "d"]
    assert outcome(election, "mes") == ["c"]
    assert outcome(election, "mes-add1") == ["a", "c", "d"]


def test_parser_reads_quoted_fields_and_counts_empty_ballots():
    election = parse_pabulib_file(FIXTURES / "small_approval.pb")
    assert election.projects["a"].fields["name"] == "Playground; shade"
    assert election.projects["a"].cost == Fraction(6)
    assert election.num_voters == 6
    assert election.ballots[()] == 1
    assert election.meta["description"].endswith('quoted "fields" may hold ; too')


def test_parser_accepts_decimal_costs_and_a_byte_order_mark():
    text = (
        pb_text([3, 4], 7, [[0], [1]]).replace("p0;3", "p0;2,5").replace("budget;7", "budget;7.5")
    )
    election = parse_pabulib(b"\xef\xbb\xbf" + text.encode())
    assert election.projects["p0"].cost == Fraction(5, 2)
    assert election.budget == Fraction(15, 2)


@pytest.mark.parametrize(
    ("change", "line", "message"),
    [
        (("p1;4", "p1;four"), 8, "프로젝트 비용이 숫자가 아닙니다."),
        (("p1;4", "p0;4"), 8, "프로젝트 번호 'p0'가 두 번 나옵니다."),
        (("1;p1", "1;p1,p9"), 12, "투표에 없는 프로젝트 번호 'p9'가 있습니다."),
        (("budget;7", "budget;lots"), 1, "META의 budget(예산)이 숫자가 아닙니다."),
        (("project_id;cost", "project_id;price"), 6, "PROJECTS 머리글에 cost 열이 없습니다."),
        (("META\n", "note\nMETA\n"), 1, "META, PROJECTS, VOTES 구역 밖에 내용이 있습니다."),
    ],
)
def test_parser_names_the_line_of_a_malformed_file(change, line, message):
    text = pb_text([3, 4], 7, [[0], [1]]).replace(*change)
    with pytest.raises(PbFormatError) as raised:
        parse_pabulib(text)
    assert (raised.value.line, raised.value.message) == (line, message)
    assert str(raised.value) == f"{line}번째 줄: {message}"


def test_parser_names_the_line_of_bytes_that_are_not_utf8():
    data = pb_text([3, 4], 7, [[0], [1]]).encode() + b"2;\xff\n"
    with pytest.raises(PbFormatError) as raised:
        parse_pabulib(data)
    assert raised.value.line == 13


def counted_files() -> list[Path]:
    if not PABULIB_DIR.is_dir():
        return []
    return sorted(
        path
        for path in PABULIB_DIR.glob("*.pb")
        if parse_pabulib_file(path).vote_type in COUNTED_VOTE_TYPES
    )


def stored_outcomes() -> dict[str, dict[str, object]]:
    stored: dict[str, dict[str, object]] = json.loads(
        (FIXTURES / "pabutools_outcomes.json").read_text(encoding="utf-8")
    )
    return stored


@pytest.fixture(scope="module")
def shared_files() -> list[Path]:
    files = counted_files()
    if not files and os.environ.get("CI") and PABULIB_DIR.is_dir():
        pytest.fail(f"CI sees {PABULIB_DIR} but no approval or choose-1 file in it")
    if not files:
        pytest.skip(f"shared pabulib files not found at {PABULIB_DIR} (set MAEUL_PABULIB_DIR)")
    return files


def test_outcomes_equal_stored_pabutools_outcomes(shared_files):
    stored = stored_outcomes()
    compared = 0
    for path in shared_files:
        election = parse_pabulib_file(path)
        for rule in RULES:
            expected = stored.get(path.name, {}).get(rule)
            if expected is None or isinstance(expected, dict):
                continue  # pabutools did not finish within the oracle's time limit
            assert outcome(election, rule) == expected, (path.name, rule)
            compared += 1
    assert compared > 0


def test_every_shared_file_has_a_stored_outcome(shared_files):
    stored = stored_outcomes()
    assert {path.name for path in shared_files} <= set(stored)


def test_outcomes_equal_live_pabutools_on_small_files(shared_files):
    stored = stored_outcomes()
    for path in shared_files:
        size = path.stat().st_size
        if size >= LIVE_LIMIT_BYTES:
            continue
        text = path.read_text(encoding="utf-8-sig")
        election = parse_pabulib(text)
        for rule in RULES:
            slow = size >= LIVE_ADD1_LIMIT_BYTES or isinstance(
                stored.get(path.name, {}).get(rule), dict
            )
            if rule == "mes-add1" and slow:
                continue  # pabutools needs minutes (or hours) for add-one on these files
            assert outcome(election, rule) == pabutools_outcome(text, rule), (path.name, rule)
