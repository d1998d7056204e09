"""On PostgreSQL, the index that answers a search: GIN over the document's terms as a
tsvector with the 'simple' configuration (the terms are already Korean stems, cut by
kiwipiepy; 'simple' only splits them at the spaces and lowers the case). A query asks
`to_tsvector('simple', terms) @@ to_tsquery('simple', '주차':* & ...)`, the same expression,
so the planner uses it. SQLite reads the table (`maeul.search.results.matches`)."""

from django.db import migrations
from django.db.backends.base.schema import BaseDatabaseSchemaEditor
from django.db.migrations.state import StateApps

CREATE = (
    "CREATE INDEX IF NOT EXISTS search_document_terms_gin ON search_document "
    "USING gin (to_tsvector('simple'::regconfig, terms));"
)
DROP = "DROP INDEX IF EXISTS search_document_terms_gin;"


def add_index(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(CREATE)


def drop_index(apps: StateApps, schema_editor: BaseDatabaseSchemaEditor) -> None:
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP)


class Migration(migrations.Migration):
    dependencies = [("search", "0001_initial")]

    operations = [migrations.RunPython(add_index, drop_index)]
