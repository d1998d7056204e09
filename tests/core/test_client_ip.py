"""The client's IP address: from REMOTE_ADDR, or through a configured number of trusted proxies.

With N trusted proxies (`MAEUL_TRUSTED_PROXIES`) the client is the N-th address from the right
of X-Forwarded-For; with none, the header is ignored, so a forged one changes neither the rate
limit buckets nor the audit and access logs. allauth (log-in rate limits) reads the same.
"""

import pytest
from allauth.account.adapter import get_adapter
from django.test import RequestFactory

from maeul.core.env import ConfigError, env_count
from maeul.core.models import AuditEntry, PersonalDataAccess, RateCounter
from maeul.core.requests import client_ip

FORGED = "198.51.100.66"


def _request(remote: str = "10.0.0.5", forwarded: str | None = None):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


@pytest.fixture
def proxies(settings):
    def trust(count: int) -> None:
        settings.MAEUL_TRUSTED_PROXIES = count
        settings.ALLAUTH_TRUSTED_PROXY_COUNT = count

    return trust


# (trusted proxies, X-Forwarded-For, REMOTE_ADDR) -> client address
CASES = [
    (0, None, "10.0.0.5", "10.0.0.5"),
    (0, FORGED, "10.0.0.5", "10.0.0.5"),
    (0, f"{FORGED}, 203.0.113.7", "10.0.0.5", "10.0.0.5"),
    (1, "203.0.113.7", "10.0.0.5", "203.0.113.7"),
    (1, f"{FORGED}, 203.0.113.7", "10.0.0.5", "203.0.113.7"),
    (2, f"{FORGED}, 203.0.113.7, 10.0.0.9", "10.0.0.5", "203.0.113.7"),
    (2, "203.0.113.7, 10.0.0.9", "10.0.0.5", "203.0.113.7"),
    (1, "2001:db8::7", "10.0.0.5", "2001:db8::7"),
]


@pytest.mark.parametrize("count, forwarded, remote, expected", CASES)
def test_the_client_is_the_nth_address_from_the_right(proxies, count, forwarded, remote, expected):
    proxies(count)
    request = _request(remote, forwarded)

    assert client_ip(request) == expected


@pytest.mark.parametrize("count, forwarded, remote, expected", CASES)
def test_allauth_reads_the_same_address(proxies, count, forwarded, remote, expected):
    proxies(count)

    assert get_adapter().get_client_ip(_request(remote, forwarded)) == expected


@pytest.mark.parametrize(
    "count, forwarded",
    [(2, "203.0.113.7"), (1, ""), (1, "not-an-address"), (1, " , ")],
)
def test_a_short_or_broken_header_falls_back_to_the_connection(proxies, count, forwarded):
    proxies(count)

    assert client_ip(_request("10.0.0.5", forwarded)) == "10.0.0.5"


def test_a_port_is_dropped(proxies):
    proxies(1)

    assert client_ip(_request("10.0.0.5", "203.0.113.7:51234")) == "203.0.113.7"
    assert client_ip(_request("10.0.0.5", "[2001:db8::7]:443")) == "2001:db8::7"


def test_a_forged_header_changes_no_rate_limit_bucket(client, unverified_resident):
    client.force_login(unverified_resident)

    client.post(
        "/me/verify/",
        {"phone": "010-4821-3957", "name": "김독산", "birth_date": "1984-06-02"},
        HTTP_X_FORWARDED_FOR=FORGED,
    )

    keys = set(RateCounter.objects.values_list("key", flat=True))
    assert "phone-send:ip:127.0.0.1" in keys
    assert not any(FORGED in key for key in keys)


def test_a_forged_header_changes_no_audit_or_access_log_address(
    client, dong_staff, unverified_resident
):
    client.force_login(dong_staff)

    client.post(
        f"/staff/verify/{unverified_resident.pk}/",
        {"confirm": "1", "name": "김독산", "birth_date": "1984-06-02"},
        HTTP_X_FORWARDED_FOR=FORGED,
    )

    assert AuditEntry.objects.get().ip_address == "127.0.0.1"
    assert PersonalDataAccess.objects.get().ip_address == "127.0.0.1"


def test_behind_one_proxy_the_logs_record_the_client(proxies, client, dong_staff, resident):
    proxies(1)
    client.force_login(dong_staff)

    client.get(f"/staff/verify/{resident.pk}/", HTTP_X_FORWARDED_FOR=f"{FORGED}, 203.0.113.7")

    assert PersonalDataAccess.objects.get().ip_address == "203.0.113.7"


@pytest.mark.parametrize("raw, expected", [(None, 0), ("", 0), ("0", 0), (" 2 ", 2)])
def test_the_proxy_count_reads_whole_numbers(monkeypatch, raw, expected):
    if raw is None:
        monkeypatch.delenv("MAEUL_TRUSTED_PROXIES", raising=False)
    else:
        monkeypatch.setenv("MAEUL_TRUSTED_PROXIES", raw)

    assert env_count("MAEUL_TRUSTED_PROXIES", 0) == expected


@pytest.mark.parametrize("raw", ["-1", "one", "1.5"])
def test_a_bad_proxy_count_stops_with_a_message(monkeypatch, raw):
    monkeypatch.setenv("MAEUL_TRUSTED_PROXIES", raw)

    with pytest.raises(ConfigError, match="MAEUL_TRUSTED_PROXIES"):
        env_count("MAEUL_TRUSTED_PROXIES", 0)
