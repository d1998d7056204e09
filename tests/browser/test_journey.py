"""A new resident's first visit, in a real browser: sign up, confirm, verify, log in and out.

Every page visited must be Korean and free of serious or critical axe-core violations
(issue 2, item 9; reliability.md tests 38 and 39).
"""

import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from playwright.sync_api import Page, expect

from maeul.accounts.models import User
from maeul.accounts.verification.sms import OutboxSMSBackend
from maeul.places.demo import load_places
from maeul.places.models import Dong
from tests.browser.support import (
    assert_accessible,
    assert_focus_visible,
    assert_korean_page,
    confirmation_path,
    fill_sign_up_consents,
    focus_state,
    labelled,
    last_sms_code,
    main_button,
    tab_to,
)

pytestmark = pytest.mark.browser

EMAIL = "saebom@example.kr"
PASSWORD = "gasan-river-2087"
PHONE = "010-2345-6789"


def check_page(page: Page, where: str) -> None:
    assert_korean_page(page)
    assert_accessible(page, where)


def nav(page: Page):
    return page.get_by_role("navigation")


def log_in(page: Page, email: str, password: str) -> None:
    nav(page).get_by_role("link", name="로그인").click()
    expect(page).to_have_url(re.compile(r"/accounts/login/"))
    check_page(page, "log-in")
    labelled(page, "login").fill(email)
    labelled(page, "password").fill(password)
    main_button(page, "로그인").click()


def log_out(page: Page) -> None:
    nav(page).get_by_role("button", name="로그아웃").click()
    expect(nav(page).get_by_role("link", name="로그인")).to_be_visible()
    check_page(page, "after log-out")


def test_new_resident_signs_up_verifies_and_logs_in_and_out(live_server, page: Page):
    load_places()
    geumcheon_dongs = list(
        Dong.objects.filter(district__name="금천구").values_list("name", flat=True)
    )
    assert len(geumcheon_dongs) == 10

    # Home: Korean; the directory lists 금천구's dongs.
    page.goto("/")
    check_page(page, "home")
    page.goto("/districts/")
    check_page(page, "directory")
    geumcheon = page.get_by_role("region", name=re.compile("금천구"))
    for name in geumcheon_dongs:
        expect(geumcheon.get_by_role("heading", name=name, exact=True)).to_be_visible()

    # Sign up by e-mail and password.
    nav(page).get_by_role("link", name="회원가입").click()
    expect(page).to_have_url(re.compile(r"/accounts/signup/"))
    check_page(page, "sign-up")
    labelled(page, "email").fill(EMAIL)
    labelled(page, "password1").fill(PASSWORD)
    labelled(page, "password2").fill(PASSWORD)
    fill_sign_up_consents(page)
    main_button(page, "회원가입").click()
    expect(page).to_have_url(re.compile(r"/accounts/confirm-email/$"))
    check_page(page, "confirmation e-mail sent")
    assert not EmailAddress.objects.get(email=EMAIL).verified

    # Open the link from the e-mail and confirm.
    page.goto(confirmation_path(mail.outbox, EMAIL))
    check_page(page, "confirm e-mail")
    main_button(page, re.compile("확인")).click()
    if "/accounts/login/" in page.url:  # allauth logs in on confirmation in the same session
        labelled(page, "login").fill(EMAIL)
        labelled(page, "password").fill(PASSWORD)
        main_button(page, "로그인").click()
    assert EmailAddress.objects.get(email=EMAIL).verified

    # Profile: add a dong tie (독산1동, lives).
    nav(page).get_by_role("link", name="내 정보").click()
    expect(page).to_have_url(re.compile(r"/me/$"))
    check_page(page, "profile")
    labelled(page, "dong").select_option(label="금천구 독산1동")
    labelled(page, "kind").select_option(value="lives")
    main_button(page, "동 추가").click()
    expect(page.get_by_role("status")).to_be_visible()
    expect(
        page.get_by_role("main").get_by_role("listitem").filter(has_text="독산1동")
    ).to_have_count(1)
    check_page(page, "profile with a dong tie")

    # Verify by phone: number, then the code from the text message.
    page.get_by_role("main").get_by_role("link", name=re.compile("휴대전화")).click()
    expect(page).to_have_url(re.compile(r"/me/verify/$"))
    check_page(page, "verify by phone")
    labelled(page, "name").fill("정새봄")
    labelled(page, "birth_date").fill("1991-04-09")
    labelled(page, "phone").fill(PHONE)
    main_button(page, "인증번호 받기").click()
    expect(page).to_have_url(re.compile(r"/me/verify/code/$"))
    check_page(page, "enter the code")
    labelled(page, "code").fill(last_sms_code(OutboxSMSBackend.outbox, PHONE))
    main_button(page, "인증하기").click()
    expect(page).to_have_url(re.compile(r"/me/$"))
    verification = page.get_by_role("region", name="본인인증")
    expect(verification.get_by_text("인증됨", exact=True)).to_be_visible()
    check_page(page, "profile, verified")
    assert User.objects.get(email=EMAIL).is_verified

    # Log out, log in again, log out.
    log_out(page)
    log_in(page, EMAIL, PASSWORD)
    expect(page).to_have_url(re.compile(r"/me/$"))
    expect(page.get_by_role("region", name="본인인증").get_by_text("인증됨")).to_be_visible()
    check_page(page, "profile after log-in")
    log_out(page)


