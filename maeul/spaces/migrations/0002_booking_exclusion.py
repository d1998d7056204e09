"""On PostgreSQL, a second guard against double booking: an exclusion constraint over each
booking's time range (tstzrange) per room, for every booking that is not cancelled. It needs
the btree_gist extension (trusted since PostgreSQL 13: the database owner may create it).
SQLite has no such constraint; there the slot table's unique (room, start) decides alone."""

from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps

CREATE = """
CREATE EXTENSION IF NOT EXISTS btree_gist;
ALTER TABLE spaces_booking ADD CONSTRAINT booking_no_overlap EXCLUDE USING gist (
    room_id WITH =, tstzrange(starts_at, ends_at, '[)') WITH &&
) WHERE (status <> 'cancelled');
"""
DROP = "ALTER TABLE spaces_booking DROP CONSTRAINT IF EXISTS booking_no_overlap;"


def add_exclusion(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop_exclusion(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("spaces", "0001_initial")]

    operations = [migrations.RunPython(add_exclusion, drop_exclusion)]
