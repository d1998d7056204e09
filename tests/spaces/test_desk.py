"""The staff desk: approve or refuse a request, check in by code, mark used or no-show;
walk-in counts and the survey after use; the month's figures in the seeds' shape."""

from datetime import date, timedelta

import pytest

from maeul.core.errors import RuleViolation
from maeul.core.models import AuditEntry
from maeul.spaces.models import BookingStatus, SurveyAnswer, VisitorCount
from maeul.spaces.services import bookings, desk, lending, usage
from maeul.spaces.statistics import month_bounds, totals
from maeul.spaces.statistics import usage as month_usage
from tests.spaces.conftest import NOW, at

pytestmark = pytest.mark.django_db


def book(room, user, day=1, hour=14, headcount=4):
    return bookings.book_room(
        room=room,
        booker=user,
        starts_at=at(day, hour),
        ends_at=at(day, hour + 2),
        headcount=headcount,
        purpose="모임",
        now=NOW,
    )


def test_staff_approve_a_request_and_the_booker_is_told(hall, resident, dong_staff):
    booking = book(hall, resident)
    desk.approve_booking(booking=booking, staff=dong_staff, now=NOW, ip=None)
    assert booking.status == BookingStatus.CONFIRMED
    assert resident.notifications.count() == 1
    assert AuditEntry.objects.filter(action="spaces.approve_booking").exists()


def test_approving_twice_is_refused(hall, resident, dong_staff):
    booking = book(hall, resident)
    desk.approve_booking(booking=booking, staff=dong_staff, now=NOW, ip=None)
    with pytest.raises(RuleViolation):
        desk.approve_booking(booking=booking, staff=dong_staff, now=NOW, ip=None)


def test_a_refusal_needs_a_reason_and_frees_the_slot(hall, resident, dong_staff):
    booking = book(hall, resident)
    with pytest.raises(RuleViolation):
        desk.refuse_booking(booking=booking, reason=" ", staff=dong_staff, now=NOW, ip=None)
    booking.refresh_from_db()
    assert booking.status == BookingStatus.REQUESTED
    desk.refuse_booking(booking=booking, reason="행사 준비", staff=dong_staff, now=NOW, ip=None)
    assert booking.status == BookingStatus.CANCELLED
    assert not booking.slots.exists()
    assert "행사 준비" in resident.notifications.get().message


def test_check_in_by_code_marks_the_booking_used(room, resident, dong_staff):
    booking = book(room, resident, day=0, hour=14)
    with pytest.raises(RuleViolation) as refusal:
        desk.check_in(
            space=room.space,
            code="000000" if booking.check_in_code != "000000" else "111111",
            staff=dong_staff,
            now=at(0, 13, 50),
            ip=None,
        )
    assert refusal.value.field == "code"
    checked = desk.check_in(
        space=room.space, code=booking.check_in_code, staff=dong_staff, now=at(0, 13, 50), ip=None
    )
    assert checked.pk == booking.pk
    booking.refresh_from_db()
    assert booking.status == BookingStatus.USED


def test_a_code_of_another_day_is_refused(room, resident, dong_staff):
    booking = book(room, resident, day=1)
    with pytest.raises(RuleViolation):
        desk.check_in(
            space=room.space, code=booking.check_in_code, staff=dong_staff, now=NOW, ip=None
        )


def test_no_show_only_after_the_start(room, resident, dong_staff):
    booking = book(room, resident)
    with pytest.raises(RuleViolation):
        desk.mark_booking(booking=booking, used=False, staff=dong_staff, now=NOW, ip=None)
    desk.mark_booking(booking=booking, used=False, staff=dong_staff, now=at(1, 15), ip=None)
    assert booking.status == BookingStatus.NO_SHOW


def test_walk_ins_are_counted_once_a_day(space, dong_staff):
    usage.count_visitors(
        space=space, on=NOW.date(), visitors=40, staff=dong_staff, now=NOW, ip=None
    )
    usage.count_visitors(
        space=space, on=NOW.date(), visitors=45, staff=dong_staff, now=NOW, ip=None
    )
    assert VisitorCount.objects.get().visitors == 45


def test_walk_ins_of_a_future_day_are_refused(space, dong_staff):
    with pytest.raises(RuleViolation):
        usage.count_visitors(
            space=space,
            on=NOW.date() + timedelta(days=1),
            visitors=3,
            staff=dong_staff,
            now=NOW,
            ip=None,
        )
    assert not VisitorCount.objects.exists()


