"""Korean text analysis (kiwipiepy), shared by every search in Maeul.

Text is cut into morphemes; nouns, verb and adjective stems, adverbs, roots and foreign
words, numbers and hanja are content morphemes. Particles and endings are dropped, so that
'주차장을' and '주차장이' both give '주차장'. One analyser is loaded per process (a few
seconds the first time, about a millisecond a sentence after that).
"""

from functools import lru_cache
from typing import Any

CONTENT_TAGS = {"NNG", "NNP", "NNB", "NR", "SL", "SH", "SN", "XR", "VV", "VA", "MAG"}
MIN_PREFIX = 2
MAX_TERM = 40


@lru_cache(maxsize=1)
def analyser() -> Any:
    """The process's one kiwipiepy analyser."""
    from kiwipiepy import Kiwi

    return Kiwi()


def morphemes(text: str) -> list[str]:
    """The content morphemes of `text` in order, in lower case, each at most 40 characters."""
    return _content(analyser().tokenize(text or ""))


def _content(tokens: list[Any]) -> list[str]:
    found = []
    for token in tokens:
        if token.tag.split("-")[0] in CONTENT_TAGS:
            form = token.form.lower()[:MAX_TERM]
            if form:
                found.append(form)
    return found


def terms(text: str) -> set[str]:
    """The search terms of `text`: content morphemes and their leading parts (two
    syllables or more), so that a stored '주차장' is found by '주차'."""
    found: set[str] = set()
    for form in morphemes(text):
        found.add(form)
        for end in range(MIN_PREFIX, len(form)):
            found.add(form[:end])
    return found


def query_terms(query: str) -> set[str]:
    """Terms a query must match: its content morphemes (not their prefixes)."""
    found = set(morphemes(query))
    if not found and query.strip():
        # A query of particles only, or a word the analyser does not know: match it as typed.
        found.add(query.strip().lower()[:MAX_TERM])
    return found


COMPOUND_MIN = 3
NOUN_TAGS = {"NNG", "NNP", "NNB", "NR", "SL", "SH", "SN", "XR"}


def index_forms(text: str) -> list[str]:
    """What a search index stores of `text`: its content morphemes, then its compounds."""
    tokens = analyser().tokenize(text or "")
    return [*_content(tokens), *_compounds(tokens)]


def query_words(query: str) -> list[tuple[str, tuple[str, ...]]]:
    """The words of a search query: each content morpheme as (itself, ()), and each run of
    nouns written together as (the run joined, its morphemes), so that '분리수거' is found
    whether a document's sentence kept it whole or cut it 분리 + 수거."""
    found: list[tuple[str, tuple[str, ...]]] = []
    run: list[Any] = []

    def close() -> None:
        forms = tuple(_content(run))
        if len(forms) > 1:
            found.append(("".join(t.form for t in run).lower()[:MAX_TERM], forms))
        else:
            found.extend((form, ()) for form in forms)

    for token in analyser().tokenize(query or ""):
        tag = token.tag.split("-")[0]
        if tag in NOUN_TAGS and (not run or run[-1].end == token.start):
            run.append(token)
            continue
        close()
        run = [token] if tag in NOUN_TAGS else []
        if not run:
            found.extend((form, ()) for form in _content([token]))
    close()
    return found


def _compounds(tokens: list[Any]) -> list[str]:
    """Runs of nouns written together, joined ('독산일동' may be cut 독+산+일+동 in a
    sentence; the run gives back '독산일동', which a query of that word alone keeps whole)."""
    found = []
    run: list[Any] = []
    for token in [*tokens, None]:
        tag = token.tag.split("-")[0] if token is not None else ""
        if token is not None and tag in NOUN_TAGS and (not run or run[-1].end == token.start):
            run.append(token)
            continue
        if len(run) > 1:
            found.append("".join(t.form for t in run).lower()[:MAX_TERM])
        run = [token] if token is not None and tag in NOUN_TAGS else []
    return found


@lru_cache(maxsize=20_000)
def parts_of(word: str) -> tuple[str, ...]:
    """The content morphemes of one word analysed alone (a long noun may split: in a sentence
    '마을활력소' stays whole, alone it is '마을' + '활력소'); empty when it does not split."""
    if len(word) < COMPOUND_MIN:
        return ()
    found = tuple(morphemes(word))
    return found if len(found) > 1 else ()
