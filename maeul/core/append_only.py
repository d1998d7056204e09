"""Database triggers that keep the personal-data access log append-only.

The application never updates or deletes a row of `core_personaldataaccess` (the model
and its QuerySet refuse to); these triggers make the database refuse too, so neither a
bug, raw SQL nor an injected statement through the application's connection can. On
PostgreSQL a role that owns the table could still drop the triggers: run the application
with a role that does not own its tables to close that door (docs/security.md).

The one exception is `manage.py flush`, which empties the whole database (the test runner
uses it between transactional tests): it lifts the triggers for the flush only.

SQLite drops a table's triggers when a migration rebuilds the table: a later migration that
alters `core_personaldataaccess` must run `create_sql` again (a test checks the triggers).
"""

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

TABLE = "core_personaldataaccess"
MESSAGE = "core_personaldataaccess is append-only"

SQLITE_CREATE = [
    f"CREATE TRIGGER IF NOT EXISTS core_pda_no_update BEFORE UPDATE ON {TABLE} "
    f"BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END",
    f"CREATE TRIGGER IF NOT EXISTS core_pda_no_delete BEFORE DELETE ON {TABLE} "
    f"BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END",
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS core_pda_no_update",
    "DROP TRIGGER IF EXISTS core_pda_no_delete",
]

POSTGRES_CREATE = [
    "CREATE OR REPLACE FUNCTION core_pda_refuse() RETURNS trigger LANGUAGE plpgsql AS $$ "
    f"BEGIN RAISE EXCEPTION '{MESSAGE}' USING ERRCODE = 'insufficient_privilege'; END $$",
    f"CREATE TRIGGER core_pda_no_change BEFORE UPDATE OR DELETE ON {TABLE} "
    "FOR EACH ROW EXECUTE FUNCTION core_pda_refuse()",
    # TRUNCATE fires no row trigger: it needs its own.
    f"CREATE TRIGGER core_pda_no_truncate BEFORE TRUNCATE ON {TABLE} "
    "FOR EACH STATEMENT EXECUTE FUNCTION core_pda_refuse()",
]
POSTGRES_DROP = [
    f"DROP TRIGGER IF EXISTS core_pda_no_truncate ON {TABLE}",
    f"DROP TRIGGER IF EXISTS core_pda_no_change ON {TABLE}",
    "DROP FUNCTION IF EXISTS core_pda_refuse()",
]


def create_sql(vendor: str) -> list[str]:
    return {"sqlite": SQLITE_CREATE, "postgresql": POSTGRES_CREATE}.get(vendor, [])


def drop_sql(vendor: str) -> list[str]:
    return {"sqlite": SQLITE_DROP, "postgresql": POSTGRES_DROP}.get(vendor, [])


def _run(connection: Any, statements: list[str]) -> None:
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)


@contextmanager
def lifted(connection: Any) -> Iterator[None]:
    """Drop the triggers for the duration of the block (a whole-database flush), then restore."""
    if TABLE not in connection.introspection.table_names():
        yield
        return
    _run(connection, drop_sql(connection.vendor))
    try:
        yield
    finally:
        _run(connection, create_sql(connection.vendor))
