"""The Korean message catalogue stays complete: no empty and no fuzzy entry."""

from pathlib import Path

import pytest
from django.utils import translation

KO_CATALOGUE = Path(__file__).resolve().parents[2] / "locale" / "ko" / "LC_MESSAGES" / "django.po"


def parse_po(path: Path) -> list[dict[str, object]]:
    """A minimal .po reader: entries with msgid, msgstr(s) and flags (header skipped)."""
    entries: list[dict[str, object]] = []
    current: dict[str, object] = {"flags": set(), "msgstr": []}
    field = None
    for raw in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        line = raw.strip()
        if not line:
            if "msgid" in current:
                entries.append(current)
            current, field = {"flags": set(), "msgstr": []}, None
        elif line.startswith("#,"):
            current["flags"] = {flag.strip() for flag in line[2:].split(",")}
        elif line.startswith("#"):
            continue
        elif line.startswith("msgid_plural "):
            field = "msgid_plural"
            current[field] = line[len("msgid_plural ") :].strip('"')
        elif line.startswith("msgid "):
            field = "msgid"
            current[field] = line[len("msgid ") :].strip('"')
        elif line.startswith("msgstr"):
            field = "msgstr"
            current["msgstr"].append(line.split(" ", 1)[1].strip('"'))  # type: ignore[union-attr]
        elif line.startswith('"') and field == "msgstr":
            strings = current["msgstr"]
            strings[-1] += line.strip('"')  # type: ignore[index]
        elif line.startswith('"') and field:
            current[field] = str(current[field]) + line.strip('"')
    return [e for e in entries if e.get("msgid")]


def test_korean_catalogue_has_no_empty_or_fuzzy_entry():
    entries = parse_po(KO_CATALOGUE)
    assert len(entries) > 50
    incomplete = [
        e["msgid"]
        for e in entries
        if "fuzzy" in e["flags"] or not all(e["msgstr"])  # type: ignore[operator]
    ]
    assert incomplete == []


@pytest.mark.parametrize(
    ("language", "expected"), [("ko", "본문 바로가기"), ("en", "Skip to main content")]
)
def test_interface_speaks_korean_first_and_english_on_request(language, expected):
    with translation.override(language):
        assert translation.gettext("Skip to main content") == expected
