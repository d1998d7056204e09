"""Reading a search from what a person typed: the words, and the kind, dong and year filters.

The text is cleaned before anything else (control and format characters removed, Unicode
composed as NFC, spaces collapsed). A query longer than `MAX_QUERY` characters, or a filter
that names no kind, dong or year we know, is refused with a Korean message
(`RuleViolation`, answered 400 by the API and shown above an empty result on the page). A
query with no letter or digit in it (symbols only) is not an error: it finds nothing, and
says why (`Search.notice`).
"""

import unicodedata
from dataclasses import dataclass

from django.utils.translation import gettext as _

from maeul.core.errors import RuleViolation
from maeul.core.korean import MAX_TERM, MIN_PREFIX, query_words
from maeul.core.query import place_code, whole_number
from maeul.places.models import Dong
from maeul.search.index import clean_term
from maeul.search.sources import source_of

MAX_QUERY = 100
MAX_TERMS = 8
YEAR_MIN, YEAR_MAX = 1990, 2100


@dataclass(frozen=True)
class Term:
    """A word a document must hold: `text`, or else every one of its `parts` (a compound)."""

    text: str
    parts: tuple[str, ...] = ()

    @staticmethod
    def is_prefix(word: str) -> bool:
        """Two syllables or more match the start of a longer term ('주차' finds '주차장')."""
        return len(word) >= MIN_PREFIX

    @property
    def words(self) -> list[str]:
        """The words to mark in a snippet (parts of one syllable would mark too much)."""
        return [self.text, *(p for p in self.parts if len(p) >= MIN_PREFIX)]


@dataclass(frozen=True)
class Search:
    text: str  # as cleaned; the phrase ranked above scattered words
    terms: tuple[Term, ...]
    kind: str | None = None
    dong: Dong | None = None
    year: int | None = None

    @property
    def notice(self) -> str | None:
        """Why a query finds nothing before it is run, or None."""
        if self.text and not self.terms:
            return _("There is no letter or number to search for. Please type a word.")
        return None


def clean_text(value: str | None) -> str:
    """The query without control or format characters, composed, with single spaces."""
    composed = unicodedata.normalize("NFC", value or "")
    kept = "".join(
        " " if ch.isspace() else ch
        for ch in composed
        if ch.isspace() or unicodedata.category(ch) not in {"Cc", "Cf", "Cs", "Co", "Cn"}
    )
    return " ".join(kept.split())


def parse_search(
    *, q: str | None, kind: str | None = None, dong: str | None = None, year: str | None = None
) -> Search:
    """The search asked for; raises RuleViolation (with the field) for input we cannot use."""
    text = clean_text(q)
    if len(text) > MAX_QUERY:
        raise RuleViolation(
            _("Please keep the search to %(max)d characters.") % {"max": MAX_QUERY},
            code="query_too_long",
            field="q",
        )
    terms: dict[str, Term] = {}
    for word, parts in query_words(text) or [(text.lower(), ())]:
        term = clean_term(word)[:MAX_TERM]
        kept = tuple(p for p in (clean_term(part)[:MAX_TERM] for part in parts) if p)
        if term:
            terms.setdefault(term, Term(term, kept if len(kept) > 1 else ()))
    return Search(
        text=text,
        terms=tuple(list(terms.values())[:MAX_TERMS]),
        kind=_kind(kind),
        dong=_dong(dong),
        year=_year(year),
    )


def _kind(value: str | None) -> str | None:
    value = (value or "").strip()
    if not value:
        return None
    if source_of(value) is None:
        raise RuleViolation(
            _("There is no such kind to search. Please choose one from the list."),
            code="unknown_kind",
            field="kind",
        )
    return value


def _dong(value: str | None) -> Dong | None:
    if not (value or "").strip():
        return None
    code = place_code(value)
    found = Dong.objects.filter(code=code).select_related("district").first() if code else None
    if found is None:
        raise RuleViolation(
            _("There is no such dong. Please choose one from the list."),
            code="unknown_dong",
            field="dong",
        )
    return found


def _year(value: str | None) -> int | None:
    if not (value or "").strip():
        return None
    year = whole_number(value, low=YEAR_MIN, high=YEAR_MAX)
    if year is None:
        raise RuleViolation(
            _("Please give the year as four digits, such as 2024."),
            code="unknown_year",
            field="year",
        )
    return year
