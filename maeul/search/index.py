"""Writing the index: a row's document from its source, kept or removed as the row is public
or not (`sync`), and the whole index rebuilt (`reindex`, the `reindex_search` command)."""

import re
from collections.abc import Iterable, Iterator
from typing import Any

from django.db import transaction

from maeul.core.korean import index_forms, parts_of
from maeul.search.models import Document
from maeul.search.sources import Entry, Source, sources

TITLE_MAX = 300
BODY_MAX = 20_000
URL_MAX = 300
BATCH = 500
# Terms keep letters and digits only, so that every database cuts them the same way.
_NOT_A_LETTER = re.compile(r"[\W_]+")


def clean_term(term: str) -> str:
    return _NOT_A_LETTER.sub("", term)


def term_text(text: str) -> str:
    """The distinct content morphemes of `text` as ' a b c ' (see `Document`)."""
    seen: dict[str, None] = {}
    # A compound is stored whole and as its parts, since a query may be cut either way.
    for form in index_forms(text):
        for part in (form, *parts_of(form)):
            term = clean_term(part)
            if term:
                seen[term] = None
    return f" {' '.join(seen)} " if seen else " "


def document_of(source: Source, row: Any) -> Document:
    """The document of one public row (not saved)."""
    entry: Entry = source.entry(row)
    title = entry.title[:TITLE_MAX]
    body = entry.body[:BODY_MAX]
    return Document(
        kind=source.kind,
        object_id=row.pk,
        title=title,
        body=body,
        terms=term_text(f"{title}\n{body}"),
        title_terms=term_text(title),
        district_id=entry.district_id,
        dong_id=entry.dong_id,
        year=entry.year,
        url=entry.url[:URL_MAX],
        updated=entry.updated,
    )


# What `sync` writes of a document (foreign keys by their id columns).
FIELDS = [
    "title",
    "body",
    "terms",
    "title_terms",
    "district_id",
    "dong_id",
    "year",
    "url",
    "updated",
]


def sync(source: Source, ids: Iterable[int]) -> None:
    """Make the index hold exactly the public ones of these rows, as they are now."""
    wanted = {pk for pk in ids if pk is not None}
    if not wanted:
        return
    public = {row.pk: row for row in source.public_rows(wanted)}
    with transaction.atomic():
        Document.objects.filter(kind=source.kind, object_id__in=wanted - public.keys()).delete()
        for row in public.values():
            document = document_of(source, row)
            Document.objects.update_or_create(
                kind=source.kind,
                object_id=row.pk,
                defaults={name: getattr(document, name) for name in FIELDS},
            )


def reindex(kinds: Iterable[str] | None = None) -> dict[str, int]:
    """Bring the documents of `kinds` (all by default) in line with the public rows; their
    counts. A document that is already right is left as it is (same row, same id), so
    rebuilding an index that is in step changes nothing."""
    chosen = [s for s in sources() if kinds is None or s.kind in set(kinds)]
    counts = {}
    for source in chosen:
        with transaction.atomic():
            stored = {
                values[0]: values[1:]
                for values in Document.objects.filter(kind=source.kind).values_list(
                    "object_id", "pk", *FIELDS
                )
            }
            seen: set[int] = set()
            for batch in _batches(source.public().order_by("pk").iterator(chunk_size=BATCH)):
                new, changed = [], []
                for row in batch:
                    document = document_of(source, row)
                    seen.add(row.pk)
                    old = stored.get(row.pk)
                    if old is None:
                        new.append(document)
                    elif tuple(getattr(document, name) for name in FIELDS) != old[1:]:
                        document.pk = old[0]
                        changed.append(document)
                Document.objects.bulk_create(new)
                Document.objects.bulk_update(changed, FIELDS)
            stale = [values[0] for object_id, values in stored.items() if object_id not in seen]
            Document.objects.filter(pk__in=stale).delete()
        counts[source.kind] = len(seen)
    return counts


def _batches(rows: Iterator[Any]) -> Iterator[list[Any]]:
    batch: list[Any] = []
    for row in rows:
        batch.append(row)
        if len(batch) == BATCH:
            yield batch
            batch = []
    if batch:
        yield batch
