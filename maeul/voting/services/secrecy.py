"""What counting does to storage so that nothing left in the database links a voter to a
ballot: the key and the links go (counting.py), and here the ballots themselves are
rewritten and the participations' times coarsened.

While a vote is open, ballots are stored in the order they arrive, beside their
participations, so the physical order of the two tables (SQLite's `rowid`, PostgreSQL's
`ctid`) pairs them, and so do a ballot's channel and batch where few people share them.
At the count, inside its transaction, every ballot of the vote is deleted and written
again in random order under a new id, without channel or batch (the frozen result keeps
the figures), and each participation keeps only the day it voted. After the commit the
old rows are removed from the files too: SQLite runs with `secure_delete` (deleted rows
are overwritten with zeros) and its write-ahead log is truncated; PostgreSQL rewrites the
ballot table (`VACUUM FULL`), since plain deletion leaves dead rows in their pages.
"""

import logging
from datetime import timedelta

from django.db import connection, transaction
from django.utils import timezone

from maeul.voting.models import Ballot, Participation, Vote

log = logging.getLogger(__name__)

# New ids come from the database's own strong randomness; so does the order of rewriting.
_REWRITE = {
    "postgresql": (
        "INSERT INTO {ballot} (id, vote_id, content, receipt, channel, batch_id) "
        "SELECT gen_random_uuid(), vote_id, content, receipt, '', NULL FROM {old} "
        "ORDER BY gen_random_uuid()"
    ),
    "sqlite": (
        "INSERT INTO {ballot} (id, vote_id, content, receipt, channel, batch_id) "
        "SELECT lower(hex(randomblob(16))), vote_id, content, receipt, '', NULL FROM {old} "
        "ORDER BY randomblob(16)"
    ),
}


def rewrite_ballots(vote: Vote) -> None:
    """Write the vote's ballots again in random order, with new ids and no channel or batch.

    Runs inside the counting transaction: the contents and receipts are unchanged, so the
    count, the public receipt list and the hash of the ballot set are the same before and
    after.
    """
    ballot = connection.ops.quote_name(Ballot._meta.db_table)
    old = connection.ops.quote_name("maeul_ballots_being_rewritten")
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"DROP TABLE IF EXISTS {old}")
        cursor.execute(
            f"CREATE TEMPORARY TABLE {old} AS "  # noqa: S608 -- table names, not input
            f"SELECT vote_id, content, receipt FROM {ballot} WHERE vote_id = %s",
            [vote.pk],
        )
        cursor.execute(f"DELETE FROM {ballot} WHERE vote_id = %s", [vote.pk])  # noqa: S608
        cursor.execute(_REWRITE[connection.vendor].format(ballot=ballot, old=old))
        cursor.execute(f"DROP TABLE {old}")


def coarsen_participation_times(vote: Vote) -> None:
    """Keep only the day (in Seoul) on which each person voted."""
    zone = timezone.get_current_timezone()
    participations = Participation.objects.filter(vote=vote)
    for day in participations.datetimes("created_at", "day", tzinfo=zone):
        participations.filter(created_at__gte=day, created_at__lt=day + timedelta(days=1)).update(
            created_at=day
        )


def scrub_free_space() -> None:
    """Remove the deleted ballots from the database files (after the counting commit).

    Not possible inside a transaction (a test's, or a caller's); then it is left to the
    next count or to the operator, and logged.
    """
    if connection.in_atomic_block:
        log.info("ballot storage not compacted: inside a transaction")
        return
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute(f"VACUUM FULL {connection.ops.quote_name(Ballot._meta.db_table)}")
        elif connection.vendor == "sqlite":
            cursor.execute("PRAGMA wal_checkpoint(TRUNCATE)")
