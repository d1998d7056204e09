"""Personal data (issue 10) in a real browser: consent at sign-up, 내 정보 내려받기, 회원 탈퇴.

A new resident signs up with the required consents and one optional consent, confirms
the e-mail, withdraws the optional consent, downloads their data, and closes the account;
after the erasure task has run, their name is gone from their proposal page. Every page
visited is Korean and free of serious or critical axe-core violations.
"""

import json
import re
from datetime import timedelta
from pathlib import Path

import pytest
from django.core import mail
from django.utils import timezone
from playwright.sync_api import Page, expect

from maeul.accounts.models import User
from maeul.places.models import Dong
from maeul.privacy.models import ConsentKind, ConsentRecord
from maeul.privacy.services import erase_due_accounts
from tests.browser.support import (
    ConsoleWatch,
    confirmation_path,
    fill_sign_up_consents,
    labelled,
    main_button,
)
from tests.browser.test_proposals import check_page, expect_message, menu
from tests.proposals.conftest import categories, departments, policy  # noqa: F401
from tests.proposals.factories import ProposalFactory

pytestmark = pytest.mark.browser

EMAIL = "dasom@example.kr"
PASSWORD = "doksan-maple-5150"
NAME = "다솜 이웃"


def test_resident_consents_downloads_withdraws_and_is_forgotten(
    live_server,
    page: Page,
    console: ConsoleWatch,
    categories,  # noqa: F811  (the fixture imported above)
    tmp_path: Path,
):
    # A wrong password and a missing tick answer 400 (the form again, with the message).
    console.allow(r"status of 400 .*/me/(data|withdraw)/")
    # Sign up: the consents are separate boxes; the required ones are refused when missing.
    page.goto("/")
    menu(page).get_by_role("link", name="회원가입").click()
    check_page(page, "sign-up with consents")
    labelled(page, "email").fill(EMAIL)
    labelled(page, "password1").fill(PASSWORD)
    labelled(page, "password2").fill(PASSWORD)
    labelled(page, "birth_year").fill("1990")
    labelled(page, "over_14").check()
    main_button(page, "회원가입").click()
    expect(page.get_by_text("이용약관에 동의해야 가입할 수 있습니다.")).to_be_visible()
    check_page(page, "sign-up refused without the required consents")
    assert not User.objects.filter(email=EMAIL).exists()

    labelled(page, "password1").fill(PASSWORD)
    labelled(page, "password2").fill(PASSWORD)
    fill_sign_up_consents(page)
    labelled(page, "consent_notify_email").check()
    main_button(page, "회원가입").click()
    expect(page).to_have_url(re.compile(r"/accounts/confirm-email/$"))
    page.goto(confirmation_path(mail.outbox, EMAIL))
    main_button(page, re.compile("확인")).click()
    if "/accounts/login/" in page.url:
        labelled(page, "login").fill(EMAIL)
        labelled(page, "password").fill(PASSWORD)
        main_button(page, "로그인").click()
    user = User.objects.get(email=EMAIL)
    answers = dict(ConsentRecord.objects.filter(user=user).values_list("kind", "granted"))
    assert answers == {
        ConsentKind.TERMS: True,
        ConsentKind.PRIVACY: True,
        ConsentKind.NOTIFY_EMAIL: True,
        ConsentKind.SURVEY: False,
    }

    # A display name, and a proposal that shows it.
    menu(page).get_by_role("link", name="내 정보").click()
    labelled(page, "display_name").fill(NAME)
    main_button(page, "저장").click()
    expect_message(page, "저장했습니다")
    doksan1 = Dong.objects.get(district__name="금천구", name="독산1동")
    proposal = ProposalFactory(
        district=doksan1.district,
        dong=doksan1,
        category=categories["교통"],
        title="학교 앞 신호등을 길게 해 주세요",
        author=user,
    )
    page.goto(proposal.get_absolute_url())
    expect(page.get_by_role("main")).to_contain_text(NAME)

    # My consents: withdraw the optional e-mail consent.
    menu(page).get_by_role("link", name="내 정보").click()
    page.get_by_role("main").get_by_role("link", name="동의 관리").click()
    check_page(page, "my consents")
    main_button(page, re.compile("동의 철회: 알림 수신")).click()
    expect_message(page, "동의를 철회했습니다.")
    check_page(page, "my consents after a withdrawal")
    latest = ConsentRecord.objects.latest_by_kind(user.pk)
    assert latest[ConsentKind.NOTIFY_EMAIL].granted is False

    # 내 정보 내려받기: the password again, then a JSON file of my data.
    menu(page).get_by_role("link", name="내 정보").click()
    page.get_by_role("main").get_by_role("link", name="내 정보 내려받기").click()
    check_page(page, "download my data")
    labelled(page, "password").fill("not-my-password")
    main_button(page, "내려받기").click()
    expect(page.get_by_text("비밀번호가 맞지 않습니다.")).to_be_visible()
    check_page(page, "download refused with a wrong password")
    labelled(page, "password").fill(PASSWORD)
    with page.expect_download() as download_info:
        main_button(page, "내려받기").click()
    download = download_info.value
    assert download.suggested_filename.startswith("maeul-my-data-")
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    data = json.loads(saved.read_text(encoding="utf-8"))
    assert data["계정"]["이메일"] == EMAIL
    assert data["계정"]["표시 이름"] == NAME
    assert [p["제목"] for p in data["제안"]] == ["학교 앞 신호등을 길게 해 주세요"]
    assert len(data["동의 기록"]) == 5

    # 회원 탈퇴: explained, the password and a tick, then logged out at once.
    menu(page).get_by_role("link", name="내 정보").click()
    page.get_by_role("main").get_by_role("link", name="회원 탈퇴").click()
    expect(page).to_have_url(re.compile(r"/me/withdraw/$"))
    check_page(page, "close my account")
    labelled(page, "password").fill(PASSWORD)
    main_button(page, "회원 탈퇴").click()
    expect(page.get_by_text("확인란에 표시해 주세요.")).to_be_visible()
    check_page(page, "close my account without the tick")
    labelled(page, "password").fill(PASSWORD)
    labelled(page, "confirm").check()
    main_button(page, "회원 탈퇴").click()
    expect(page).to_have_url(re.compile(r"/$"))
    expect_message(page, "회원 탈퇴가 처리되었습니다.")
    expect(menu(page).get_by_role("link", name="로그인")).to_be_visible()
    check_page(page, "home after closing the account")
    page.goto("/me/")
    expect(page).to_have_url(re.compile(r"/accounts/login/"))

    # The erasure task runs (within five days); the proposal stays, the name goes.
    assert erase_due_accounts(now=timezone.now() + timedelta(days=5)) == 1
    page.goto(proposal.get_absolute_url())
    main = page.get_by_role("main")
    expect(main).to_contain_text("학교 앞 신호등을 길게 해 주세요")
    expect(main).to_contain_text("탈퇴한 회원")
    expect(main).not_to_contain_text(NAME)
    check_page(page, "proposal of a former member")
    assert not User.objects.filter(email=EMAIL).exists()
