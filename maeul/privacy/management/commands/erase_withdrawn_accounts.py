"""`manage.py erase_withdrawn_accounts`: erase the withdrawn accounts that are due (for cron)."""

from typing import Any

from django.core.management.base import BaseCommand
from django.utils import timezone

from maeul.privacy.services import erase_due_accounts


class Command(BaseCommand):
    help = "Erase the personal data of withdrawn accounts whose erasure is due (run daily)."

    def handle(self, *args: Any, **options: Any) -> None:
        erased = erase_due_accounts(now=timezone.now())
        self.stdout.write(f"{erased}")
