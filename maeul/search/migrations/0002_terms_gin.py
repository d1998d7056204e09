"""On PostgreSQL, the index that answers a search: the document's terms as a tsvector with
the 'simple' configuration (the terms are already Korean stems, cut by kiwipiepy; 'simple'
only splits them at the spaces and lowers the case), stored in a generated column
`terms_tsv` so that no row's vector is computed again at query time, and a GIN index over
it. A query asks `terms_tsv @@ to_tsquery('simple', '주차':* & ...)`. The model does not
know the column (PostgreSQL fills it on every insert and update). SQLite reads the table
(`maeul.search.results.matches`)."""

from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps

CREATE = """
ALTER TABLE search_document ADD COLUMN terms_tsv tsvector
    GENERATED ALWAYS AS (to_tsvector('simple'::regconfig, terms)) STORED;
CREATE INDEX search_document_terms_gin ON search_document USING gin (terms_tsv);
"""
DROP = """
DROP INDEX IF EXISTS search_document_terms_gin;
ALTER TABLE search_document DROP COLUMN IF EXISTS terms_tsv;
"""


def add_index(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop_index(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [migrations.RunPython(add_index, drop_index)]
