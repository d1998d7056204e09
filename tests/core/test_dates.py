"""Seoul's calendar decides which day and which year it is."""

from datetime import UTC, date, datetime, time

from maeul.core.dates import SEOUL, at_seoul, local_date, seoul_time, seoul_year


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
