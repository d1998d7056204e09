"""`manage.py send_cycle_reminders`: send the due cycle reminders now (for cron)."""

from typing import Any

from django.core.management.base import BaseCommand
from django.utils import timezone

from maeul.councils.services.cycle import send_due_reminders


class Command(BaseCommand):
    help = "Remind staff of council cycle steps that end within seven days (each step once)."

    def handle(self, *args: Any, **options: Any) -> None:
        sent = send_due_reminders(now=timezone.now())
        self.stdout.write(f"{sent}")
