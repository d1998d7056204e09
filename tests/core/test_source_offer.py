"""The AGPL-3.0 source offer: MAEUL_SOURCE_URL is linked from every page's footer, a deploy
check warns while it is unset, and nothing but a web address is accepted."""

import pytest

from maeul.core.checks import check_source_offer
from maeul.core.env import ConfigError
from maeul.core.legal import source_url_from_env

pytestmark = pytest.mark.django_db

REPOSITORY = "https://code.example.go.kr/maeul"


@pytest.mark.parametrize("path", ["/", "/privacy/", "/proposals/", "/no-such-page/"])
def test_every_page_links_the_source_code_when_it_is_set(client, places, settings, path):
    settings.MAEUL_SOURCE_URL = REPOSITORY
    page = client.get(path).content.decode()
    assert f'<a href="{REPOSITORY}">소스 코드</a>' in page


def test_no_link_to_nowhere_when_it_is_unset(client, places, settings):
    settings.MAEUL_SOURCE_URL = ""
    assert "소스 코드" not in client.get("/").content.decode()


def test_a_production_site_without_it_is_warned(settings):
    settings.DEBUG, settings.MAEUL_SOURCE_URL = False, ""
    assert [message.id for message in check_source_offer()] == ["maeul.W003"]
    settings.MAEUL_SOURCE_URL = REPOSITORY
    assert check_source_offer() == []


def test_a_development_machine_is_not_warned(settings):
    settings.DEBUG, settings.MAEUL_SOURCE_URL = True, ""
    assert check_source_offer() == []


def test_the_address_is_read_from_the_environment(monkeypatch):
    monkeypatch.setenv("MAEUL_SOURCE_URL", f"  {REPOSITORY}  ")
    assert source_url_from_env() == REPOSITORY
    monkeypatch.delenv("MAEUL_SOURCE_URL")
    assert source_url_from_env() == ""


@pytest.mark.parametrize(
    "value",
    ["javascript:alert(1)", "code.example.go.kr/maeul", 'https://x.kr/"><script>', "ftp://x.kr/m"],
)
def test_anything_but_a_web_address_stops_start_up(monkeypatch, value):
    monkeypatch.setenv("MAEUL_SOURCE_URL", value)
    with pytest.raises(ConfigError, match="MAEUL_SOURCE_URL"):
        source_url_from_env()
