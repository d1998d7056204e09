"""Background tasks of personal data (django-tasks, database backend, run by `db_worker`)."""

from datetime import timedelta

from django.utils import timezone
from django_tasks import task

from maeul.privacy.services import erase_due_accounts

RETRY_AFTER = timedelta(hours=1)


@task()
def erase_withdrawn_accounts() -> int:
    """Erase the data of every withdrawn account that is due; returns how many were erased.

    When an erasure fails the task queues itself again an hour later, so the five-day limit
    does not hang on a cron job alone.
    """
    now = timezone.now()
    try:
        return erase_due_accounts(now=now)
    except Exception:
        erase_withdrawn_accounts.using(run_after=now + RETRY_AFTER).enqueue()
        raise
