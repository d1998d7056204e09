"""Ballots stay one per person under concurrency (reliability tests 1, 4 and 5).

Real threads with their own connections against a committed database: the file SQLite
database with IMMEDIATE transactions, or PostgreSQL when DATABASE_URL points there.
"""

import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import date

import pytest
from django.db import connection

from maeul.accounts import phone as phones
from maeul.core.errors import RuleViolation
from maeul.voting.ballots import Choices
from maeul.voting.identity import PaperVoter
from maeul.voting.models import Ballot, Participation, Vote
from maeul.voting.services.casting import cast_ballot
from maeul.voting.services.paper import enter_paper_ballot
from tests.voting.conftest import option_ids

pytestmark = pytest.mark.django_db(transaction=True)


def all_at_once(attempts):
    """Run every callable at the same moment; returns each one's receipt code or refusal code."""
    barrier = threading.Barrier(len(attempts))

    def run(attempt):
        try:
            barrier.wait()
            return attempt().code
        except RuleViolation as refused:
            return refused.code
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=len(attempts)) as pool:
        return list(pool.map(run, attempts))


def test_ten_parallel_ballots_of_one_person_store_one(pb_vote, resident, now):
    choices = Choices(option_ids(pb_vote, 1, 2))

    def attempt():
        return cast_ballot(
            vote=Vote.objects.get(pk=pb_vote.pk), user=resident, choices=choices, now=now
        )

    outcomes = all_at_once([attempt] * 10)

    assert outcomes.count("already_voted") == 9
    assert Participation.objects.filter(vote=pb_vote).count() == 1
    assert Ballot.objects.filter(vote=pb_vote).count() == 1


def test_double_submit_with_one_idempotency_key_gets_one_receipt(pb_vote, resident, now):
    choices = Choices(option_ids(pb_vote, 3))

    def attempt():
        return cast_ballot(
            vote=Vote.objects.get(pk=pb_vote.pk),
            user=resident,
            choices=choices,
            now=now,
            idempotency_key="same-click",
        )

    outcomes = all_at_once([attempt] * 4)

    receipt = Ballot.objects.get(vote=pb_vote).receipt
    assert outcomes == [receipt] * 4


def test_online_and_paper_at_the_same_moment_store_one(
    pb_vote, batch, resident, doksan1, dong_staff, now
):
    resident.phone_hmac = phones.lookup_hash("01055556666")
    resident.save()
    person = PaperVoter(
        name="독산 주민", birth_date=date(1980, 1, 1), dong=doksan1, phone="010-5555-6666"
    )

    def online():
        return cast_ballot(
            vote=Vote.objects.get(pk=pb_vote.pk),
            user=resident,
            choices=Choices(option_ids(pb_vote, 1)),
            now=now,
        )

    def paper():
        return enter_paper_ballot(
            batch=type(batch).objects.get(pk=batch.pk),
            voter=person,
            choices=Choices(option_ids(pb_vote, 2)),
            staff=dong_staff,
            now=now,
            ip=None,
        )

    outcomes = all_at_once([online, paper, online, paper])

    assert outcomes.count("already_voted") == 3
    assert Participation.objects.filter(vote=pb_vote).count() == 1
    assert Ballot.objects.filter(vote=pb_vote).count() == 1
