"""Who is calling the API: a browser session (with CSRF) or a personal API token.

A personal token is `TimestampSigner`-signed text naming the user and a digest of the
account's session hash (and the account's token generation), so it needs no table of its
own: it expires after 30 days, changing the password (which changes the session hash)
revokes every token issued before, and so does deactivating the account, for good: the
generation (`TokenRevocation`) moves on, so reactivation revives no old token. It travels
as `Authorization: Bearer <token>`; a browser never adds that header by itself, so a
token request needs no CSRF token, while session requests keep Django's CSRF check.
"""

from datetime import datetime, timedelta
from typing import Any

from django.contrib.auth import get_user_model
from django.core.signing import BadSignature, TimestampSigner
from django.db.models import F, OuterRef, Subquery
from django.http import HttpRequest
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac
from ninja.security import HttpBearer, SessionAuth

TOKEN_MAX_AGE = timedelta(days=30)
_SALT = "maeul.api.token"
_NOT_READ = object()


def _signer() -> TimestampSigner:
    return TimestampSigner(salt=_SALT)


def _generations() -> Any:
    """The account's token generation as a subquery, read with the account itself."""
    from maeul.core.models import TokenRevocation

    return Subquery(
        TokenRevocation.objects.filter(user_id=OuterRef("pk"))
        .order_by("id")
        .values("generation")[:1]
    )


def _generation(user: Any) -> int:
    annotated: object = getattr(user, "token_generation", _NOT_READ)
    if annotated is not _NOT_READ:
        return annotated if isinstance(annotated, int) else 0
    from maeul.core.models import TokenRevocation

    found = TokenRevocation.objects.filter(user_id=user.pk).values_list("generation", flat=True)
    return found.first() or 0


def _account_digest(user: Any) -> str:
    generation = _generation(user)
    # Generation 0 keeps the digest tokens had before revocations existed.
    base = user.get_session_auth_hash() + (f":{generation}" if generation else "")
    return salted_hmac(_SALT, base).hexdigest()[:20]


def issue_api_token(user: Any) -> str:
    """A personal API token for `user`, valid for 30 days, until the password changes or
    the account is deactivated."""
    return _signer().sign(f"{user.pk}:{_account_digest(user)}")


def revoke_api_tokens(*, user: Any, now: datetime) -> None:
    """Make every token issued to `user` so far invalid for good."""
    from maeul.core.models import TokenRevocation

    row, created = TokenRevocation.objects.get_or_create(
        user_id=user.pk, defaults={"generation": 1, "revoked_at": now}
    )
    if not created:
        TokenRevocation.objects.filter(pk=row.pk).update(
            generation=F("generation") + 1, revoked_at=now
        )


def user_for_token(token: str) -> Any | None:
    """The active user a token names, or None when it is forged, expired or revoked.

    A valid token of a deactivated account revokes that account's tokens on the spot: a
    safety net for a deactivation that did not go through `deactivate_account`.
    """
    try:
        value = _signer().unsign(token, max_age=TOKEN_MAX_AGE)
    except BadSignature:
        return None
    user_id, _sep, digest = value.partition(":")
    if not user_id.isdigit():
        return None
    user = (
        get_user_model()
        .objects.filter(pk=int(user_id))
        .annotate(token_generation=_generations())
        .first()
    )
    if user is None or not constant_time_compare(digest, _account_digest(user)):
        return None
    if not user.is_active:
        revoke_api_tokens(user=user, now=timezone.now())
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
