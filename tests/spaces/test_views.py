"""Each page once through the client: public pages render; a resident books and cancels;
staff run the desk and change the level; refusals change nothing; staff elsewhere get 404."""

import io
import re
from datetime import timedelta
from urllib.parse import unquote

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone

from maeul.core.dates import at_seoul, local_date
from maeul.spaces.models import (
    Booking,
    BookingStatus,
    CapacityPolicy,
    ItemLoan,
    LoanStatus,
    SurveyAnswer,
)
from maeul.spaces.services import bookings, desk, lending

pytestmark = pytest.mark.django_db


def _tomorrow():
    return local_date(timezone.now()) + timedelta(days=1)


def test_public_pages_render(client, space, room, item):
    assert "독산1동 마을활력소" in client.get(reverse("spaces:list")).content.decode()
    page = client.get(reverse("spaces:detail", args=[space.pk])).content.decode()
    assert "공유회의실" in page and "공구세트" in page
    calendar = client.get(reverse("spaces:room", args=[room.pk]))
    assert calendar.status_code == 200
    assert reverse("spaces:book", args=[room.pk]) in calendar.content.decode()


def _form(**overrides):
    data = {
        "day": _tomorrow().isoformat(),
        "start": "10:00",
        "half_hours": "2",
        "headcount": "4",
        "purpose": "주민 모임",
        "group_name": "",
    }
    data.update(overrides)
    return data


def test_a_resident_books_and_cancels(client, room, resident):
    client.force_login(resident)
    answer = client.post(reverse("spaces:book", args=[room.pk]), _form())
    assert answer.status_code == 302
    booking = Booking.objects.get()
    assert booking.status == BookingStatus.CONFIRMED
    mine = client.get(reverse("spaces:my_bookings")).content.decode()
    assert booking.check_in_code in mine
    client.post(reverse("spaces:cancel", args=[booking.pk]))
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CANCELLED


def test_a_refused_booking_shows_the_reason_and_changes_nothing(client, room, resident):
    client.force_login(resident)
    answer = client.post(reverse("spaces:book", args=[room.pk]), _form(headcount="40"))
    assert answer.status_code == 400
    assert "최대 10명" in answer.content.decode()
    assert not Booking.objects.exists()


def test_anonymous_people_are_sent_to_log_in(client, room):
    assert client.get(reverse("spaces:book", args=[room.pk])).status_code == 302


def _booking(room, user, hour=10):
    start = at_seoul(_tomorrow(), timezone.datetime.min.time().replace(hour=hour))
    return bookings.book_room(
        room=room,
        booker=user,
        starts_at=start,
        ends_at=start + timedelta(hours=1),
        headcount=8,
        purpose="모임",
        now=timezone.now(),
    )


def test_staff_approve_a_request_on_the_desk(client, hall, resident, dong_staff):
    booking = _booking(hall, resident)
    client.force_login(dong_staff)
    desk = client.get(reverse("spaces:staff_desk", args=[hall.space.pk])).content.decode()
    assert "모임" in desk
    client.post(reverse("spaces:staff_approve", args=[booking.pk]))
    booking.refresh_from_db()
    assert booking.status == BookingStatus.CONFIRMED


def test_staff_of_another_dong_get_404(client, room, resident, other_dong_staff):
    booking = _booking(room, resident)
    client.force_login(other_dong_staff)
    assert client.get(reverse("spaces:staff_desk", args=[room.space.pk])).status_code == 404
    assert client.post(reverse("spaces:staff_mark", args=[booking.pk])).status_code == 404


def test_residents_may_not_open_the_desk(client, space, resident):
    client.force_login(resident)
    assert client.get(reverse("spaces:staff_desk", args=[space.pk])).status_code == 403


def test_returning_an_item_not_out_is_refused_on_the_desk(client, item, resident, dong_staff):
    loan = lending.request_loan(item=item, borrower=resident, quantity=1, now=timezone.now())
    client.force_login(dong_staff)
    answer = client.post(reverse("spaces:staff_take_back", args=[loan.pk]), {"condition": "good"})
    assert answer.status_code == 400
    loan.refresh_from_db()
    assert loan.status == LoanStatus.REQUESTED


