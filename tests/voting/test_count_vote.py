"""Counting a closed vote: exact tallies, the documented tie rule, frozen results, no link left."""

from datetime import date, timedelta

import pytest
from django.utils import translation

from maeul.core.errors import RuleViolation
from maeul.voting.ballots import Choices
from maeul.voting.counting import outcome
from maeul.voting.counting.pabulib import parse_pabulib
from maeul.voting.identity import PaperVoter
from maeul.voting.models import Ballot, Participation, VoteKey, VoteResult, VoteStatus
from maeul.voting.services.casting import cast_ballot
from maeul.voting.services.counting import ballot_profile, count_vote, tally, tie_order
from maeul.voting.services.paper import confirm_batch, enter_paper_ballot
from tests.voting.conftest import add_options, make_vote, option_ids

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _korean():
    with translation.override("ko"):
        yield


def cast_all(vote, people, ballots, now):
    for person, numbers in zip(people, ballots, strict=True):
        if vote.ballot_type == "yes_no":
            ids = option_ids(vote, *range(1, vote.options.count() + 1))
            choices = Choices(answers=tuple(zip(ids, numbers, strict=True)))
        else:
            choices = Choices(option_ids(vote, *numbers))
        cast_ballot(vote=vote, user=person, choices=choices, now=now)


def after_close(vote):
    return vote.closes_at + timedelta(seconds=1)


def test_greedy_count_of_a_participatory_budget(pb_vote, voters, district_staff, now):
    # Costs (만원): 1=3,000 2=4,000 3=1,000 4=5,000 5=2,000; budget 10,000.
    cast_all(pb_vote, voters(5), [(4, 1), (4, 2), (4, 3), (2, 1), (5,)], now)

    result = count_vote(vote=pb_vote, staff=district_staff, now=after_close(pb_vote), ip=None)

    votes = {int(k): v["votes"] for k, v in result.tallies.items()}
    by_number = dict(pb_vote.options.values_list("number", "pk"))
    assert [votes[by_number[n]] for n in range(1, 6)] == [2, 2, 1, 3, 1]
    # 4 (3 votes, 5,000) then 1 and 2 tie on 2 votes: the cheaper (1: 3,000) first; 2 no
    # longer fits; then 3 and 5 tie on 1 vote: 3 (1,000) first, then 5 (2,000) no longer fits.
    assert result.selected == sorted([by_number[4], by_number[1], by_number[3]])
    assert result.ballot_count == 5
    assert pb_vote.status == VoteStatus.COUNTED


def test_count_agrees_with_the_pabulib_engine_on_the_same_ballots(
    pb_vote, voters, district_staff, now
):
    ballots = [(1, 2), (2, 3), (3,), (4, 5), (1, 5), (2,), (5, 3)]
    cast_all(pb_vote, voters(len(ballots)), ballots, now)
    pb_vote.rule = "mes"
    pb_vote.save()

    result = count_vote(vote=pb_vote, staff=district_staff, now=after_close(pb_vote), ip=None)

    # The same election in pabulib form, its project ids in our tie order (cost, lottery).
    ordered = tie_order(list(pb_vote.options.all()), result.tie_seed)
    name = {option.pk: f"p{index:02d}" for index, option in enumerate(ordered)}
    rows = "\n".join(
        f"{i};{','.join(name[pk] for pk in option_ids(pb_vote, *b))}" for i, b in enumerate(ballots)
    )
    text = (
        "META\nkey;value\nbudget;100000000\nvote_type;approval\nnum_votes;7\nnum_projects;5\n"
        "PROJECTS\nproject_id;cost\n"
        + "\n".join(f"{name[o.pk]};{o.cost}" for o in ordered)
        + "\nVOTES\nvoter_id;vote\n"
        + rows
        + "\n"
    )
    expected = outcome(parse_pabulib(text), "mes")
    assert sorted(name[pk] for pk in result.selected) == expected


def test_recount_from_the_ballot_table_equals_the_published_result(
    pb_vote, voters, district_staff, dong_staff, second_dong_staff, batch, doksan1, now
):
    cast_all(pb_vote, voters(4), [(1,), (2, 3), (4,), (1, 5)], now)
    enter_paper_ballot(
        batch=batch,
        voter=PaperVoter(name="현장 주민", birth_date=date(1950, 1, 1), dong=doksan1),
        choices=Choices(option_ids(pb_vote, 1, 2)),
        staff=dong_staff,
        now=now,
        ip=None,
    )
    confirm_batch(batch=batch, staff=second_dong_staff, now=now, ip=None)

    result = count_vote(vote=pb_vote, staff=district_staff, now=after_close(pb_vote), ip=None)

    recount = tally(pb_vote)
    assert recount.tallies == result.tallies
    assert recount.selected == result.selected
    assert recount.ballots_hash == result.ballots_hash
    assert result.ballot_count == Ballot.objects.filter(vote=pb_vote).count() == 5
    assert result.turnout["by_channel"] == {"online": 4, "on_site": 1}
    assert result.turnout["total"] == Participation.objects.filter(vote=pb_vote).count()


