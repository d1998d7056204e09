"""Seasonal allocation rounds (정기대관): requests refused outside hours, after the close
and twice; the draw by the councils' lottery with its seed; the winners' weeks claimed
through the slot rows (closures and taken weeks skipped); every group told; the pages."""

from datetime import date, time

import pytest
from django.urls import reverse

from maeul.core.dates import at_seoul
from maeul.core.errors import RuleViolation
from maeul.core.models import Notification
from maeul.councils.services.recruitment import lottery_order
from maeul.spaces.models import (
    AllocationRequest,
    AllocationRound,
    Booking,
    Closure,
    RequestStatus,
    RoundStatus,
)
from maeul.spaces.services import bookings, rounds
from tests.spaces.conftest import NOW

pytestmark = pytest.mark.django_db

TUESDAY, THURSDAY, SATURDAY = 1, 3, 5


@pytest.fixture
def season(room, dong_staff):
    # Monday 6 April to Sunday 3 May 2026: four weeks.
    return rounds.open_round(
        room=room,
        name="2026년 봄",
        starts_on=date(2026, 4, 6),
        ends_on=date(2026, 5, 3),
        staff=dong_staff,
        now=NOW,
    )


def ask(season, user, group, weekday, starts, ends, headcount=8):
    return rounds.request_slot(
        round_=season,
        representative=user,
        group_name=group,
        weekday=weekday,
        starts=time(*starts),
        ends=time(*ends),
        headcount=headcount,
        now=NOW,
    )


def _refused(call, code):
    before = AllocationRequest.objects.count()
    with pytest.raises(RuleViolation) as refusal:
        call()
    assert refusal.value.code == code
    assert AllocationRequest.objects.count() == before
    return refusal.value.message


def test_requests_outside_hours_twice_or_after_the_close_are_refused(season, resident):
    message = _refused(
        lambda: ask(season, resident, "독서회", SATURDAY, (17,), (19,)), "outside_hours"
    )
    assert "18:00" in message
    _refused(lambda: ask(season, resident, "독서회", TUESDAY, (19, 15), (20,)), "time")
    _refused(
        lambda: ask(season, resident, "독서회", TUESDAY, (19,), (20,), headcount=11),
        "over_capacity",
    )
    _refused(lambda: ask(season, resident, " ", TUESDAY, (19,), (20,)), "group")
    ask(season, resident, "독서회", TUESDAY, (19,), (21,))
    _refused(lambda: ask(season, resident, "독서회", TUESDAY, (19,), (21,)), "duplicate")
    season.status = RoundStatus.CLOSED
    season.save()
    _refused(lambda: ask(season, resident, "독서회", THURSDAY, (10,), (12,)), "forbidden")


def test_an_unverified_resident_cannot_ask(season, unverified_resident):
    _refused(lambda: ask(season, unverified_resident, "독서회", TUESDAY, (19,), (21,)), "forbidden")


def test_staff_elsewhere_cannot_open_or_close(room, season, other_dong_staff):
    with pytest.raises(RuleViolation):
        rounds.open_round(
            room=room,
            name="가을",
            starts_on=date(2026, 9, 1),
            ends_on=date(2026, 9, 30),
            staff=other_dong_staff,
            now=NOW,
        )
    with pytest.raises(RuleViolation):
        rounds.close_round(round_=season, staff=other_dong_staff, now=NOW)
    assert AllocationRound.objects.count() == 1
    assert AllocationRound.objects.get().is_open


def test_a_round_needs_a_name_and_a_season_in_the_future(room, dong_staff):
    for name, starts, ends, code in [
        ("", date(2026, 4, 6), date(2026, 5, 3), "name"),
        ("봄", date(2026, 5, 3), date(2026, 4, 6), "dates"),
        ("봄", date(2026, 3, 18), date(2026, 4, 6), "dates"),
    ]:
        with pytest.raises(RuleViolation) as refusal:
            rounds.open_round(
                room=room, name=name, starts_on=starts, ends_on=ends, staff=dong_staff, now=NOW
            )
        assert refusal.value.code == code
    assert not AllocationRound.objects.exists()


