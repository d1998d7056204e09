"""개인정보처리방침 and 이용약관: versioned pages, the operator from settings, the footer."""

import os
import subprocess
import sys
from dataclasses import replace

import pytest
from django.conf import settings

from maeul.core.env import ConfigError
from maeul.core.legal import (
    DEMO_OPERATOR,
    PRIVACY_POLICY_VERSION,
    PRIVACY_POLICY_VERSIONS,
    TERMS_VERSION,
    TERMS_VERSIONS,
    Processor,
    operator_from_env,
)
from tests.korean import HANGUL, assert_shows, page_text

pytestmark = pytest.mark.django_db

REAL_OPERATOR = {
    "MAEUL_OPERATOR_NAME": "가나구청",
    "MAEUL_OPERATOR_ADDRESS": "서울특별시 가나구 가나로 1",
    "MAEUL_OPERATOR_PHONE": "02-123-4567",
    "MAEUL_OPERATOR_EMAIL": "help@gana.example.kr",
    "MAEUL_PRIVACY_OFFICER_NAME": "김보호",
    "MAEUL_PRIVACY_OFFICER_TITLE": "기획조정실장",
    "MAEUL_PRIVACY_OFFICER_PHONE": "02-123-4568",
    "MAEUL_PRIVACY_OFFICER_EMAIL": "privacy@gana.example.kr",
}


@pytest.fixture
def real_operator(settings):
    settings.MAEUL_OPERATOR = replace(
        DEMO_OPERATOR,
        name="가나구청",
        address="서울특별시 가나구 가나로 1",
        phone="02-123-4567",
        email="help@gana.example.kr",
        officer_name="김보호",
        officer_title="기획조정실장",
        officer_phone="02-123-4568",
        officer_email="privacy@gana.example.kr",
        processors=(Processor("(주)가나문자", "인증번호 문자 발송"),),
        is_demo=False,
    )
    return settings.MAEUL_OPERATOR


# --- Versions ---------------------------------------------------------------------------
def test_the_versions_in_force_are_the_ones_consent_records_store():
    assert PRIVACY_POLICY_VERSIONS[0].version == PRIVACY_POLICY_VERSION
    assert TERMS_VERSIONS[0].version == TERMS_VERSION
    for texts in (PRIVACY_POLICY_VERSIONS, TERMS_VERSIONS):
        dates = [text.effective for text in texts]
        assert dates == sorted(dates, reverse=True), "newest first"
        assert len({text.version for text in texts}) == len(texts)


def test_privacy_page_shows_version_effective_date_and_what_is_collected(client):
    response = client.get("/privacy/")

    assert response.status_code == 200
    page = page_text(response)
    assert "<h1" in page and page.count("<h1") == 1
    assert_shows(response, "Privacy policy")
    effective = PRIVACY_POLICY_VERSIONS[0].effective
    assert f"{effective.year}년 {effective.month}월 {effective.day}일" in page
    assert PRIVACY_POLICY_VERSION in page
    for fact in [
        "이메일 주소",
        "표시 이름",
        "출생연도",
        "휴대전화번호(암호화해 저장)",
        "키 해시",
        "이름과 생년월일",
        "동 연고",
        "참여 기록",
        "접속기록",
        "주민등록번호는 수집하지 않습니다",
        "보유 기간",
        "위탁",
        "제3자",
        "열람",
        "정정·삭제",
        "처리정지",
        "회원 탈퇴",
        "내 정보 내려받기",
        "개인정보 보호책임자",
    ]:
        assert fact in page, fact


def test_privacy_page_names_the_operator_processors_and_officer_from_settings(
    client, real_operator
):
    page = page_text(client.get("/privacy/"))

    for value in [
        "가나구청",
        "서울특별시 가나구 가나로 1",
        "김보호",
        "기획조정실장",
        "02-123-4568",
        "privacy@gana.example.kr",
        "(주)가나문자",
        "인증번호 문자 발송",
    ]:
        assert value in page, value
    assert "홍길동" not in page
    assert "시연용" not in page


def test_demo_operator_is_marked_as_fictional_on_every_page(client, places):
    for path in ["/", "/privacy/", "/terms/"]:
        response = client.get(path)
        assert_shows(
            response,
            "This site is a demonstration; the operator details are not those of a real operator.",
        )
        assert "금천구청(데모)" in page_text(response)


