"""`pb_outcome` itself: count a pabulib file and print one JSON line, without Django.

`manage.py pb_outcome` runs this directly, before Django starts: counting needs neither the
database nor the apps, and starting them would take longer than counting a city's vote.
The management command of the same name calls it too, for `call_command` and `--help`.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Sequence

from maeul.voting.counting import (
    RULES,
    PbFormatError,
    UnsupportedVoteTypeError,
    outcome,
    parse_pabulib_file,
)


class CountingError(Exception):
    """A file that cannot be counted; the message is Korean and names the file."""


def selected_projects(path: str, rule: str) -> dict[str, list[str]]:
    """`{"selected": [...]}` for `path` under `rule`; raises CountingError."""
    try:
        election = parse_pabulib_file(path)
    except FileNotFoundError:
        raise CountingError(f"파일을 찾을 수 없습니다: {path}") from None
    except OSError as error:
        raise CountingError(f"파일을 읽을 수 없습니다: {path} ({error.strerror})") from None
    except PbFormatError as error:
        raise CountingError(f"{path}: {error}") from None
    try:
        return {"selected": outcome(election, rule)}
    except UnsupportedVoteTypeError as error:
        raise CountingError(f"{path}: {error}") from None


def main(argv: Sequence[str]) -> int:
    parser = argparse.ArgumentParser(
        prog="manage.py pb_outcome",
        description="Print the projects a counting rule selects from a pabulib file.",
    )
    parser.add_argument("file", help="path to a pabulib .pb file")
    parser.add_argument("--rule", choices=sorted(RULES), default="greedy")
    options = parser.parse_args(argv)
    try:
        result = selected_projects(options.file, options.rule)
    except CountingError as error:
        sys.stderr.write(f"CommandError: {error}\n")
        return 1
    sys.stdout.write(json.dumps(result, ensure_ascii=False) + "\n")
    return 0
