"""Dong staff confirm a resident in person ("확인함"), and user names stay text.

Covers issue 2, item 6 (staff verification) and reliability.md tests 17 and 38.
"""

import re

import pytest
from playwright.sync_api import Dialog, Page, expect

from tests.browser.support import assert_accessible, assert_korean_page, labelled, main_button
from tests.conftest import PASSWORD

pytestmark = pytest.mark.browser

# display_name holds at most 30 characters, so the two halves of the payload go to two
# residents.
SCRIPT_NAME = "<script>alert(1)</script>"
IMG_NAME = "<img src=x onerror=alert(2)>"


def log_in(page: Page, email: str) -> None:
    page.goto("/accounts/login/")
    labelled(page, "login").fill(email)
    labelled(page, "password").fill(PASSWORD)
    main_button(page, "로그인").click()
    expect(page.get_by_role("navigation").get_by_role("button", name="로그아웃")).to_be_visible()


def find_resident(page: Page, email: str) -> None:
    labelled(page, "email").fill(email)
    main_button(page, "찾기").click()
    expect(page.get_by_role("main").get_by_role("heading", level=2)).to_be_visible()


def test_dong_staff_confirm_a_resident_in_person(
    live_server, page: Page, dong_staff, unverified_resident
):
    log_in(page, dong_staff.email)
    page.goto("/staff/verify/")
    assert_korean_page(page)
    assert_accessible(page, "staff verification")

    find_resident(page, unverified_resident.email)
    card = page.get_by_role("region", name=unverified_resident.display_name)
    expect(card).to_contain_text("독산1동")
    assert_accessible(page, "staff verification, resident found")
    labelled(page, "name").fill("김독산")
    labelled(page, "birth_date").fill("1984-06-02")
    card.get_by_role("button", name="확인함", exact=True).click()

    expect(page.get_by_role("status")).to_contain_text(re.compile(r"[\uac00-\ud7a3]"))
    assert_accessible(page, "staff verification, confirmed")
    unverified_resident.refresh_from_db()
    assert unverified_resident.is_verified
    assert unverified_resident.verified_by == dong_staff


def test_user_names_render_as_text_on_the_staff_page(
    live_server, page: Page, dong_staff, unverified_resident, doksan1
):
    from tests.factories import DongTieFactory, UserFactory

    other = UserFactory(email="other@example.kr", display_name=IMG_NAME)
    DongTieFactory(user=other, dong=doksan1)
    unverified_resident.display_name = SCRIPT_NAME
    unverified_resident.save()
    dialogs: list[str] = []

    def on_dialog(dialog: Dialog) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    log_in(page, dong_staff.email)
    page.goto("/staff/verify/")
    for email, name in [(unverified_resident.email, SCRIPT_NAME), (other.email, IMG_NAME)]:
        find_resident(page, email)
        expect(page.get_by_role("main").get_by_role("heading", level=2)).to_have_text(name)
        expect(page.locator("main img")).to_have_count(0)
        expect(page.locator("main script")).to_have_count(0)
        assert_accessible(page, f"staff verification showing {name}")
    assert dialogs == []
