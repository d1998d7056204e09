"""allauth's awkward Korean is replaced by our own wording (our catalogue comes first)."""

import pytest
from django.utils import translation
from django.utils.translation import gettext

from maeul.core.allauth_wording import ALLAUTH_MSGIDS
from tests.factories import UserFactory


@pytest.mark.parametrize(
    ("msgid", "plain"),
    [
        ("Successfully signed in as %(name)s.", "%(name)s 님, 로그인했습니다."),
        ("You have signed out.", "로그아웃했습니다."),
        ("Remember Me", "로그인 상태 유지"),
    ],
)
def test_our_catalogue_wins_over_allauths(msgid, plain):
    with translation.override("ko"):
        assert gettext(msgid) == plain


def test_every_listed_allauth_string_has_our_korean():
    with translation.override("ko"):
        for msgid in ALLAUTH_MSGIDS:
            assert gettext(msgid) != msgid, msgid


def test_logging_in_and_out_reads_plainly(client, db):
    UserFactory(email="plain@example.kr", display_name="김마을", password="correct horse 42")

    response = client.post(
        "/accounts/login/",
        {"login": "plain@example.kr", "password": "correct horse 42"},
        follow=True,
    )
    page = response.content.decode()
    assert "김마을 님, 로그인했습니다." in page
    assert " 으로 로그인 되었습니다" not in page

    page = client.post("/accounts/logout/", follow=True).content.decode()
    assert "로그아웃했습니다." in page
