"""Error answers in Korean: a page in the site's layout, or JSON with a `detail` under /api/.

Django calls these through `handler400` … `handler500` in maeul.urls, CSRF_FAILURE_VIEW and
allauth's `handler429`; `URITooLongMiddleware` answers 414 for targets gunicorn let through.
Ninja answers errors raised inside API operations itself (maeul.api.root); these cover what
happens before or around them (an unknown /api/ address, a body over the size limit, a crash).
"""

import logging
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.template import Context, loader
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import requires_csrf_token

logger = logging.getLogger(__name__)

# status → (title, what the person reads, code for API clients)
ERRORS: dict[int, tuple[Promise, Promise, str]] = {
    400: (
        _("Bad request"),
        _("We could not understand the request. Please check the address or the form."),
        "bad_request",
    ),
    403: (
        _("Not allowed"),
        _(
            "You do not have permission for this page. If you think this is a mistake, "
            "please contact your dong office."
        ),
        "forbidden",
    ),
    404: (
        _("Page not found"),
        _("The address may be wrong, or the page may have been removed."),
        "not_found",
    ),
    413: (
        _("Too much data"),
        _("What you sent is too large. Please send smaller files or less text at once."),
        "too_large",
    ),
    414: (
        _("Address too long"),
        _("The address is too long. Please go back and try a shorter search."),
        "uri_too_long",
    ),
    429: (
        _("Too many requests"),
        _("You tried too many times in a short while. Please wait a moment and try again."),
        "rate_limited",
    ),
    507: (
        _("Not enough storage"),
        _(
            "There was no room left on the server to store your file, so it was not "
            "uploaded. Please try again later or tell your dong office."
        ),
        "storage_full",
    ),
    500: (
        _("Server error"),
        _("Please try again in a moment. If it happens again, please contact your dong office."),
        "server_error",
    ),
}
HEADINGS: dict[int, Promise] = {
    403: _("You may not open this page."),
    404: _("We cannot find this page."),
    500: _("Something went wrong on our side."),
}
CSRF_MESSAGE = _("The page expired. Please reload it and try again.")

# Shown when even the plain 500 template cannot be rendered (a broken template or URLconf).
LAST_RESORT = (
    '<!DOCTYPE html><html lang="ko"><head><meta charset="utf-8">'
    "<title>서버 오류 · 마을</title></head><body><main><h1>서버에 문제가 생겼습니다.</h1>"
    '<p>잠시 뒤에 다시 시도해 주세요.</p><p><a href="/">홈으로 가기</a></p></main></body></html>'
)


def is_api(request: HttpRequest) -> bool:
    try:
        prefix = reverse("api:api-root")
    except Exception:  # a broken URLconf is what a 500 may be about
        prefix = "/api/"
    return request.path.startswith(prefix)


def api_error(status: int, detail: str | Promise | None = None) -> JsonResponse:
    _title, message, code = ERRORS[status]
    return JsonResponse(
        {"detail": str(detail or message), "code": code},
        status=status,
        json_dumps_params={"ensure_ascii": False},
    )


def error_response(
    request: HttpRequest, status: int, *, detail: str | Promise | None = None
) -> HttpResponse:
    """The Korean answer for `status`: JSON under /api/, else the error page in the layout."""
    if is_api(request):
        return api_error(status, detail)
    title, message, _code = ERRORS[status]
    context = {
        "title": title,
        "heading": HEADINGS.get(status, title),
        "message": detail or message,
    }
    return render(request, "error.html", context, status=status)


@requires_csrf_token
def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """handler400; a body over DATA_UPLOAD_MAX_MEMORY_SIZE arrives here too and gets 413."""
    if isinstance(exception, RequestDataTooBig):
        return error_response(request, 413)
    return error_response(request, 400)


@requires_csrf_token
def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """handler403: the refusal's own reason when a permission check gave one."""
    reason = str(exception) if exception is not None and str(exception) else None
    return error_response(request, 403, detail=reason)


@requires_csrf_token
def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    # The exception's text is for developers (it may name a URL pattern), never shown.
    return error_response(request, 404)


@requires_csrf_token
def too_many_requests(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """handler429: allauth's rate limits (sign-up, log-in, password reset) answer with this."""
    return error_response(request, 429)


@requires_csrf_token
def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    """CSRF_FAILURE_VIEW: an expired or missing form token, explained without jargon."""
    return error_response(request, 403, detail=CSRF_MESSAGE)


def server_error(request: HttpRequest) -> HttpResponse:
    """handler500, rendered without context processors or the database: they may be what broke."""
    if is_api(request):
        return api_error(500)
    title, message, _code = ERRORS[500]
    context = {"title": title, "heading": HEADINGS[500], "message": message, "plain": True}
    try:
        # The engine's own Template renders a plain Context: no request, no processors.
        template: Any = loader.get_template("error.html")
        html = template.template.render(Context(context))
    except Exception:  # a broken template must not hide the error page itself
        logger.exception("the 500 page could not be rendered")
        html = LAST_RESORT
    return HttpResponse(html, status=500)


class URITooLongMiddleware:
    """Answer 414 when the path and query string exceed MAEUL_MAX_URI_LENGTH characters.

    gunicorn refuses longer request lines before Django sees them (with its own English
    page); `serve` raises gunicorn's limit above ours so that ours, in Korean, comes first.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.limit: int = settings.MAEUL_MAX_URI_LENGTH

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if len(request.get_full_path()) > self.limit:
            return error_response(request, 414)
        return self.get_response(request)
