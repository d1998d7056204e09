"""`manage.py send_space_reminders`: remind bookers and late borrowers now (for cron)."""

from typing import Any

from django.core.management.base import BaseCommand
from django.utils import timezone

from maeul.spaces.services.reminders import send_space_reminders


class Command(BaseCommand):
    help = "Remind bookers of tomorrow's bookings and borrowers of overdue items (each once)."

    def handle(self, *args: Any, **options: Any) -> None:
        bookings, loans = send_space_reminders(now=timezone.now())
        self.stdout.write(f"{bookings} {loans}")
