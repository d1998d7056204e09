"""The JSON API at /api/ (OpenAPI at /api/openapi.json): one router per app."""

from django.http import Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from ninja import NinjaAPI
from ninja.errors import AuthenticationError, HttpError
from ninja.operation import Operation

from maeul.api import (
    agenda,
    archive,
    consultations,
    councils,
    courses,
    grant_archive,
    grants,
    index,
    places,
    projects,
    proposals,
    search,
    spaces,
    volunteering,
    voting,
)
from maeul.api.common import ErrorOut, status_of
from maeul.api.docs import OfflineSwagger
from maeul.core.error_pages import ERRORS
from maeul.core.errors import RuleViolation


class MaeulApi(NinjaAPI):
    def get_openapi_operation_id(self, operation: Operation) -> str:
        """`maeul_api_<router>_<function>`, also when a router is a package of modules, so
        that splitting a router does not rename its operations for generated clients."""
        router = ".".join(operation.view_func.__module__.split(".")[:3])
        return f"{router}_{operation.view_func.__name__}".replace(".", "_")


api = MaeulApi(
    title="Maeul API",
    version="1",
    description="마을 공개 API: 구·동, 제안, 투표, 사업의 공개 데이터 (open data of Maeul).",
    urls_namespace="api",
    docs=OfflineSwagger(),
)
api.add_router("/", index.router)
api.add_router("/", places.router)
api.add_router("/", proposals.router)
api.add_router("/", voting.router)
api.add_router("/", councils.router)
api.add_router("/", agenda.router)
api.add_router("/", projects.router)
api.add_router("/", grants.router)
api.add_router("/", grant_archive.router)
api.add_router("/", spaces.router)
api.add_router("/", consultations.router)
api.add_router("/", courses.router)
api.add_router("/", archive.router)
api.add_router("/", volunteering.router)
api.add_router("/", search.router)


@api.exception_handler(AuthenticationError)
def not_signed_in(request: HttpRequest, exc: AuthenticationError) -> HttpResponse:
    return api.create_response(
        request, {"detail": _("Please log in first."), "code": "unauthenticated"}, status=401
    )


@api.exception_handler(RuleViolation)
def refused(request: HttpRequest, exc: RuleViolation) -> HttpResponse:
    """A rule refused the request: the reason and its code, with the status of that code."""
    body = ErrorOut(detail=exc.message, code=exc.code)
    return api.create_response(request, body.dict(), status=status_of(exc.code))


@api.exception_handler(HttpError)
def http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    """django-ninja's own refusals (a failed CSRF check, a throttle) in the reader's language."""
    if exc.status_code == 403 and "CSRF" in exc.message:
        detail, code = _("The page expired. Please reload it and try again."), "csrf"
    elif exc.status_code in ERRORS:
        _title, message, code = ERRORS[exc.status_code]
        detail = str(message)
    else:
        detail, code = exc.message, "http_error"
    return api.create_response(request, {"detail": detail, "code": code}, status=exc.status_code)


@api.exception_handler(Http404)
def not_found(request: HttpRequest, exc: Http404) -> HttpResponse:
    """A missing object: the same Korean answer as an unknown address under /api/."""
    _title, message, code = ERRORS[404]
    return api.create_response(request, {"detail": str(message), "code": code}, status=404)