def test_keyboard_only_sign_up_confirm_and_verify(live_server, page: Page):
    """Tab, Shift+Tab, Enter and Space alone: skip link, sign-up, confirmation, dong, phone."""
    load_places()
    page.goto("/")

    # The skip link is the first stop and moves focus to <main>.
    page.keyboard.press("Tab")
    first = assert_focus_visible(page)
    assert first["tag"] == "a" and first["href"] == "#main", f"first stop: {first}"
    page.keyboard.press("Enter")
    assert (focus_state(page) or {}).get("id") == "main"

    # From <main>, Shift+Tab reaches the menu's "sign up" link.
    tab_to(page, nav(page).get_by_role("link", name="회원가입"), backwards=True)
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/accounts/signup/"))
    tab_to(page, labelled(page, "email"))
    page.keyboard.type(EMAIL)
    tab_to(page, labelled(page, "password1"))
    page.keyboard.type(PASSWORD)
    tab_to(page, labelled(page, "password2"))
    page.keyboard.type(PASSWORD)
    tab_to(page, labelled(page, "birth_year"))
    page.keyboard.type("1990")
    for name in ["over_14", "agree_terms", "agree_privacy"]:
        tab_to(page, labelled(page, name))
        page.keyboard.press("Space")
        expect(labelled(page, name)).to_be_checked()
    tab_to(page, main_button(page, "회원가입"))
    page.keyboard.press("Space")
    expect(page).to_have_url(re.compile(r"/accounts/confirm-email/$"))

    page.goto(confirmation_path(mail.outbox, EMAIL))  # the link in the e-mail
    tab_to(page, main_button(page, re.compile("확인")))
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/me/$"))

    # Add a dong tie: arrow keys in the select, then Enter on the button.
    dong_select = labelled(page, "dong")
    tab_to(page, dong_select)
    steps = dong_select.locator("option").all_text_contents().index("금천구 독산1동")
    for _ in range(steps):
        page.keyboard.press("ArrowDown")
    expect(labelled(page, "dong")).to_have_value(
        str(Dong.objects.get(district__name="금천구", name="독산1동").pk)
    )
    tab_to(page, main_button(page, "동 추가"))
    page.keyboard.press("Enter")
    expect(
        page.get_by_role("main").get_by_role("listitem").filter(has_text="독산1동")
    ).to_have_count(1)

    # Phone verification.
    tab_to(page, page.get_by_role("main").get_by_role("link", name=re.compile("휴대전화")))
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/me/verify/$"))
    tab_to(page, labelled(page, "name"))
    page.keyboard.type("정새봄")
    tab_to(page, labelled(page, "birth_date"))
    page.keyboard.type("19910409")
    tab_to(page, labelled(page, "phone"))
    page.keyboard.type(PHONE)
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/me/verify/code/$"))
    tab_to(page, labelled(page, "code"))
    page.keyboard.type(last_sms_code(OutboxSMSBackend.outbox, PHONE))
    tab_to(page, main_button(page, "인증하기"))
    page.keyboard.press("Space")
    expect(
        page.get_by_role("region", name="본인인증").get_by_text("인증됨", exact=True)
    ).to_be_visible()

    # Log out from the menu by keyboard.
    page.keyboard.press("Tab")  # first stop again: the skip link
    tab_to(page, nav(page).get_by_role("button", name="로그아웃"))
    page.keyboard.press("Enter")
    expect(nav(page).get_by_role("link", name="로그인")).to_be_visible()
