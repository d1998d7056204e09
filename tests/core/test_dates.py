"""Seoul's calendar decides which day and which year it is."""

from datetime import UTC, date, datetime, time

from maeul.core.dates import (
    SEOUL,
    at_seoul,
    local_date,
    seoul_day,
    seoul_minute,
    seoul_time,
    seoul_year,
)
from maeul.spaces.models import BookingSlot
from maeul.volunteering.models import Shift, VolunteerActivity


def test_seoul_is_already_in_the_new_year_at_utc_afternoon_on_new_years_eve():
    eve = datetime(2025, 12, 31, 15, 30, tzinfo=UTC)  # 00:30 on 1 January in Seoul

    assert local_date(eve) == date(2026, 1, 1)
    assert seoul_year(eve) == 2026


def test_seoul_time_is_the_same_instant_on_seouls_clock():
    moment = datetime(2026, 3, 1, 3, 0, tzinfo=UTC)

    assert seoul_time(moment) == moment
    assert seoul_time(moment).hour == 12


def test_a_seoul_day_starts_at_midnight_seoul_time():
    assert at_seoul(date(2026, 3, 1)) == datetime(2026, 2, 28, 15, 0, tzinfo=UTC)
    assert at_seoul(date(2026, 3, 1), time(9)).tzinfo is SEOUL


def test_a_moment_reads_as_its_seoul_day_and_minute():
    late_evening = datetime(2026, 3, 3, 15, 30, tzinfo=UTC)  # 00:30 on 4 March in Seoul

    assert seoul_day(late_evening) == "2026-03-04"
    assert seoul_minute(late_evening) == "2026-03-04 00:30"


def test_a_plain_date_reads_as_it_is():
    assert seoul_day(date(2026, 3, 4)) == "2026-03-04"


def test_a_shift_and_a_booking_slot_name_their_start_on_seouls_clock():
    start = datetime(2026, 3, 4, 0, 30, tzinfo=UTC)
    shift = Shift(activity=VolunteerActivity(title="하천 정화"), starts_at=start)

    assert str(shift) == "하천 정화 · 2026-03-04 09:30"
    assert str(BookingSlot(room_id=7, starts_at=start)) == "7 2026-03-04 09:30"
