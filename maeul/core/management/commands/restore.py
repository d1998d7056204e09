"""Restore an encrypted backup over this site's database and uploaded files."""

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from maeul.core.backup import BackupError
from maeul.core.backup.archive import restore_backup
from maeul.core.backup.crypto import backup_key


class Command(BaseCommand):
    help = (
        "암호화된 백업을 이 사이트의 데이터베이스와 파일 위에 복원합니다 "
        "(restore a backup; the key is MAEUL_BACKUP_KEY)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("backup", help="the backup file")
        parser.add_argument(
            "--yes", action="store_true", help="do not ask: replace the current data"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not options["yes"] and options.get("interactive", True):
            answer = input(
                "현재 데이터베이스와 파일을 백업의 것으로 바꿉니다. 계속할까요? [yes/no] "
                "(this replaces the current data) "
            )
            if answer.strip().lower() not in {"yes", "y", "예"}:
                raise CommandError("복원하지 않았습니다 / restore cancelled.")
        try:
            outcome = restore_backup(Path(options["backup"]), key=backup_key())
        except BackupError as exc:
            raise CommandError(str(exc)) from None
        tables = outcome.manifest["tables"]
        self.stdout.write(
            f"복원했습니다 / restored: {outcome.path} (made {outcome.manifest['created_at']}; "
            f"{len(tables)} tables checked against the manifest, {outcome.seconds:.1f} s)"
        )
