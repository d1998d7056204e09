"""The spaces pages in a real browser at 360 px: a resident books a room by keyboard only;
district staff put 사회적 거리두기 2단계 in force and the booking's headcount is capped, which
the resident reads as a notice; an item is lent and returned at the desk; staff read the
month's statistics; a club round is drawn and its public page shows the seed. axe-core finds
no violation on any page, and no page scrolls sideways."""

from datetime import time, timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from maeul.core.dates import local_date
from maeul.spaces.models import (
    Booking,
    BookingStatus,
    CapacityPolicy,
    Item,
    ItemLoan,
    LoanStatus,
    Room,
    RoomType,
)
from maeul.spaces.services import rounds
from tests.browser.support import assert_accessible, force_login, has_horizontal_scroll, tab_to
from tests.spaces.conftest import make_space

pytestmark = pytest.mark.browser


@pytest.fixture
def space(doksan1):
    return make_space(doksan1, "독산1동 마을활력소")


@pytest.fixture
def room(space):
    return Room.objects.create(
        space=space, name="공유회의실", capacity=10, room_type=RoomType.MEETING
    )


@pytest.fixture
def item(space):
    return Item.objects.create(space=space, name="공구세트", stock=2, deposit=10_000)


def _check(page: Page, where: str) -> None:
    assert_accessible(page, where)
    assert not has_horizontal_scroll(page), f"{where} scrolls sideways at 360 px"


def test_a_resident_books_by_keyboard_and_the_level_caps_it(
    page: Page, new_context, live_server, room, resident, district_staff, geumcheon
):
    level = CapacityPolicy.objects.create(
        district=geumcheon, name="사회적 거리두기 2단계", percent=30
    )
    force_login(page.context, resident, live_server.url)
    page.goto(f"{live_server.url}/spaces/")
    _check(page, "space list")
    page.goto(f"{live_server.url}/spaces/rooms/{room.pk}/")
    _check(page, "room calendar")

    # Keyboard only: Tab to tomorrow's first free time (09:00, so that the default hour fits
    # before closing whenever the test runs), Enter; then the form's fields and its button.
    tomorrow = page.locator("section.calendar-day").nth(1)
    tab_to(page, tomorrow.locator("ul.slots a").first, limit=120)
    page.keyboard.press("Enter")
    expect(page.locator("#id_headcount")).to_be_visible()
    _check(page, "booking form")
    tab_to(page, page.locator("#id_headcount"))
    page.keyboard.type("6")
    page.keyboard.press("Tab")
    expect(page.locator("#id_purpose")).to_be_focused()
    page.keyboard.type("마을 모임 회의")
    tab_to(page, page.locator("main form button[type=submit]"))
    page.keyboard.press("Enter")
    expect(page.locator(".message-success").first).to_contain_text("입실 코드")
    _check(page, "my bookings")
    booking = Booking.objects.get()
    assert (booking.status, booking.headcount) == (BookingStatus.CONFIRMED, 6)

    staff_context, _watch = new_context()
    force_login(staff_context, district_staff, live_server.url)
    desk = staff_context.new_page()
    desk.goto(f"{live_server.url}/staff/spaces/policy/{geumcheon.pk}/")
    _check(desk, "capacity policy")
    desk.get_by_label(f"{level.name} · 30 %").check()
    desk.locator("main form button[type=submit]").click()
    expect(desk.locator(".message-success").first).to_contain_text("1건")

    page.goto(f"{live_server.url}/spaces/mine/")
    expect(page.locator("#notices-heading")).to_be_visible()
    expect(page.locator("main")).to_contain_text("최대 3명")
    _check(page, "my bookings with a notice")
    booking.refresh_from_db()
    assert booking.headcount == 3


def test_an_item_is_lent_and_returned_and_staff_read_the_statistics(
    page: Page, new_context, live_server, space, item, resident, dong_staff
):
    force_login(page.context, resident, live_server.url)
    page.goto(f"{live_server.url}/spaces/{space.pk}/")
    _check(page, "space detail")
    page.get_by_role("button", name="공구세트 대여 신청").click()
    expect(page.locator(".message-success").first).to_be_visible()

    staff_context, _watch = new_context()
    force_login(staff_context, dong_staff, live_server.url)
    desk = staff_context.new_page()
    desk.goto(f"{live_server.url}/staff/spaces/{space.pk}/")
    _check(desk, "space desk")
    desk.get_by_role("button", name="공구세트 내주기").click()
    expect(desk.locator(".message-success").first).to_be_visible()
    assert ItemLoan.objects.get().status == LoanStatus.OUT
    desk.get_by_label("반납 상태").select_option("good")
    desk.get_by_role("button", name="공구세트 반납 받기").click()
    expect(desk.locator(".message-success").first).to_be_visible()
    assert ItemLoan.objects.get().status == LoanStatus.RETURNED

    desk.goto(f"{live_server.url}/staff/spaces/statistics/")
    _check(desk, "statistics")
    row = desk.get_by_role("row", name="독산1동 마을활력소")
    expect(row).to_contain_text("1")
    expect(desk.get_by_role("link", name="XLSX로 내려받기")).to_be_visible()


def test_an_allocation_round_and_the_photo_pages_pass_axe(
    page: Page, live_server, room, resident, neighbour, dong_staff, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    now = timezone.now()
    first = local_date(now) + timedelta(days=30)
    season = rounds.open_round(
        room=room,
        name="2027년 상반기",
        starts_on=first,
        ends_on=first + timedelta(days=27),
        staff=dong_staff,
        now=now,
    )
    for user, group in ((resident, "독서회"), (neighbour, "합창단")):
        rounds.request_slot(
            round_=season,
            representative=user,
            group_name=group,
            weekday=1,
            starts=time(19),
            ends=time(21),
            headcount=6,
            now=now,
        )
    force_login(page.context, resident, live_server.url)
    page.goto(f"{live_server.url}/spaces/rounds/{season.pk}/")
    _check(page, "open allocation round")
    force_login(page.context, dong_staff, live_server.url)
    page.goto(f"{live_server.url}/staff/spaces/{room.space_id}/rounds/")
    _check(page, "staff allocation rounds")
    page.fill(f"#seed-{season.pk}", "공개추첨 7 13 21")
    page.locator("main form.inline-form button[type=submit]").click()
    expect(page.locator("code")).to_contain_text("공개추첨 7 13 21")
    _check(page, "closed allocation round with its draw")
    page.goto(f"{live_server.url}/staff/spaces/{room.space_id}/photos/")
    _check(page, "staff photos")
