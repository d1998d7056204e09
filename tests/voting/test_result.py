"""The counted result read through `VoteResult`: each ballot type's figures, in one order."""

import pytest

from maeul.voting.models import BallotType, OptionResult
from maeul.voting.services.counting import count_vote
from tests.voting.conftest import PB_OPTIONS, add_options, make_vote
from tests.voting.test_count_vote import after_close, cast_all

pytestmark = pytest.mark.django_db


def counted(vote, staff):
    return count_vote(vote=vote, staff=staff, now=after_close(vote), ip=None)


def numbers(rows: list[OptionResult]) -> list[int]:
    return [row.option.number for row in rows]


def test_an_approval_result_ranks_by_votes_then_number(pb_vote, voters, district_staff, now):
    cast_all(pb_vote, voters(4), [(4, 1), (4, 2), (2,), (5,)], now)

    result = counted(pb_vote, district_staff)

    assert numbers(result.option_results()) == [1, 2, 3, 4, 5]
    assert numbers(result.standings()) == [2, 4, 1, 5, 3]
    by_number = {row.option.number: row for row in result.option_results()}
    assert [by_number[n].votes for n in range(1, 6)] == [1, 2, 0, 2, 1]
    assert {n for n, row in by_number.items() if row.selected} == {
        option.number for option in pb_vote.options.filter(pk__in=result.selected)
    }
    assert by_number[4].figures() == {"votes": 2, "cost": PB_OPTIONS[3][1]}
    assert (by_number[4].yes, by_number[4].points, by_number[4].score) == (None, None, 2)


def test_a_yes_no_result_keeps_the_item_order(assembly_vote, voters, district_staff, now):
    cast_all(assembly_vote, voters(3), [("no", "yes", "yes")] * 3, now)

    rows = counted(assembly_vote, district_staff).standings()

    assert numbers(rows) == [1, 2, 3]
    assert (rows[0].yes, rows[0].no, rows[0].abstain, rows[0].passed) == (0, 3, 0, False)
    assert rows[1].figures() == {
        "yes": 3,
        "no": 0,
        "abstain": 0,
        "passed": True,
        "quorum_met": True,
    }
    assert rows[1].votes is None


def test_a_ranking_result_ranks_by_points(geumcheon, voters, district_staff, now):
    vote = make_vote(geumcheon, now, ballot_type=BallotType.RANKING, budget=None)
    add_options(vote, PB_OPTIONS[:4])
    cast_all(vote, voters(2), [(3, 1), (3, 2)], now)

    rows = counted(vote, district_staff).standings()

    # Up to 3 ranked: 3 points for a first place, 2 for a second.
    assert [(row.option.number, row.points, row.first) for row in rows] == [
        (3, 6, 2),
        (1, 2, 0),
        (2, 2, 0),
        (4, 0, 0),
    ]
    assert rows[0].figures() == {"first": 2, "points": 6}