def test_without_processors_the_policy_says_nothing_is_entrusted(client, real_operator, settings):
    settings.MAEUL_OPERATOR = replace(real_operator, processors=())

    page = page_text(client.get("/privacy/"))

    assert "개인정보 처리 업무를 위탁하지 않습니다" in page


def test_terms_page_is_versioned_and_names_the_operator(client):
    response = client.get("/terms/")

    assert response.status_code == 200
    assert_shows(response, "Terms of use")
    page = page_text(response)
    assert "제1조(목적)" in page
    assert TERMS_VERSION in page
    assert "금천구청(데모)" in page


@pytest.mark.parametrize(
    ("current", "texts"), [("/privacy/", PRIVACY_POLICY_VERSIONS), ("/terms/", TERMS_VERSIONS)]
)
def test_earlier_versions_are_listed_and_readable(client, current, texts):
    page = page_text(client.get(current))
    earlier = texts[1]
    assert f'href="{current}{earlier.version}/"' in page

    response = client.get(f"{current}{earlier.version}/")

    assert response.status_code == 200
    assert_shows(response, "Read the version in force")
    assert f'href="{current}"' in page_text(response)


@pytest.mark.parametrize("path", ["/privacy/0.1/", "/terms/9.9/", "/privacy/..%2F/"])
def test_unknown_version_is_404(client, path):
    assert client.get(path).status_code == 404


def test_english_reader_gets_the_translation_and_korean_only_archive(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    current = page_text(client.get("/privacy/"))
    archived = page_text(client.get(f"/privacy/{PRIVACY_POLICY_VERSIONS[1].version}/"))

    assert "courtesy translation" in current
    assert "Your rights" in current
    assert "This version is available in Korean only." in archived
    assert '<div lang="ko">' in archived


# --- Footer -----------------------------------------------------------------------------
def test_footer_on_every_page_links_both_texts_privacy_in_bold_and_the_contact(
    client, places, resident, real_operator
):
    client.force_login(resident)
    for path in ["/", "/proposals/", "/me/", "/privacy/", "/no-such-page/"]:
        page = page_text(client.get(path))
        footer = page[page.index('<footer class="site-footer">') :]
        assert '<a href="/privacy/"><strong>' in footer, path
        assert 'href="/terms/"' in footer
        for value in [
            "가나구청",
            "서울특별시 가나구 가나로 1",
            "02-123-4567",
            "help@gana.example.kr",
        ]:
            assert value in footer, (path, value)


# --- Operator settings ------------------------------------------------------------------
def test_without_settings_the_operator_is_the_fictional_demo(monkeypatch):
    monkeypatch.delenv("MAEUL_OPERATOR_NAME", raising=False)

    operator = operator_from_env()

    assert operator.is_demo
    assert "데모" in operator.name
    assert "가상" in operator.address


def test_operator_from_the_environment(monkeypatch):
    for name, value in REAL_OPERATOR.items():
        monkeypatch.setenv(name, value)
    monkeypatch.setenv("MAEUL_PROCESSORS", "(주)가나문자=문자 발송; 가나클라우드 = 서버 운영 ;")

    operator = operator_from_env()

    assert not operator.is_demo
    assert operator.name == "가나구청"
    assert operator.officer_email == "privacy@gana.example.kr"
    assert operator.processors == (
        Processor("(주)가나문자", "문자 발송"),
        Processor("가나클라우드", "서버 운영"),
    )


@pytest.mark.parametrize(
    ("name", "value"),
    [
        ("MAEUL_PRIVACY_OFFICER_NAME", ""),
        ("MAEUL_OPERATOR_PHONE", "call us"),
        ("MAEUL_PRIVACY_OFFICER_EMAIL", "privacy-at-gana"),
        ("MAEUL_PROCESSORS", "업체만 적음"),
    ],
)
def test_a_bad_or_missing_operator_value_is_refused_by_name(monkeypatch, name, value):
    for variable, good in REAL_OPERATOR.items():
        monkeypatch.setenv(variable, good)
    monkeypatch.setenv(name, value)

    with pytest.raises(ConfigError) as refused:
        operator_from_env()

    assert name in str(refused.value)
    assert HANGUL.search(str(refused.value))


def test_start_up_stops_with_a_one_line_message_on_a_bad_operator_value():
    env = {**os.environ, **REAL_OPERATOR, "MAEUL_OPERATOR_EMAIL": "nope"}
    result = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )

    assert result.returncode != 0
    assert result.stderr.strip().count("\n") == 0, result.stderr
    assert "MAEUL_OPERATOR_EMAIL" in result.stderr
