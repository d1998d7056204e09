"""Facts taken from an HTTP request for services that must not see the request."""

import ipaddress
from datetime import datetime
from typing import Any

from django.conf import settings
from django.http import HttpRequest

from maeul.accounts.models import User


def _address(raw: str) -> str | None:
    """A valid IP address in its canonical text, or None (ports and brackets dropped)."""
    text = raw.strip()
    if text.startswith("[") and "]" in text:  # [2001:db8::1]:443
        text = text[1 : text.index("]")]
    elif text.count(":") == 1:  # 203.0.113.7:443
        text = text.split(":", 1)[0]
    try:
        return str(ipaddress.ip_address(text))
    except ValueError:
        return None


def client_ip(request: HttpRequest) -> str | None:
    """The client's address, as the rate limits, the audit log and the access log record it.

    With N trusted proxies (`MAEUL_TRUSTED_PROXIES`), each appends the address it received
    the request from to X-Forwarded-For, so the client is the N-th address from the right;
    anything further left was written by the client and may be forged. With no trusted
    proxy, or a header shorter than N, the address is the connection's own (REMOTE_ADDR).
    """
    remote = _address(request.META.get("REMOTE_ADDR") or "")
    proxies: int = settings.MAEUL_TRUSTED_PROXIES
    if proxies <= 0:
        return remote
    hops = [hop for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop.strip()]
    if len(hops) < proxies:
        return remote
    return _address(hops[-proxies]) or remote


def signed_in_user(request: HttpRequest) -> User:
    """The account behind a request that `login_required` or `staff_required` let through."""
    user = request.user
    assert isinstance(user, User)  # noqa: S101 -- guaranteed by the view's decorator
    return user


def acting(request: HttpRequest, now: datetime) -> dict[str, Any]:
    """The acting staff member, the time and the address every staff service records:
    `service(..., **acting(request, now))`."""
    return {"staff": request.user, "now": now, "ip": client_ip(request)}