def test_closing_draws_books_the_weeks_and_tells_every_group(
    season, room, resident, neighbour, dong_staff
):
    reading = ask(season, resident, "독서회", TUESDAY, (19,), (21,))
    choir = ask(season, neighbour, "합창단", TUESDAY, (20,), (21,))
    go = ask(season, dong_staff, "바둑회", THURSDAY, (10,), (12,))
    # A closure on Tuesday 14 April, and Thursday 9 April booked by someone before the close.
    Closure.objects.create(
        space=room.space, starts_on=date(2026, 4, 14), ends_on=date(2026, 4, 14), reason="소독"
    )
    bookings.book_room(
        room=room,
        booker=resident,
        starts_at=at_seoul(date(2026, 4, 9), time(11)),
        ends_at=at_seoul(date(2026, 4, 9), time(12)),
        headcount=2,
        purpose="개인 모임",
        now=NOW,
    )

    ordered = rounds.close_round(round_=season, staff=dong_staff, now=NOW, seed="2026-봄-공개추첨")

    season.refresh_from_db()
    assert season.status == RoundStatus.CLOSED and season.lottery_seed == "2026-봄-공개추첨"
    expected = lottery_order("2026-봄-공개추첨", [reading.pk, choir.pk, go.pk])
    assert [r.pk for r in ordered] == expected
    first_tuesday = next(pk for pk in expected if pk in (reading.pk, choir.pk))
    winner = AllocationRequest.objects.get(pk=first_tuesday)
    loser = AllocationRequest.objects.get(pk=({reading.pk, choir.pk} - {first_tuesday}).pop())
    assert winner.status == RequestStatus.WON and loser.status == RequestStatus.LOST
    assert winner.weeks_booked == 3  # four Tuesdays, one closed
    assert AllocationRequest.objects.get(pk=go.pk).status == RequestStatus.WON
    assert AllocationRequest.objects.get(pk=go.pk).weeks_booked == 3  # one week already taken
    weekly = Booking.objects.filter(group_name=winner.group_name)
    assert weekly.count() == 3 and all(b.booker_id == winner.representative_id for b in weekly)
    assert all(b.slots.count() == b.hours * 2 for b in weekly)
    # A later single booking cannot overlap a weekly booking.
    with pytest.raises(RuleViolation) as refusal:
        bookings.book_room(
            room=room,
            booker=neighbour,
            starts_at=at_seoul(date(2026, 4, 7), time(20)),
            ends_at=at_seoul(date(2026, 4, 7), time(21)),
            headcount=2,
            purpose="모임",
            now=NOW,
        )
    assert refusal.value.code == "slot_taken"
    told = Notification.objects.filter(kind=rounds.NOTIFY_KIND)
    assert told.count() == 3
    assert "배정되지 않았습니다" in told.get(recipient=loser.representative).message
    assert "배정되었습니다" in told.get(recipient=winner.representative).message
    with pytest.raises(RuleViolation):
        rounds.close_round(round_=season, staff=dong_staff, now=NOW)


def test_the_default_seed_is_fixed_by_the_requests_and_a_long_seed_is_refused(
    season, resident, dong_staff
):
    ask(season, resident, "독서회", TUESDAY, (19,), (21,))
    with pytest.raises(RuleViolation) as refusal:
        rounds.close_round(round_=season, staff=dong_staff, now=NOW, seed="x" * 65)
    assert refusal.value.code == "seed"
    assert AllocationRound.objects.get().is_open and not Booking.objects.exists()
    rounds.close_round(round_=season, staff=dong_staff, now=NOW)
    season.refresh_from_db()
    assert len(season.lottery_seed) == 64


def test_the_pages(client, season, resident, dong_staff, other_dong_staff):
    page = reverse("spaces:round", args=[season.pk])
    assert "2026년 봄" in client.get(page).content.decode()
    client.force_login(resident)
    form = {
        "group_name": "독서회",
        "weekday": TUESDAY,
        "starts": "19:00",
        "ends": "21:00",
        "headcount": 8,
    }
    assert client.post(page, form).status_code == 302
    again = client.post(page, form)
    assert again.status_code == 400 and AllocationRequest.objects.count() == 1
    late = client.post(page, {**form, "weekday": SATURDAY, "starts": "17:00", "ends": "19:00"})
    assert late.status_code == 400 and "18:00" in late.content.decode()
    client.force_login(other_dong_staff)
    close = reverse("spaces:staff_close_round", args=[season.pk])
    assert client.post(close, {"seed": "1"}).status_code == 404
    client.force_login(dong_staff)
    staff_page = reverse("spaces:staff_rounds", args=[season.room.space_id])
    assert "2026년 봄" in client.get(staff_page).content.decode()
    assert client.post(close, {"seed": "공개추첨-7"}).status_code == 302
    shown = client.get(page).content.decode()
    assert "공개추첨-7" in shown and "독서회" in shown
    opened = client.post(
        staff_page,
        {
            "room": season.room_id,
            "name": "2026년 가을",
            "starts_on": "2026-09-01",
            "ends_on": "2026-08-01",
        },
    )
    assert opened.status_code == 400 and AllocationRound.objects.count() == 1