def test_counting_destroys_the_link_between_voters_and_ballots(
    pb_vote, voters, district_staff, now
):
    cast_all(pb_vote, voters(2), [(1,), (2,)], now)
    assert all(p.ballot_link for p in Participation.objects.filter(vote=pb_vote))

    count_vote(vote=pb_vote, staff=district_staff, now=after_close(pb_vote), ip=None)

    assert not VoteKey.objects.filter(vote=pb_vote).exists()
    assert set(
        Participation.objects.filter(vote=pb_vote).values_list("ballot_link", flat=True)
    ) == {""}


def test_unconfirmed_paper_batch_blocks_the_count(
    pb_vote, batch, doksan1, dong_staff, district_staff, now
):
    enter_paper_ballot(
        batch=batch,
        voter=PaperVoter(name="현장 주민", birth_date=date(1950, 1, 1), dong=doksan1),
        choices=Choices(option_ids(pb_vote, 1)),
        staff=dong_staff,
        now=now,
        ip=None,
    )

    with pytest.raises(RuleViolation) as refused:
        count_vote(vote=pb_vote, staff=district_staff, now=after_close(pb_vote), ip=None)

    assert batch.label in refused.value.message
    assert not VoteResult.objects.exists()
    assert ballot_profile(pb_vote) == []  # its ballots are not counted until confirmed


def test_no_count_before_the_close_and_no_second_count(pb_vote, district_staff, now):
    with pytest.raises(RuleViolation):
        count_vote(vote=pb_vote, staff=district_staff, now=now, ip=None)

    count_vote(vote=pb_vote, staff=district_staff, now=after_close(pb_vote), ip=None)
    with pytest.raises(RuleViolation):
        count_vote(vote=pb_vote, staff=district_staff, now=after_close(pb_vote), ip=None)
    assert VoteResult.objects.count() == 1


def test_staff_of_another_district_cannot_count(pb_vote, other_district_staff, now):
    with pytest.raises(RuleViolation) as refused:
        count_vote(vote=pb_vote, staff=other_district_staff, now=after_close(pb_vote), ip=None)
    assert refused.value.code == "forbidden"


def test_yes_no_items_pass_on_more_yes_than_no_with_the_quorum(
    assembly_vote, voters, district_staff, now
):
    cast_all(
        assembly_vote,
        voters(4),
        [("yes", "no", "yes"), ("yes", "no", "no"), ("no", "yes", "abstain"), ("yes", "no", "no")],
        now,
    )

    result = count_vote(
        vote=assembly_vote, staff=district_staff, now=after_close(assembly_vote), ip=None
    )

    first, second, third = (result.tallies[str(pk)] for pk in option_ids(assembly_vote, 1, 2, 3))
    assert (first["yes"], first["no"], first["passed"]) == (3, 1, True)
    assert (second["yes"], second["no"], second["passed"]) == (1, 3, False)
    assert (third["yes"], third["no"], third["abstain"], third["passed"]) == (1, 2, 1, False)


def test_assembly_that_misses_its_quorum_passes_nothing(assembly_vote, voters, district_staff, now):
    assembly_vote.quorum = 10
    assembly_vote.save()
    cast_all(assembly_vote, voters(2), [("yes", "yes", "yes"), ("yes", "yes", "yes")], now)

    result = count_vote(
        vote=assembly_vote, staff=district_staff, now=after_close(assembly_vote), ip=None
    )

    assert all(not item["passed"] and not item["quorum_met"] for item in result.tallies.values())


def test_ranking_counts_points_and_first_choices(ranking_vote, voters, district_staff, now):
    cast_all(ranking_vote, voters(3), [(1, 2, 3), (2, 1), (2,)], now)

    result = count_vote(
        vote=ranking_vote, staff=district_staff, now=after_close(ranking_vote), ip=None
    )

    one, two = (result.tallies[str(pk)] for pk in option_ids(ranking_vote, 1, 2))
    assert (one["points"], one["first"]) == (3 + 2, 1)
    assert (two["points"], two["first"]) == (2 + 3 + 3, 2)


def test_ties_on_equal_cost_follow_the_published_lottery(geumcheon, voters, district_staff, now):
    vote = make_vote(geumcheon, now, budget=10, max_choices=None)
    add_options(vote, [(f"사업 {n}", 10) for n in range(1, 5)])
    cast_all(vote, voters(4), [(1,), (2,), (3,), (4,)], now)

    result = count_vote(vote=vote, staff=district_staff, now=after_close(vote), ip=None)

    assert len(result.selected) == 1 and result.tie_seed == result.ballots_hash
    import hashlib

    winner = min(
        vote.options.all(),
        key=lambda o: hashlib.sha256(f"{result.tie_seed}:{o.number}".encode()).hexdigest(),
    )
    assert result.selected == [winner.pk]
