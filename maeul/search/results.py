"""Running a search: the documents that hold every word, ranked, counted by kind.

Matching: a document matches when it holds every query term, a term of two syllables or
more also as the start of a longer one ('주차' finds '주차장'). On PostgreSQL the GIN index
answers (`terms_tsv @@ '주차':* & ...`, migration 0002); elsewhere a LIKE over the padded
term list gives the same rows.

Ranking (`score`, highest first): each term found in the title counts 3, in the body 1; the
whole query as typed adds 4 in the title and 2 in the body; equal scores go newest first
(`updated`), then by id, so the order is stable from page to page.
"""

from dataclasses import dataclass
from typing import Any

from django.db import connection
from django.db.models import (
    BooleanField,
    Case,
    F,
    IntegerField,
    Q,
    QuerySet,
    Value,
    When,
)
from django.db.models.expressions import RawSQL

from maeul.core.subqueries import count_of_each
from maeul.search.models import Document
from maeul.search.query import Search, Term
from maeul.search.snippets import Part, snippet
from maeul.search.sources import source_of, sources

TITLE_TERM, BODY_TERM = 3, 1
TITLE_PHRASE, BODY_PHRASE = 4, 2


@dataclass(frozen=True)
class KindCount:
    kind: str
    label: str
    count: int


@dataclass(frozen=True)
class Hit:
    document: Document
    label: str
    parts: list[Part]

    @property
    def snippet(self) -> str:
        return "".join(part.text for part in self.parts)


def _holds(term: Term, field: str = "terms") -> Q:
    """The document's `field` (terms or title_terms) holds the term, or all its parts."""

    def one(word: str) -> Q:
        return Q(**{f"{field}__contains": f" {word}" if Term.is_prefix(word) else f" {word} "})

    found = one(term.text)
    if term.parts:
        whole = Q()
        for part in term.parts:
            whole &= one(part)
        found |= whole
    return found


def _ts_query(terms: tuple[Term, ...]) -> str:
    # Terms hold letters and digits only (`index.clean_term`), so quoting them is enough.
    def one(word: str) -> str:
        return f"'{word}':*" if Term.is_prefix(word) else f"'{word}'"

    groups = []
    for term in terms:
        if term.parts:
            groups.append(f"({one(term.text)} | ({' & '.join(one(p) for p in term.parts)}))")
        else:
            groups.append(one(term.text))
    return " & ".join(groups)


def matches(search: Search) -> QuerySet[Document]:
    """Documents holding every term, in the dong and year asked for (any kind)."""
    if not search.terms:
        return Document.objects.none()
    rows = Document.objects.all()
    if connection.vendor == "postgresql":
        rows = rows.filter(
            RawSQL(
                "search_document.terms_tsv @@ to_tsquery('simple'::regconfig, %s)",
                [_ts_query(search.terms)],
                output_field=BooleanField(),
            )
        )
    else:
        for term in search.terms:
            rows = rows.filter(_holds(term))
    if search.dong is not None:
        rows = rows.filter(dong=search.dong)
    if search.year is not None:
        rows = rows.filter(year=search.year)
    return rows


def ranked(search: Search) -> QuerySet[Document]:
    """The matches of the kind asked for, best first, with their `score`."""
    rows = matches(search)
    if search.kind:
        rows = rows.filter(kind=search.kind)
    score: Any = Value(0)
    for term in search.terms:
        score += Case(
            When(_holds(term, "title_terms"), then=Value(TITLE_TERM)),
            default=Value(BODY_TERM),
            output_field=IntegerField(),
        )
    if search.text:
        score += Case(
            When(title__contains=search.text, then=Value(TITLE_PHRASE)),
            When(body__contains=search.text, then=Value(BODY_PHRASE)),
            default=Value(0),
            output_field=IntegerField(),
        )
    return rows.annotate(score=score).order_by("-score", F("updated").desc(nulls_last=True), "-pk")


class Ranked:
    """The ranked matches read a page at a time (what a paginator slices): the order is
    decided over ids and scores alone, and only the page's documents are read whole, so
    that sorting thousands of matches does not carry their bodies along."""

    def __init__(self, search: Search, total: int) -> None:
        self.rows: Any = ranked(search)  # annotated with `score`
        self.total = total

    def count(self) -> int:
        return self.total

    def __len__(self) -> int:
        return self.total

    def __getitem__(self, window: slice) -> list[Document]:
        scored = list(self.rows.values_list("pk", "score")[window])
        found = Document.objects.select_related("dong").in_bulk([pk for pk, _score in scored])
        page = []
        for pk, score in scored:
            document = found[pk]
            document.score = score  # type: ignore[attr-defined]
            page.append(document)
        return page


def total_of(search: Search, by_kind: list[KindCount]) -> int:
    """The number of matches of the kind asked for (or all), from the counts by kind."""
    return sum(row.count for row in by_kind if search.kind in (None, row.kind))


def counts(search: Search) -> list[KindCount]:
    """How many documents of each kind match (every kind, zero too), before the kind filter."""
    found = count_of_each(matches(search), "kind")
    return [KindCount(s.kind, str(s.label), found.get(s.kind, 0)) for s in sources()]


def still_public(documents: list[Document]) -> list[Document]:
    """The documents whose rows the public may still see (one query per kind shown)."""
    by_kind: dict[str, set[int]] = {}
    for document in documents:
        by_kind.setdefault(document.kind, set()).add(document.object_id)
    public: set[tuple[str, int]] = set()
    for kind, ids in by_kind.items():
        source = source_of(kind)
        if source is not None:
            public.update((kind, pk) for pk in source.public_rows(ids).values_list("pk", flat=True))
    return [d for d in documents if (d.kind, d.object_id) in public]


def hits(documents: list[Document], search: Search) -> list[Hit]:
    """The page's documents with their kind's name and a snippet around the words found."""
    labels = {s.kind: str(s.label) for s in sources()}
    words = [word for t in search.terms for word in t.words]
    return [
        Hit(d, labels.get(d.kind, d.kind), snippet(d.body or d.title, words))
        for d in still_public(documents)
    ]
