from collections.abc import Callable

from django.contrib.auth import SESSION_KEY
from django.http import HttpRequest, HttpResponse


class ActiveAccountMiddleware:
    """End the session of an account that was deactivated while it was signed in.

    Django already treats such a session as anonymous; flushing it also removes the
    stale session row, so nothing of it can be replayed after re-activation.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if SESSION_KEY in request.session and not request.user.is_authenticated:
            request.session.flush()
        return self.get_response(request)
