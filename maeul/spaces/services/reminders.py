"""Reminders (for cron: `manage.py send_space_reminders`): a booker the day before a
confirmed booking, a borrower once their item is overdue. Each is sent once, claimed by an
update, so that two runs at once never send it twice."""

from datetime import datetime, timedelta

from django.db import transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from maeul.core.dates import local_date
from maeul.core.notifications import notify
from maeul.spaces.models import Booking, BookingStatus, ItemLoan, LoanStatus
from maeul.spaces.services.bookings import start_text, tell_booker

AHEAD = timedelta(hours=24)


def send_space_reminders(*, now: datetime) -> tuple[int, int]:
    """Remind bookers of confirmed bookings starting within 24 hours, and borrowers of items
    past their due day; returns (bookings, loans) reminded."""
    url = reverse("spaces:my_bookings")
    bookings = loans = 0
    upcoming = Booking.objects.filter(
        status=BookingStatus.CONFIRMED,
        reminded_at__isnull=True,
        starts_at__gt=now,
        starts_at__lte=now + AHEAD,
    ).select_related("room__space", "booker")
    for booking in upcoming:
        with transaction.atomic():
            if not Booking.objects.filter(pk=booking.pk, reminded_at__isnull=True).update(
                reminded_at=now
            ):
                continue  # another run took it
            tell_booker(
                booking,
                _("Reminder: you booked %(room)s at %(day)s. Show your check-in code at the door.")
                % {"room": booking.room, "day": start_text(booking)},
                now=now,
                kind="space_reminder",
            )
            bookings += 1
    overdue = ItemLoan.objects.filter(
        status=LoanStatus.OUT, reminded_at__isnull=True, due_on__lt=local_date(now)
    ).select_related("item__space", "borrower")
    for loan in overdue:
        with transaction.atomic():
            if not ItemLoan.objects.filter(pk=loan.pk, reminded_at__isnull=True).update(
                reminded_at=now
            ):
                continue
            notify(
                recipients=[loan.borrower],
                kind="space_overdue",
                message=_("%(item)s was due back at %(space)s on %(day)s. Please return it.")
                % {
                    "item": loan.item.name,
                    "space": loan.item.space.name,
                    "day": loan.due_on.isoformat() if loan.due_on else "",
                },
                url=url,
                now=now,
            )
            loans += 1
    return bookings, loans
