from collections.abc import Callable

from django.contrib.auth import SESSION_KEY
from django.http import HttpRequest, HttpResponse
from django.utils import timezone


class ActiveAccountMiddleware:
    """End the session of an account that was deactivated while it was signed in.

    Django already treats such a session as anonymous; flushing it also removes the
    stale session row, so nothing of it can be replayed after re-activation. When the
    account is indeed inactive (not merely signed out by a password change), its other
    sessions and its API tokens end too: the safety net behind `deactivate_account`.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if SESSION_KEY in request.session and not request.user.is_authenticated:
            raw = str(request.session.get(SESSION_KEY) or "")
            request.session.flush()
            if raw.isdigit():
                from maeul.accounts.deactivation import finish_deactivation

                finish_deactivation(user_id=int(raw), now=timezone.now())
        return self.get_response(request)
