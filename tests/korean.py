"""Assertions on the Korean text a person reads.

The UI source strings are English and translated in locale/ko. A test names the English
message it expects; `korean()` gives its Korean translation and fails plainly when there is
none yet, so the same test guards both the behaviour and the translation.
"""

import html
import re
from typing import Any

from django.utils import translation

HANGUL = re.compile(r"[\uac00-\ud7a3]")


def korean(msgid: str, **params: Any) -> str:
    """The Korean translation of `msgid` (with `params` filled in); fails if untranslated."""
    with translation.override("ko"):
        text = translation.gettext(msgid)
    assert text != msgid and HANGUL.search(text), f"no Korean translation for {msgid!r}"
    return text % params if params else text


def page_text(response: Any) -> str:
    """The response body with HTML entities decoded, for comparing with plain text."""
    return html.unescape(response.content.decode())


def assert_shows(response: Any, msgid: str, **params: Any) -> None:
    """The page shows the Korean translation of `msgid`."""
    expected = korean(msgid, **params)
    assert expected in page_text(response), f"{expected!r} ({msgid!r}) not on the page"
