"""The demo's texts and figures, read from `demo_data/proposals.toml` (what is said there,
not how it is loaded, is the demo's content)."""

import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from maeul.proposals.models import Channel

DATA_FILE = Path(__file__).resolve().parents[1] / "demo_data" / "proposals.toml"


@dataclass(frozen=True)
class Topic:
    """An online proposal, written once for each of its dongs."""

    category: str
    title: str  # may hold {dong}; a topic used in several dongs must
    body: str
    dongs: tuple[str | None, ...]  # None: the whole district
    place: str = ""
    department: str = ""  # when not the category's department


@dataclass(frozen=True)
class Collected:
    """A proposal collected offline and typed in by staff."""

    channel: Channel
    dong: str | None
    category: str
    title: str
    body: str
    proposer: str = ""  # how the proposer is described, never a name


@dataclass(frozen=True)
class Written:
    """A resident's proposal with a fate of its own: hidden (with `reason`), merged, a draft."""

    category: str
    dong: str
    title: str
    body: str
    reason: str = ""


def _topic(row: dict[str, Any]) -> Topic:
    return Topic(**{**row, "dongs": tuple(row["dongs"]) or (None,)})


_DATA = tomllib.loads(DATA_FILE.read_text(encoding="utf-8"))

NICKNAME_PREFIXES: list[str] = _DATA["nickname_prefixes"]
NICKNAME_SUFFIXES: list[str] = _DATA["nickname_suffixes"]
CARD_SURNAMES: str = _DATA["card_surnames"]
CARD_GIVEN_NAMES: list[str] = _DATA["card_given_names"]
CLOSINGS: list[str] = _DATA["closings"]
COMMENTS: list[str] = _DATA["comments"]
REPLIES: list[str] = _DATA["replies"]
HEATED_COMMENT: str = _DATA["heated_comment"]
REPORT_REASONS: list[str] = _DATA["report_reasons"]
HIDDEN_COMMENT_REASON: str = _DATA["hidden_comment_reason"]
MERGE_TARGET: str = _DATA["merge_target"]
CATEGORIES: dict[str, str] = _DATA["categories"]  # category → reviewing department, in order
ANSWERS: dict[str, str] = _DATA["answers"]  # decision → answer, with {dept}
SCENES: dict[str, str] = _DATA["scenes"]  # category → the drawn picture's scene
TOPICS = [_topic(row) for row in _DATA["topics"]]
OFFLINE = [
    Collected(**{"dong": None, **row, "channel": Channel(row["channel"])})
    for row in _DATA["offline"]
]
HIDDEN = [Written(**row) for row in _DATA["hidden"]]
DUPLICATE = Written(**_DATA["duplicate"])
DRAFT = Written(**_DATA["draft"])
