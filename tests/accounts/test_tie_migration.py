"""The data step of the one-tie-per-kind rule: duplicates end, the earliest tie stays."""

from datetime import UTC, datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("accounts", "0003_person_identity_and_tie_history")]
AFTER = [("accounts", "0005_one_current_tie_per_kind")]


@pytest.fixture
def _back_to_the_latest_schema():
    """Later tests in this worker need every migration, not just the ones up to AFTER."""
    yield
    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())


@pytest.mark.django_db(transaction=True)
@pytest.mark.usefixtures("_back_to_the_latest_schema")
def test_duplicate_current_ties_of_a_kind_end_keeping_the_earliest(places):
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    User = old.get_model("accounts", "User")
    Dong = old.get_model("places", "Dong")
    DongTie = old.get_model("accounts", "DongTie")
    person = User.objects.create(email="twice@example.kr")
    doksan1, gasan, siheung5 = (
        Dong.objects.get(name=name) for name in ("독산1동", "가산동", "시흥5동")
    )
    first = DongTie.objects.create(
        user=person, dong=gasan, kind="lives", started_at=datetime(2024, 1, 1, tzinfo=UTC)
    )
    later = DongTie.objects.create(
        user=person, dong=doksan1, kind="lives", started_at=datetime(2025, 1, 1, tzinfo=UTC)
    )
    works = DongTie.objects.create(
        user=person, dong=siheung5, kind="works", started_at=datetime(2025, 6, 1, tzinfo=UTC)
    )

    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)

    from maeul.accounts.models import DongTie as CurrentTie

    assert set(CurrentTie.objects.current().values_list("pk", flat=True)) == {first.pk, works.pk}
    ended = CurrentTie.objects.get(pk=later.pk)
    assert ended.ended_at is not None
