"""The fast path of a ballot: how many SQL statements one submission takes, and the cache
of open votes that saves most of them (docs/voting.md, "The fast path")."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from maeul.core.errors import RuleViolation
from maeul.voting.ballots import Choices
from maeul.voting.models import Ballot, Participation, Vote
from maeul.voting.services import open_votes
from maeul.voting.services.casting import cast_ballot
from tests.api.test_voting import bearer, choose, post_ballot
from tests.voting.conftest import PB_OPTIONS, add_options, make_vote, option_ids, residents_of

pytestmark = pytest.mark.django_db

# One first ballot by API token, once the vote is in memory: the account with its token
# generation (1), the voter's ties for eligibility (1), then the transaction: SAVEPOINT,
# the ballot, the participation, RELEASE (4; in production the transaction is BEGIN and
# COMMIT around the two INSERTs). Before the fast path: 9 (the token generation, the vote
# and the options each read again).
FIRST_BALLOT = 6
# With an Idempotency-Key, one look-up first for an earlier submission with that key.
FIRST_BALLOT_WITH_KEY = FIRST_BALLOT + 1
# A retry: the account (1), the participation with that key (1), its ballot (1).
RETRY = 3


@pytest.fixture
def vote(geumcheon):
    from django.utils import timezone

    vote = make_vote(geumcheon, timezone.now())
    add_options(vote, PB_OPTIONS)
    return vote


def statements(client, vote, body, **headers) -> tuple[int, list[str]]:
    with CaptureQueriesContext(connection) as captured:
        response = post_ballot(client, vote, body, **headers)
    assert response.status_code == 201, response.content
    return len(captured.captured_queries), [q["sql"][:120] for q in captured.captured_queries]


def test_one_ballot_takes_six_statements_once_the_vote_is_in_memory(client, vote, doksan1):
    first, second = residents_of(doksan1, 2)
    body = choose(vote, 1, 2)
    post_ballot(client, vote, body, **bearer(first))  # loads the vote into memory

    count, sql = statements(client, vote, body, **bearer(second))

    assert count == FIRST_BALLOT, sql


def test_a_retry_is_answered_before_the_eligibility_check(client, vote, doksan1):
    (person,) = residents_of(doksan1, 1)
    headers = {**bearer(person), "HTTP_IDEMPOTENCY_KEY": "fast-path-1"}
    body = choose(vote, 1)
    post_ballot(client, vote, body, **bearer(residents_of(doksan1, 1)[0]))

    first_count, first_sql = statements(client, vote, body, **headers)
    retry_count, retry_sql = statements(client, vote, body, **headers)

    assert first_count == FIRST_BALLOT_WITH_KEY, first_sql
    assert retry_count == RETRY, retry_sql
    assert not any("accounts_dongtie" in sql for sql in retry_sql)
    assert (
        Participation.objects.filter(vote=vote).count()
        == Ballot.objects.filter(vote=vote).count()
        == 2
    )


def test_a_cached_vote_refuses_ballots_once_it_closes(vote, doksan1):
    person, other = residents_of(doksan1, 2)
    now = vote.opens_at + timedelta(minutes=5)
    cached = open_votes.open_vote(vote.pk, now)
    assert cached is not None
    cast_ballot(vote=cached, user=person, choices=Choices(option_ids=option_ids(vote, 1)), now=now)

    after = vote.closes_at
    assert open_votes.open_vote(vote.pk, after) is None  # dropped from memory at the close
    with pytest.raises(RuleViolation) as refused:
        cast_ballot(
            vote=cached, user=other, choices=Choices(option_ids=option_ids(vote, 1)), now=after
        )
    assert refused.value.code == "not_eligible"
    assert Ballot.objects.filter(vote=vote).count() == 1


def test_a_retry_after_the_close_is_refused_like_any_ballot(vote, doksan1):
    (person,) = residents_of(doksan1, 1)
    now = vote.opens_at + timedelta(minutes=5)
    choices = Choices(option_ids=option_ids(vote, 1))
    cast_ballot(vote=vote, user=person, choices=choices, now=now, idempotency_key="k-1")

    with pytest.raises(RuleViolation) as refused:
        cast_ballot(
            vote=vote, user=person, choices=choices, now=vote.closes_at, idempotency_key="k-1"
        )
    assert refused.value.code == "not_eligible"


def test_saving_a_vote_drops_it_from_memory(vote):
    now = vote.opens_at + timedelta(minutes=5)
    assert open_votes.open_vote(vote.pk, now) is open_votes.open_vote(vote.pk, now)
    cached = open_votes.open_vote(vote.pk, now)

    Vote.objects.get(pk=vote.pk).save()

    assert open_votes.open_vote(vote.pk, now) is not cached


def test_a_vote_not_open_is_never_kept(vote):
    assert open_votes.open_vote(vote.pk, vote.opens_at - timedelta(minutes=1)) is None
    assert open_votes._open == {}
