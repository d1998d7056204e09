"""`manage.py reindex_search [--kind proposal ...]`: rebuild the search index from the
public rows (after a bulk change, a restore, or a new kind)."""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from maeul.search.index import reindex
from maeul.search.sources import sources


class Command(BaseCommand):
    help = "Rebuild the search index from every source's public rows."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--kind", action="append", help="only this kind (repeatable)", default=None
        )

    def handle(self, *args: Any, **options: Any) -> None:
        known = {s.kind for s in sources()}
        kinds = options["kind"]
        unknown = sorted(set(kinds or []) - known)
        if unknown:
            raise CommandError(
                f"unknown kind: {', '.join(unknown)} (known: {', '.join(sorted(known))})"
            )
        for kind, count in reindex(kinds).items():
            self.stdout.write(f"{kind}: {count}")
