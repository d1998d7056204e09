"""The course pages in a real browser at 360 px: a resident registers for a course, staff
record attendance at its session, the resident rates it, and the course page's 실인원,
연인원 and 만족도 follow. axe-core finds no violation on any page, and no page scrolls
sideways."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from maeul.courses.models import Attendance, Registration, SatisfactionAnswer
from tests.browser.support import assert_accessible, force_login, has_horizontal_scroll
from tests.courses.conftest import add_sessions, make_programme, new_course

pytestmark = pytest.mark.browser


def _check(page: Page, where: str) -> None:
    assert_accessible(page, where)
    assert not has_horizontal_scroll(page), f"{where} scrolls sideways at 360 px"


@pytest.fixture
def course(geumcheon, doksan1):
    """Registration open; its one session began an hour ago (attendance and the survey)."""
    now = timezone.now()
    course = new_course(
        make_programme(geumcheon),
        doksan1,
        title="금천 마을기록가 학교",
        registration_opens_at=now - timedelta(days=1),
        registration_closes_at=now + timedelta(days=5),
    )
    add_sessions(course, 1, now - timedelta(hours=1), hours="2")
    return course


def test_register_attend_rate_and_the_figures_follow(
    page: Page, new_context, live_server, course, resident, dong_staff
):
    force_login(page.context, resident, live_server.url)
    page.goto(f"{live_server.url}/courses/")
    _check(page, "course list")
    page.get_by_role("link", name="금천 마을기록가 학교").click()
    expect(page.locator("#figure-participants")).to_contain_text("0명")
    _check(page, "course page")
    page.get_by_role("button", name="이 교육 신청하기").click()
    expect(page.locator(".message-success").first).to_contain_text("신청이 완료")
    assert Registration.objects.get().status == "registered"

    staff_context, _watch = new_context()
    force_login(staff_context, dong_staff, live_server.url)
    desk = staff_context.new_page()
    desk.goto(f"{live_server.url}/staff/courses/")
    _check(desk, "course desks")
    desk.get_by_role("link", name="금천 마을기록가 학교").click()
    _check(desk, "course desk")
    desk.get_by_label("독산 주민").check()
    desk.get_by_role("button", name="출석 기록하기").click()
    expect(desk.locator(".message-success").first).to_contain_text("1명의 출석")
    assert Attendance.objects.count() == 1
    _check(desk, "course desk after attendance")

    page.goto(f"{live_server.url}/courses/mine/")
    _check(page, "my courses")
    page.get_by_label("5", exact=True).check()
    page.get_by_role("button", name="만족도 보내기").click()
    expect(page.locator(".message-success").first).to_contain_text("감사합니다")
    assert SatisfactionAnswer.objects.get().score == 5

    page.goto(f"{live_server.url}/courses/{course.pk}/")
    expect(page.locator("#figure-participants")).to_contain_text("1명")
    expect(page.locator("#figure-attendances")).to_contain_text("1명")
    expect(page.locator("#figure-satisfaction")).to_have_text("5.0")
    _check(page, "course page with figures")