def test_district_staff_change_the_level_and_bookings_are_capped(
    client, geumcheon, room, resident, district_staff, policies
):
    booking = _booking(room, resident)
    client.force_login(district_staff)
    assert client.get(reverse("spaces:staff_policy", args=[geumcheon.pk])).status_code == 200
    answer = client.post(
        reverse("spaces:staff_set_policy", args=[geumcheon.pk]), {"policy": policies["2단계"].pk}
    )
    assert answer.status_code == 302
    booking.refresh_from_db()
    assert booking.headcount == 3
    assert CapacityPolicy.objects.get(is_active=True) == policies["2단계"]


def test_dong_staff_do_not_reach_the_level_page(client, geumcheon, dong_staff, policies):
    client.force_login(dong_staff)
    assert client.get(reverse("spaces:staff_policy", args=[geumcheon.pk])).status_code == 404


def test_statistics_and_xlsx(client, space, room, item, resident, dong_staff):
    loan = lending.request_loan(item=item, borrower=resident, quantity=1, now=timezone.now())
    lending.hand_out(loan=loan, staff=dong_staff, now=timezone.now(), ip=None)
    client.force_login(dong_staff)
    page = client.get(reverse("spaces:staff_statistics")).content.decode()
    assert "독산1동 마을활력소" in page
    answer = client.get(reverse("spaces:staff_statistics_xlsx"))
    sheet = openpyxl.load_workbook(io.BytesIO(answer.content))["이용 현황"]
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:5] == ("공간", "동", "운영", "면적(㎡)", "대관 건수")
    assert rows[1][0] == "독산1동 마을활력소" and rows[1][9] == 1  # one loan picked up
    assert rows[-1][0] == "합계"
    assert ItemLoan.objects.filter(status=LoanStatus.OUT).count() == 1


def test_a_free_slot_link_opens_the_form_at_that_time(client, room, resident):
    client.force_login(resident)
    calendar = client.get(reverse("spaces:room", args=[room.pk])).content.decode()
    link = re.search(r'href="(/spaces/rooms/\d+/book/\?at=[^"]+)"', calendar).group(1)
    form = client.get(link.replace("&amp;", "&")).content.decode()
    at = re.search(r"at=([^&\"]+)", link).group(1)
    start = timezone.datetime.fromisoformat(unquote(at))
    assert f'<option value="{start:%Y-%m-%d}" selected>' in form
    assert f'<option value="{start:%H:%M}" selected>' in form


def test_public_pages_run_a_fixed_number_of_queries(
    client, space, room, other_space, django_assert_max_num_queries
):
    with django_assert_max_num_queries(8):
        client.get(reverse("spaces:list"))
    with django_assert_max_num_queries(12):
        client.get(reverse("spaces:room", args=[room.pk]))


def test_the_survey_after_use_is_answered_once_per_booking(client, room, resident, dong_staff):
    now = timezone.now()
    used = []
    for days_ago in (2, 3):
        start = at_seoul(
            local_date(now) - timedelta(days=days_ago),
            timezone.datetime.min.time().replace(hour=10),
        )
        booking = bookings.book_room(
            room=room,
            booker=resident,
            starts_at=start,
            ends_at=start + timedelta(hours=1),
            headcount=2,
            purpose="모임",
            now=start - timedelta(days=1),
        )
        desk.mark_booking(booking=booking, used=True, staff=dong_staff, now=start, ip=None)
        used.append(booking)
    client.force_login(resident)
    page = client.get(reverse("spaces:my_bookings")).content.decode()
    ids = re.findall(r'id="([^"]+)"', page)
    assert len(ids) == len(set(ids)), "duplicate ids on the page"
    answer = client.post(reverse("spaces:survey", args=[used[0].pk]), {"rating": "7"})
    assert answer.status_code == 400
    assert not SurveyAnswer.objects.exists()
    client.post(reverse("spaces:survey", args=[used[0].pk]), {"rating": "5", "comment": "좋아요"})
    assert SurveyAnswer.objects.get().booking == used[0]


def test_site_admins_set_up_a_space_in_the_back_office(client, space, site_admin):
    client.force_login(site_admin)
    page = client.get(reverse("admin:spaces_space_change", args=[space.pk]))
    assert page.status_code == 200
    assert client.get(reverse("admin:spaces_booking_changelist")).status_code == 200
    assert client.get(reverse("admin:spaces_allocationround_changelist")).status_code == 200
    assert client.get(reverse("admin:spaces_allocationrequest_changelist")).status_code == 200
