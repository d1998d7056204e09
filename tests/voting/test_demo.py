"""Demo votes: one open, one counted from thousands of ballots, one assembly; idempotent."""

import pytest
from django.utils import timezone

from maeul.accounts.demo import load_accounts
from maeul.voting.demo import ASSEMBLY_TITLE, CLOSED_BALLOTS, CLOSED_TITLE, OPEN_TITLE, load_votes
from maeul.voting.models import Ballot, Participation, Phase, Vote
from maeul.voting.services.counting import tally

pytestmark = pytest.mark.django_db


def test_demo_votes_are_open_counted_and_idempotent(places):
    now = timezone.now()
    load_accounts(now=now)

    assert load_votes(now=now) == 3
    assert load_votes(now=now) == 0

    open_vote = Vote.objects.get(title=OPEN_TITLE)
    assert open_vote.phase(now) == Phase.OPEN
    assert open_vote.options.count() == 30 and open_vote.max_choices == 6
    assert open_vote.budget == 900_000_000

    closed = Vote.objects.get(title=CLOSED_TITLE)
    assert closed.phase(now) == Phase.COUNTED
    assert closed.result.ballot_count == CLOSED_BALLOTS
    assert Participation.objects.filter(vote=closed).count() == CLOSED_BALLOTS
    assert Ballot.objects.filter(vote=closed).count() == CLOSED_BALLOTS
    recount = tally(closed)
    assert recount.selected == closed.result.selected
    assert recount.ballots_hash == closed.result.ballots_hash
    assert set(closed.result.turnout["by_channel"]) == {"online", "on_site", "postal"}
    selected_cost = sum(o.cost for o in closed.options.filter(pk__in=closed.result.selected))
    assert 0 < selected_cost <= closed.budget

    assembly = Vote.objects.get(title=ASSEMBLY_TITLE)
    assert assembly.dong.name == "독산1동" and assembly.phase(now) == Phase.OPEN
