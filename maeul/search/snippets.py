"""A snippet: a short passage of a document around the first word found, cut into parts
that are marked (a query word) or not. Parts are plain text; the template escapes them and
wraps marked ones in <mark>, so no text from a document ever reaches a page as HTML."""

import re
from dataclasses import dataclass

WIDTH = 160
BEFORE = 40
ELLIPSIS = "…"


@dataclass(frozen=True)
class Part:
    text: str
    marked: bool = False


def snippet(text: str, words: list[str], width: int = WIDTH) -> list[Part]:
    """About `width` characters of `text` around the first of `words`, words marked."""
    flat = " ".join((text or "").split())
    if not flat:
        return []
    pattern = _pattern(words)
    first = pattern.search(flat) if pattern else None
    start = max(0, first.start() - BEFORE) if first else 0
    end = min(len(flat), start + width)
    start = max(0, min(start, end - width))
    passage = flat[start:end]
    parts = _split(passage, pattern)
    if start > 0:
        parts.insert(0, Part(ELLIPSIS))
    if end < len(flat):
        parts.append(Part(ELLIPSIS))
    return parts


def _pattern(words: list[str]) -> re.Pattern[str] | None:
    usable = sorted({w for w in words if w}, key=len, reverse=True)
    if not usable:
        return None
    return re.compile("|".join(re.escape(w) for w in usable), re.IGNORECASE)


def _split(passage: str, pattern: re.Pattern[str] | None) -> list[Part]:
    if pattern is None:
        return [Part(passage)]
    parts = []
    last = 0
    for found in pattern.finditer(passage):
        if found.start() > last:
            parts.append(Part(passage[last : found.start()]))
        parts.append(Part(found.group(), marked=True))
        last = found.end()
    if last < len(passage):
        parts.append(Part(passage[last:]))
    return parts
