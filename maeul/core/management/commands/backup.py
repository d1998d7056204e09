"""Write an encrypted backup of the database and the uploaded files (docs/deployment.md)."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from maeul.core.backup import BackupError
from maeul.core.backup.archive import make_backup
from maeul.core.backup.crypto import backup_key, new_key


class Command(BaseCommand):
    help = (
        "데이터베이스와 올린 파일을 암호화해 백업합니다. 열쇠: MAEUL_BACKUP_KEY "
        "(encrypted backup of the database and uploaded files)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("output", nargs="?", help="the backup file to write")
        parser.add_argument(
            "--new-key", action="store_true", help="print a fresh backup key and stop"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["new_key"]:
            self.stdout.write(new_key())
            return
        now = timezone.now()
        output = options["output"] or f"maeul-{timezone.localtime(now):%Y%m%d-%H%M%S}.backup"
        try:
            outcome = make_backup(Path(output), key=backup_key(), now=now)
        except BackupError as exc:
            raise CommandError(str(exc)) from None
        tables = outcome.manifest["tables"]
        self.stdout.write(
            f"백업을 만들었습니다 / backup written: {outcome.path} "
            f"({len(tables)} tables, {sum(t['rows'] for t in tables.values())} rows, "
            f"{len(outcome.manifest['files']) - 1} files, {outcome.seconds:.1f} s)"
        )
