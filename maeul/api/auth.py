"""Who is calling the API: a browser session (with CSRF) or a personal API token.

A personal token is `TimestampSigner`-signed text naming the user and a digest of the
account's session hash, so it needs no table: it expires after 30 days, and changing the
password (which changes the session hash) revokes every token issued before. It travels
as `Authorization: Bearer <token>`; a browser never adds that header by itself, so a
token request needs no CSRF token, while session requests keep Django's CSRF check.
"""

from datetime import timedelta
from typing import Any

from django.contrib.auth import get_user_model
from django.core.signing import BadSignature, TimestampSigner
from django.http import HttpRequest
from django.utils.crypto import constant_time_compare, salted_hmac
from ninja.security import HttpBearer, SessionAuth

TOKEN_MAX_AGE = timedelta(days=30)
_SALT = "maeul.api.token"


def _signer() -> TimestampSigner:
    return TimestampSigner(salt=_SALT)


def _account_digest(user: Any) -> str:
    return salted_hmac(_SALT, user.get_session_auth_hash()).hexdigest()[:20]


def issue_api_token(user: Any) -> str:
    """A personal API token for `user`, valid for 30 days or until the password changes."""
    return _signer().sign(f"{user.pk}:{_account_digest(user)}")


def user_for_token(token: str) -> Any | None:
    """The active user a token names, or None when it is forged, expired or revoked."""
    try:
        value = _signer().unsign(token, max_age=TOKEN_MAX_AGE)
    except BadSignature:
        return None
    user_id, _sep, digest = value.partition(":")
    if not user_id.isdigit():
        return None
    user = get_user_model().objects.filter(pk=int(user_id), is_active=True).first()
    if user is None or not constant_time_compare(digest, _account_digest(user)):
        return None
    return user


class ApiToken(HttpBearer):
    """`Authorization: Bearer <personal API token>`."""

    def authenticate(self, request: HttpRequest, token: str) -> Any | None:
        user = user_for_token(token.strip())
        if user is not None:
            request.user = user
        return user


class ResidentSession(SessionAuth):
    """The browser session; CSRF is checked only once we know the session is signed in,
    so an anonymous call is told 401 (log in) rather than 403."""

    def __call__(self, request: HttpRequest) -> Any | None:
        if not request.user.is_authenticated:
            return None
        return super().__call__(request)


# Token first: a request that carries a valid token is not a cookie-driven browser request.
RESIDENT_AUTH = [ApiToken(), ResidentSession()]
