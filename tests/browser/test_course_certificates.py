"""The 수료증 in a real browser at 360 px: a resident who completed a course downloads the
certificate (a PDF) from "my courses" and follows its number to the public check, which
shows the name masked; a wrong number gets the check page with a 404; staff download a
participant's certificate from the course desk. axe-core finds no violation on any page,
and no page scrolls sideways."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from maeul.courses.models import Attendance, CourseCertificate, Registration
from tests.browser.support import assert_accessible, force_login, has_horizontal_scroll
from tests.courses.conftest import add_sessions, make_programme, new_course

pytestmark = pytest.mark.browser


def _check(page: Page, where: str) -> None:
    assert_accessible(page, where)
    assert not has_horizontal_scroll(page), f"{where} scrolls sideways at 360 px"


@pytest.fixture
def completed(geumcheon, doksan1, resident):
    """A course held last month (two sessions of 2 hours), `resident` attended both and
    completion is recorded."""
    now = timezone.now()
    course = new_course(
        make_programme(geumcheon),
        doksan1,
        title="금천 마을기록가 학교",
        registration_opens_at=now - timedelta(days=60),
        registration_closes_at=now - timedelta(days=40),
    )
    for session in add_sessions(course, 2, now - timedelta(days=30), hours="2"):
        Attendance.objects.create(session=session, user=resident, recorded_at=session.starts_at)
    return Registration.objects.create(
        course=course,
        user=resident,
        status="registered",
        created_at=now - timedelta(days=50),
        completed_at=now - timedelta(days=20),
    )


def test_download_the_certificate_and_check_its_number(
    page: Page, console, new_context, live_server, completed, resident, dong_staff, tmp_path
):
    force_login(page.context, resident, live_server.url)
    page.goto(f"{live_server.url}/courses/mine/")
    _check(page, "my courses with a completed course")
    download_button = page.locator(
        f"form[action='/courses/registrations/{completed.pk}/certificate/'] button"
    )
    with page.expect_download() as download_info:
        download_button.click()
    saved = tmp_path / download_info.value.suggested_filename
    download_info.value.save_as(saved)
    assert saved.read_bytes().startswith(b"%PDF")
    number = CourseCertificate.objects.get(registration=completed).number

    page.goto(f"{live_server.url}/courses/mine/")
    page.get_by_role("link", name=number).click()
    expect(page.locator("main [role=status]")).to_contain_text("독****")
    expect(page.locator("main")).not_to_contain_text("독산 주민")
    _check(page, "certificate check")

    console.allow(r"status of 404")  # the wrong number's answer
    page.goto(f"{live_server.url}/courses/certificates/CC-2026-WRONG234/")
    expect(page.locator("main [role=alert]")).to_be_visible()
    _check(page, "certificate check, wrong number")

    staff_context, _watch = new_context()
    force_login(staff_context, dong_staff, live_server.url)
    desk = staff_context.new_page()
    desk.goto(f"{live_server.url}/staff/courses/{completed.course_id}/")
    _check(desk, "course desk with a certificate to download")
    with desk.expect_download() as staff_download:
        desk.locator(
            f"form[action='/staff/courses/registrations/{completed.pk}/certificate/'] button"
        ).click()
    copy = tmp_path / ("staff-" + staff_download.value.suggested_filename)
    staff_download.value.save_as(copy)
    assert copy.read_bytes().startswith(b"%PDF")
    assert CourseCertificate.objects.count() == 1  # the same certificate, the same number
