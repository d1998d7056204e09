"""Volunteering in a real browser at 360 px: a resident signs up for a shift; on the day the
camp leader confirms the hours on the shift desk; the volunteer downloads a certificate (a
PDF); staff export the hours for the 1365 portal (an XLSX). axe-core finds no violation on
any page, and no page scrolls sideways."""

import io
import zipfile
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from maeul.volunteering.models import HoursRecord, Shift, SignUp
from tests.browser.support import assert_accessible, force_login, has_horizontal_scroll
from tests.volunteering.conftest import make_activity, make_camp

pytestmark = pytest.mark.browser


def _check(page: Page, where: str) -> None:
    assert_accessible(page, where)
    assert not has_horizontal_scroll(page), f"{where} scrolls sideways at 360 px"


@pytest.fixture
def shift(doksan1):
    activity = make_activity(make_camp(doksan1), description="홀로 사는 어르신께 반찬을 전합니다.")
    starts = timezone.now() + timedelta(days=2)
    return Shift.objects.create(
        activity=activity,
        starts_at=starts,
        ends_at=starts + timedelta(hours=2),
        place="독산1동 주민센터",
        places=5,
        minutes=120,
    )


@pytest.fixture
def camp_leader(shift):
    from maeul.volunteering.models import MemberRole, Membership
    from tests.conftest import _verified
    from tests.factories import UserFactory

    user = _verified(UserFactory(email="leader@example.kr", display_name="캠프장"))
    Membership.objects.create(
        user=user, camp=shift.activity.camp, role=MemberRole.LEADER, joined_at=timezone.now()
    )
    return user


def test_sign_up_confirm_certificate_and_1365_export(
    page: Page,
    new_context,
    live_server,
    shift,
    resident,
    camp_leader,
    dong_staff,
    doksan1,
    tmp_path,
):
    force_login(page.context, resident, live_server.url)
    page.goto(f"{live_server.url}/volunteering/")
    _check(page, "activity list")
    page.get_by_role("link", name="어르신 반찬나눔").click()
    _check(page, "activity page")
    page.get_by_role("button", name="이 회차 신청하기").click()
    expect(page.locator(".message-success").first).to_contain_text("신청했습니다")
    _check(page, "activity page, signed up")
    assert SignUp.objects.filter(shift=shift, user=resident).exists()

    # The day comes: the shift has started.
    Shift.objects.filter(pk=shift.pk).update(
        starts_at=timezone.now() - timedelta(hours=2), ends_at=timezone.now()
    )

    leader_context, _watch = new_context()
    force_login(leader_context, camp_leader, live_server.url)
    desk = leader_context.new_page()
    desk.goto(f"{live_server.url}/volunteering/shifts/{shift.pk}/desk/")
    _check(desk, "shift desk")
    desk.get_by_role("button", name="출석·봉사시간 확인").click()
    expect(desk.locator(".message-success").first).to_contain_text("확인했습니다")
    _check(desk, "shift desk, confirmed")
    assert HoursRecord.objects.get().minutes == 120

    page.goto(f"{live_server.url}/volunteering/mine/")
    expect(page.locator("main")).to_contain_text("확인된 봉사시간: 2시간")
    _check(page, "my volunteering")
    with page.expect_download() as download_info:
        page.get_by_role("button", name="「어르신 반찬나눔」 확인서").click()
    saved = tmp_path / download_info.value.suggested_filename
    download_info.value.save_as(saved)
    assert saved.read_bytes().startswith(b"%PDF")

    staff_context, _watch = new_context()
    force_login(staff_context, dong_staff, live_server.url)
    staff = staff_context.new_page()
    staff.goto(f"{live_server.url}/staff/volunteering/")
    _check(staff, "volunteering desk")
    staff.get_by_label("구 또는 동").select_option(label="독산1동")
    today = timezone.localdate()
    staff.get_by_label("시작일").fill((today - timedelta(days=7)).isoformat())
    staff.get_by_label("종료일").fill(today.isoformat())
    staff.get_by_label("내려받는 사유").fill("1365 실적 일괄등록")
    with staff.expect_download() as export_info:
        staff.get_by_role("button", name="XLSX 내려받기").click()
    exported = tmp_path / export_info.value.suggested_filename
    export_info.value.save_as(exported)
    assert exported.name.endswith(".xlsx")
    assert zipfile.is_zipfile(io.BytesIO(exported.read_bytes()))
