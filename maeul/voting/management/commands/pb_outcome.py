"""`manage.py pb_outcome FILE.pb --rule greedy|mes|mes-add1`: count a pabulib file.

`manage.py` runs `maeul.voting.counting.cli` before Django starts; this command is the
same counting for `call_command` and Django's command list.
"""

from __future__ import annotations

import json
from argparse import ArgumentParser
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from maeul.voting.counting import RULES
from maeul.voting.counting.cli import CountingError, selected_projects


class Command(BaseCommand):
    help = "Print the projects a counting rule selects from a pabulib file, as one JSON line."
    # Counting reads a file and prints: no database, no system checks to slow it down.
    requires_system_checks: list[str] = []
    requires_migrations_checks = False

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("file", help="path to a pabulib .pb file")
        parser.add_argument("--rule", choices=sorted(RULES), default="greedy")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            result = selected_projects(options["file"], options["rule"])
        except CountingError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(json.dumps(result, ensure_ascii=False))
