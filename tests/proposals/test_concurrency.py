"""Supports stay exact under concurrency (reliability test 3).

Real threads with their own database connections against a committed database: a file
SQLite database with IMMEDIATE transactions, or PostgreSQL when DATABASE_URL points there.
"""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection

from maeul.core.errors import RuleViolation
from maeul.proposals.models import Proposal, Support
from maeul.proposals.services.support import support_proposal

pytestmark = pytest.mark.django_db(transaction=True)


def _support_all_at_once(proposal_pk, users, now):
    """Every user supports the proposal at the same moment; returns the outcome codes."""
    barrier = threading.Barrier(len(users))

    def attempt(user):
        try:
            proposal = Proposal.objects.get(pk=proposal_pk)
            barrier.wait()
            support_proposal(proposal=proposal, user=user, now=now)
            return "ok"
        except RuleViolation as refused:
            return refused.code
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=len(users)) as pool:
        return list(pool.map(attempt, users))


def test_ten_parallel_supports_by_one_person_count_once(proposal, neighbour, now):
    outcomes = _support_all_at_once(proposal.pk, [neighbour] * 10, now)

    assert outcomes.count("ok") == 1
    assert outcomes.count("already_supported") == 9
    proposal.refresh_from_db()
    assert Support.objects.filter(proposal=proposal).count() == 1
    assert proposal.support_count == 1


def test_twenty_parallel_supports_by_twenty_people_are_all_counted(proposal, make_verified, now):
    people = make_verified(20)

    outcomes = _support_all_at_once(proposal.pk, people, now)

    assert outcomes == ["ok"] * 20
    proposal.refresh_from_db()
    assert proposal.support_count == 20
    assert Support.objects.filter(proposal=proposal).count() == 20


def test_threshold_is_crossed_exactly_once_under_concurrency(proposal, policy, make_verified, now):
    from maeul.core.models import Notification

    policy.review_threshold = 5
    policy.save()

    outcomes = _support_all_at_once(proposal.pk, make_verified(12), now)

    assert outcomes == ["ok"] * 12
    proposal.refresh_from_db()
    assert proposal.support_count == 12 == Support.objects.filter(proposal=proposal).count()
    assert proposal.status == "reviewing"
    assert Notification.objects.filter(kind="proposal_review").count() == 1
