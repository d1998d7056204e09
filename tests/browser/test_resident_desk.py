"""Dong staff confirm a resident's dong tie and correct a birth year at the verify desk
(issue 9); every page passes axe-core."""

import pytest
from playwright.sync_api import Page, expect

from maeul.accounts.models import User
from maeul.core.models import AuditEntry
from tests.browser.support import (
    assert_accessible,
    assert_korean_page,
    force_login,
    labelled,
    main_button,
)

pytestmark = pytest.mark.browser


def test_dong_staff_confirm_a_tie_and_correct_a_birth_year(
    live_server, page: Page, console, dong_staff, resident
):
    console.allow("status of 400")  # the correction without a reason comes back as 400
    force_login(page.context, dong_staff, live_server.url)
    page.goto("/staff/verify/")
    labelled(page, "email").fill(resident.email)
    main_button(page, "찾기").click()
    card = page.get_by_role("region", name=resident.display_name)
    expect(card).to_contain_text("미확인")
    assert_accessible(page, "resident desk, tie not confirmed")

    card.get_by_role("button", name="동 관계 확인: 독산1동 (거주)").click()

    expect(page.get_by_role("status")).to_contain_text("독산1동 관계를 확인했습니다")
    card = page.get_by_role("region", name=resident.display_name)
    expect(card).to_contain_text("확인됨")
    assert resident.dong_ties.get().confirmed_by == dong_staff
    assert_accessible(page, "resident desk, tie confirmed")

    card.get_by_role("link", name="출생 연도 정정").click()
    assert_korean_page(page)
    assert_accessible(page, "birth-year correction")
    labelled(page, "birth_year").fill("1979")
    main_button(page, "정정하기").click()
    expect(page.locator("main .errorlist").first).to_be_visible()  # the reason is required
    assert_accessible(page, "birth-year correction with an error")
    labelled(page, "reason").fill("신분증 확인 결과 출생연도 오기")
    main_button(page, "정정하기").click()

    expect(page.get_by_role("status")).to_contain_text("출생 연도를 정정했습니다")
    assert User.objects.get(pk=resident.pk).birth_year == 1979
    assert AuditEntry.objects.filter(action="accounts.correct_birth_year").count() == 1


def test_resident_moves_a_tie_and_sees_the_pause(live_server, page: Page, resident):
    force_login(page.context, resident, live_server.url)
    page.goto("/me/")
    assert_accessible(page, "profile with a tie that may move")

    page.get_by_label("이사했나요? 새 동 (거주)").select_option(label="금천구 가산동")
    main_button(page, "동 옮기기").click()

    expect(page.get_by_role("status")).to_contain_text("동을 옮겼습니다")
    expect(page.locator("main")).to_contain_text("바꾼 지 30일이 지나지 않았습니다")
    assert resident.dong_ties.current().get().dong.name == "가산동"
    assert_accessible(page, "profile after a move")
