"""`manage.py pb_outcome FILE.pb --rule greedy|mes|mes-add1`: count a pabulib file."""

from __future__ import annotations

import json
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from maeul.voting.counting import (
    RULES,
    PbFormatError,
    UnsupportedVoteTypeError,
    outcome,
    parse_pabulib_file,
)


class Command(BaseCommand):
    help = "Print the projects a counting rule selects from a pabulib file, as one JSON line."
    # Counting reads a file and prints: no database, no system checks to slow it down.
    requires_system_checks: list[str] = []
    requires_migrations_checks = False

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("file", help="path to a pabulib .pb file")
        parser.add_argument("--rule", choices=sorted(RULES), default="greedy")

    def handle(self, *args: Any, **options: Any) -> None:
        path: str = options["file"]
        try:
            election = parse_pabulib_file(path)
        except FileNotFoundError:
            raise CommandError(f"파일을 찾을 수 없습니다: {path}") from None
        except OSError as error:
            raise CommandError(f"파일을 읽을 수 없습니다: {path} ({error.strerror})") from None
        except PbFormatError as error:
            raise CommandError(f"{path}: {error}") from None
        try:
            selected = outcome(election, options["rule"])
        except UnsupportedVoteTypeError as error:
            raise CommandError(f"{path}: {error}") from None
        self.stdout.write(json.dumps({"selected": selected}, ensure_ascii=False))
