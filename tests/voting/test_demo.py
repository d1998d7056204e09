"""Demo votes: open, counted with winners and losers, closed and ready to count, assembly."""

import pytest
from django.db.models import Max, Min, Sum
from django.utils import timezone

from maeul.accounts.demo import load_accounts
from maeul.accounts.models import User
from maeul.voting.demo import (
    ASSEMBLY_TITLE,
    CLOSED_BALLOTS,
    CLOSED_TITLE,
    DONG_BUDGET_BALLOTS,
    DONG_BUDGET_TITLE,
    OPEN_TITLE,
    PILOT_TITLE,
    load_votes,
)
from maeul.voting.models import Ballot, Participation, Phase, Vote, VoteStatus
from maeul.voting.services.counting import count_vote, tally

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo_votes(places):
    now = timezone.now()
    load_accounts(now=now)
    assert load_votes(now=now) == 5
    assert load_votes(now=now) == 0
    return now


def test_demo_votes_are_open_counted_and_idempotent(demo_votes):
    now = demo_votes
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

    assembly = Vote.objects.get(title=ASSEMBLY_TITLE)
    assert assembly.dong.name == "독산1동" and assembly.phase(now) == Phase.OPEN


def test_counted_budget_vote_has_winners_and_losers(demo_votes):
    closed = Vote.objects.get(title=CLOSED_TITLE)
    total = closed.options.aggregate(total=Sum("cost"))["total"]
    assert total > closed.budget
    winners = closed.options.filter(pk__in=closed.result.selected)
    losers = closed.options.exclude(pk__in=closed.result.selected)
    assert winners.exists() and losers.exists()
    assert 0 < sum(o.cost for o in winners) <= closed.budget


def test_yeongdeungpo_pilot_dongs_vote_tells_the_seeds_figures(demo_votes):
    vote = Vote.objects.get(title=PILOT_TITLE)
    assert vote.district.name == "영등포구" and vote.budget == 144_000_000
    pilots = set(vote.options.values_list("dong__name", flat=True))
    assert pilots == {"여의동", "문래동", "양평2동", "신길5동", "대림1동"}
    assert vote.result.counted_by.email == "ydp@demo.maeul.kr"
    winners = vote.options.filter(pk__in=vote.result.selected)
    # The seeds: 30 projects, 144,000천원; the demo's count lands close to that.
    assert 25 <= winners.count() < vote.options.count()
    assert sum(o.cost for o in winners) <= vote.budget


def test_options_have_real_descriptions(demo_votes):
    for vote in Vote.objects.exclude(title=ASSEMBLY_TITLE):
        descriptions = list(vote.options.values_list("description", flat=True))
        assert len(set(descriptions)) == len(descriptions), vote.title
        assert all(len(text) >= 20 and "분과가 제안한" not in text for text in descriptions)


def test_dong_budget_vote_is_closed_and_ready_to_count(demo_votes):
    now = demo_votes
    vote = Vote.objects.get(title=DONG_BUDGET_TITLE)
    # The seeds: 동단위 시민참여예산, 구비 300백만원 a year, projects of the dongs of 금천구.
    assert vote.district.name == "금천구" and vote.budget == 300_000_000
    assert vote.options.aggregate(total=Sum("cost"))["total"] > vote.budget
    assert not vote.options.filter(dong__isnull=True).exists()
    assert vote.options.values("dong").distinct().count() == 10
    assert vote.phase(now) == Phase.CLOSED and vote.status != VoteStatus.COUNTED
    batches = vote.paper_batches.all()
    assert batches and all(b.confirmed_at and b.confirmed_by != b.created_by for b in batches)
    assert Ballot.objects.filter(vote=vote).count() == DONG_BUDGET_BALLOTS

    count_vote(vote=vote, staff=User.objects.get(email="district@demo.maeul.kr"), now=now, ip=None)

    vote.refresh_from_db()
    assert vote.phase(now) == Phase.COUNTED
    assert vote.result.ballot_count == DONG_BUDGET_BALLOTS
    assert vote.options.exclude(pk__in=vote.result.selected).exists()


def test_demo_vote_dates_are_in_order(demo_votes):
    for vote in Vote.objects.all():
        assert vote.created_at < vote.opens_at < vote.closes_at, vote.title
        span = Participation.objects.filter(vote=vote).aggregate(
            first=Min("created_at"), last=Max("created_at")
        )
        if span["first"] is not None:  # the count keeps only the day of each participation
            day = timezone.localdate
            assert day(vote.opens_at) <= day(span["first"]), vote.title
            assert day(span["last"]) <= day(vote.closes_at), vote.title
        for batch in vote.paper_batches.all():
            assert vote.closes_at <= batch.created_at <= batch.confirmed_at, vote.title
        if hasattr(vote, "result"):
            assert vote.result.counted_at >= vote.closes_at, vote.title
