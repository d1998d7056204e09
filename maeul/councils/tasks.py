"""Background tasks of councils (django-tasks, database backend, run by `manage.py db_worker`)."""

from django.utils import timezone
from django_tasks import task

from maeul.councils.services.cycle import send_due_reminders


@task()
def send_cycle_reminders() -> int:
    """Remind staff of the cycle steps ending within seven days; returns how many were sent."""
    return send_due_reminders(now=timezone.now())
