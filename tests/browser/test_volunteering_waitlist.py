"""The waiting list of a full shift in a real browser at 360 px: a resident joins it and sees
their number on the activity page and on "my volunteering"; staff see it on the shift desk;
the volunteer signed up cancels and the resident moves up. axe-core finds no violation on
any page, and no page scrolls sideways.

Buttons are found by their form's address, not their words: the new words are Korean once
the lead compiles the catalogue."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from maeul.volunteering.models import Shift, SignUp, SignUpStatus
from tests.browser.support import assert_accessible, force_login, has_horizontal_scroll
from tests.volunteering.conftest import make_activity, make_camp

pytestmark = pytest.mark.browser


def _check(page: Page, where: str) -> None:
    assert_accessible(page, where)
    assert not has_horizontal_scroll(page), f"{where} scrolls sideways at 360 px"


@pytest.fixture
def full_shift(doksan1, neighbour):
    activity = make_activity(make_camp(doksan1), description="홀로 사는 어르신께 반찬을 전합니다.")
    starts = timezone.now() + timedelta(days=2)
    shift = Shift.objects.create(
        activity=activity,
        starts_at=starts,
        ends_at=starts + timedelta(hours=2),
        place="독산1동 주민센터",
        places=1,
        minutes=120,
    )
    SignUp.objects.create(shift=shift, user=neighbour, signed_up_at=timezone.now())
    return shift


def test_join_the_waiting_list_and_move_up(
    page: Page, new_context, live_server, full_shift, resident, neighbour, dong_staff
):
    activity_url = f"{live_server.url}/volunteering/activities/{full_shift.activity_id}/"
    force_login(page.context, resident, live_server.url)
    page.goto(activity_url)
    _check(page, "activity page, shift full")
    page.locator(f"form[action='/volunteering/shifts/{full_shift.pk}/wait/'] button").click()
    expect(page.locator(".message-success").first).to_be_visible()
    waiting = SignUp.objects.get(user=resident)
    assert waiting.status == SignUpStatus.WAITING
    leave = page.locator(f"form[action='/volunteering/sign-ups/{waiting.pk}/cancel/'] button")
    expect(leave).to_be_visible()
    expect(page.locator("main .badge").filter(has_text="1")).to_have_count(1)
    _check(page, "activity page, on the waiting list")

    page.goto(f"{live_server.url}/volunteering/mine/")
    expect(page.locator("main .badge").filter(has_text="1")).to_have_count(1)
    _check(page, "my volunteering, on the waiting list")

    staff_context, _watch = new_context()
    force_login(staff_context, dong_staff, live_server.url)
    desk = staff_context.new_page()
    desk.goto(f"{live_server.url}/volunteering/shifts/{full_shift.pk}/desk/")
    expect(desk.locator("ol.card-list")).to_contain_text(resident.public_name)
    _check(desk, "shift desk with its waiting list")

    neighbour_context, _watch = new_context()
    force_login(neighbour_context, neighbour, live_server.url)
    other = neighbour_context.new_page()
    other.goto(f"{live_server.url}/volunteering/mine/")
    taken = SignUp.objects.get(user=neighbour)
    other.locator(f"form[action='/volunteering/sign-ups/{taken.pk}/cancel/'] button").click()
    expect(other.locator(".message-success").first).to_be_visible()

    waiting.refresh_from_db()
    assert waiting.status == SignUpStatus.ACTIVE
    page.goto(activity_url)
    expect(page.locator("main .badge").filter(has_text="1")).to_have_count(0)
    _check(page, "activity page, moved up")
