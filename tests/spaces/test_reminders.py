"""Reminders: a booker the day before, a borrower once overdue; each only once."""

from datetime import timedelta

import pytest
from django.core.management import call_command

from maeul.spaces.services import bookings, lending
from maeul.spaces.services.reminders import send_space_reminders
from tests.spaces.conftest import NOW, at

pytestmark = pytest.mark.django_db


def test_a_booker_is_reminded_once_the_day_before(room, resident):
    bookings.book_room(
        room=room,
        booker=resident,
        starts_at=at(1, 9),
        ends_at=at(1, 10),
        headcount=2,
        purpose="모임",
        now=NOW,
    )
    bookings.book_room(
        room=room,
        booker=resident,
        starts_at=at(3, 9),
        ends_at=at(3, 10),
        headcount=2,
        purpose="모임",
        now=NOW,
    )
    assert send_space_reminders(now=NOW) == (1, 0)
    assert send_space_reminders(now=NOW) == (0, 0)
    [notice] = resident.notifications.all()
    assert "입실 코드" in notice.message


def test_a_late_borrower_is_reminded_once(item, resident, dong_staff):
    loan = lending.request_loan(item=item, borrower=resident, quantity=1, now=NOW)
    lending.hand_out(loan=loan, staff=dong_staff, now=NOW, ip=None)
    assert send_space_reminders(now=NOW + timedelta(days=7)) == (0, 0)
    assert send_space_reminders(now=NOW + timedelta(days=8)) == (0, 1)
    assert send_space_reminders(now=NOW + timedelta(days=9)) == (0, 0)
    assert "공구세트" in resident.notifications.get().message


def test_the_command_runs(db, capsys):
    call_command("send_space_reminders")
    assert capsys.readouterr().out.strip() == "0 0"
