"""Demo: the search index built from every source's public rows (after the other demos,
some of which write with `bulk_create`, which the index's signals do not see)."""

from maeul.search.index import reindex


def load_search() -> int:
    """Rebuild the whole index; the number of documents (the same on every run)."""
    return sum(reindex().values())
