"""Background tasks (django-tasks): work that must not hold up a page."""

from django.conf import settings
from django.core.mail import send_mail
from django_tasks import task


@task()
def send_notification_email(*, to: str, subject: str, body: str) -> None:
    send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [to], fail_silently=False)
