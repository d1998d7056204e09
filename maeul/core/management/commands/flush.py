"""Django's `flush`, with the access log's append-only triggers lifted while it runs.

Flushing empties every table, the access log included; the test runner flushes between
transactional tests. Nothing else may delete access-log rows (see `maeul.core.append_only`).
"""

from typing import Any

from django.core.management.commands.flush import Command as FlushCommand
from django.db import connections

from maeul.core.append_only import lifted


class Command(FlushCommand):
    def handle(self, **options: Any) -> None:
        with lifted(connections[options["database"]]):
            super().handle(**options)