def test_the_survey_is_answered_once_after_use(room, resident, dong_staff):
    booking = book(room, resident)
    with pytest.raises(RuleViolation):
        usage.answer_survey(booking=booking, rating=5, comment="", user=resident, now=NOW)
    desk.mark_booking(booking=booking, used=True, staff=dong_staff, now=at(1, 15), ip=None)
    with pytest.raises(RuleViolation):
        usage.answer_survey(booking=booking, rating=9, comment="", user=resident, now=at(2, 9))
    usage.answer_survey(booking=booking, rating=5, comment="깨끗해요", user=resident, now=at(2, 9))
    with pytest.raises(RuleViolation):
        usage.answer_survey(booking=booking, rating=4, comment="", user=resident, now=at(2, 9))
    assert SurveyAnswer.objects.count() == 1


def test_the_month_s_figures(space, room, item, resident, neighbour, dong_staff):
    used = book(room, resident, headcount=6)
    book(room, neighbour, hour=17, headcount=3)  # confirmed, not used yet
    desk.mark_booking(booking=used, used=True, staff=dong_staff, now=at(1, 15), ip=None)
    usage.answer_survey(booking=used, rating=4, comment="", user=resident, now=at(2, 9))
    usage.count_visitors(
        space=space, on=NOW.date(), visitors=30, staff=dong_staff, now=NOW, ip=None
    )
    loan = lending.request_loan(item=item, borrower=resident, quantity=1, now=NOW)
    lending.hand_out(loan=loan, staff=dong_staff, now=NOW, ip=None)
    [row] = month_usage(type(space).objects.filter(pk=space.pk), *month_bounds(2026, 3))
    assert (row.bookings, row.hours, row.booked_visitors, row.walk_ins) == (2, 4.0, 6, 30)
    assert (row.visitors, row.loans, row.answers, row.satisfied_percent) == (36, 1, 1, 100)
    assert totals([row])["visitors"] == 36
    assert month_bounds(2026, 12) == (date(2026, 12, 1), date(2027, 1, 1))


# --- Each decision is taken on the booking as it is now, not as the desk page showed it ---
def _as_the_page_saw_it(booking):
    return type(booking).objects.get(pk=booking.pk)


def test_a_request_cancelled_meanwhile_is_not_approved(hall, resident, dong_staff):
    booking = book(hall, resident)
    on_the_desk = _as_the_page_saw_it(booking)
    bookings.cancel_booking(booking=booking, user=resident, now=NOW)
    with pytest.raises(RuleViolation) as refusal:
        desk.approve_booking(booking=on_the_desk, staff=dong_staff, now=NOW, ip=None)
    assert refusal.value.code == "status"
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CANCELLED
    assert not resident.notifications.exists()
    assert not AuditEntry.objects.filter(action="spaces.approve_booking").exists()


def test_a_request_approved_meanwhile_is_not_refused(hall, resident, dong_staff):
    booking = book(hall, resident)
    on_the_desk = _as_the_page_saw_it(booking)
    desk.approve_booking(booking=booking, staff=dong_staff, now=NOW, ip=None)
    with pytest.raises(RuleViolation):
        desk.refuse_booking(booking=on_the_desk, reason="중복", staff=dong_staff, now=NOW, ip=None)
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CONFIRMED
    assert booking.slots.exists()


def test_a_booking_used_meanwhile_is_not_cancelled(room, resident, dong_staff):
    booking = book(room, resident, day=0, hour=14)
    in_my_bookings = _as_the_page_saw_it(booking)
    desk.check_in(
        space=room.space, code=booking.check_in_code, staff=dong_staff, now=at(0, 13, 50), ip=None
    )
    with pytest.raises(RuleViolation):
        bookings.cancel_booking(booking=in_my_bookings, user=resident, now=at(0, 13, 55))
    booking.refresh_from_db()
    assert booking.status == BookingStatus.USED


def test_a_booking_cancelled_meanwhile_is_not_marked(room, resident, dong_staff):
    booking = book(room, resident)
    on_the_desk = _as_the_page_saw_it(booking)
    bookings.cancel_booking(booking=booking, user=resident, now=NOW)
    with pytest.raises(RuleViolation):
        desk.mark_booking(booking=on_the_desk, used=True, staff=dong_staff, now=at(1, 15), ip=None)
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CANCELLED
