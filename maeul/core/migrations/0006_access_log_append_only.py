"""Database triggers that refuse UPDATE and DELETE (and TRUNCATE on PostgreSQL) on the
personal-data access log, for SQLite and PostgreSQL (see maeul.core.append_only)."""

from typing import Any

from django.db import migrations

from maeul.core.append_only import create_sql, drop_sql


def _run(statements: Any, schema_editor: Any) -> None:
    for statement in statements(schema_editor.connection.vendor):
        schema_editor.execute(statement)


def seal(apps: Any, schema_editor: Any) -> None:
    _run(create_sql, schema_editor)


def unseal(apps: Any, schema_editor: Any) -> None:
    _run(drop_sql, schema_editor)


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0005_access_log_sessions_tokens"),
    ]

    operations = [migrations.RunPython(seal, unseal, elidable=False)]
