"""Spending stays exact and within the budget when staff record payments at the same moment.

Real threads with their own database connections against a committed database (SQLite
with IMMEDIATE transactions, or PostgreSQL when DATABASE_URL points there).
"""

import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import date

import pytest
from django.db import connection

from maeul.core.errors import RuleViolation
from maeul.plans.models import Project, SpendingEntry
from maeul.plans.services.spending import record_spending
from tests.plans.conftest import IP

pytestmark = pytest.mark.django_db(transaction=True)


def _record_all_at_once(project_pk, staff, amounts, now):
    barrier = threading.Barrier(len(amounts))

    def attempt(amount):
        try:
            project = Project.objects.select_related("plan__council").get(pk=project_pk)
            barrier.wait()
            record_spending(
                project=project,
                spent_on=date(project.year, 1, 1),
                amount=amount,
                payee="마을인쇄소",
                purpose="인쇄",
                receipt=None,
                staff=staff,
                now=now,
                ip=IP,
            )
            return "ok"
        except RuleViolation as refused:
            return refused.code
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=len(amounts)) as pool:
        return list(pool.map(attempt, amounts))


def test_parallel_payments_are_all_counted(project, dong_staff, now):
    outcomes = _record_all_at_once(project.pk, dong_staff, [100_000] * 10, now)

    assert outcomes == ["ok"] * 10
    assert Project.objects.get(pk=project.pk).spent == 1_000_000
    assert SpendingEntry.objects.count() == 10


def test_parallel_payments_never_pass_the_budget_together(project, dong_staff, now):
    # 2,000,000원 budget; eight payments of 300,000원: six fit, two would go over.
    outcomes = _record_all_at_once(project.pk, dong_staff, [300_000] * 8, now)

    assert outcomes.count("ok") == 6 and outcomes.count("over_budget") == 2
    spent = Project.objects.get(pk=project.pk).spent
    assert spent == 1_800_000 == sum(SpendingEntry.objects.values_list("amount", flat=True))
