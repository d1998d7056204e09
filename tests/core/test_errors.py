"""Error answers in Korean: pages in the site's layout, JSON with a Korean `detail` under /api/.

400, 403 (and a failed CSRF check), 404, 413 (a body over the limit), 414 (an address over
the limit), 429 (allauth's rate limits) and 500 (even when the database or a context
processor is what broke).
"""

import json

import pytest
from django.core.exceptions import PermissionDenied, SuspiciousOperation
from django.test import Client
from django.urls import include, path

from tests.conftest import PASSWORD
from tests.korean import assert_shows, korean, page_text


def _broken_view(request):
    raise RuntimeError("a bug in a view")


def _suspicious_view(request):
    raise SuspiciousOperation("a tampered request")


def _refusing_view(request):
    raise PermissionDenied


def _database_down_view(request):
    # What a view sees when the database is unreachable.
    from django.db.utils import OperationalError

    raise OperationalError("could not connect to server")


def _reading_view(request):
    from django.http import HttpResponse

    return HttpResponse(request.POST.get("text", ""))


def _broken_processor(request):
    raise RuntimeError("a context processor that needs the database")


# This module doubles as a URLconf for the tests below: the site's URLs plus broken views.
urlpatterns = [
    path("broken/", _broken_view),
    path("suspicious/", _suspicious_view),
    path("refusing/", _refusing_view),
    path("database-down/", _database_down_view),
    path("api/broken/", _broken_view),
    path("api/suspicious/", _suspicious_view),
    path("api/reading/", _reading_view),
    path("", include("maeul.urls")),
]
handler400 = "maeul.core.error_pages.bad_request"
handler403 = "maeul.core.error_pages.permission_denied"
handler404 = "maeul.core.error_pages.page_not_found"
handler500 = "maeul.core.error_pages.server_error"


@pytest.fixture(autouse=True)
def _production(settings):
    settings.DEBUG = False


@pytest.fixture
def broken_site(settings, client):
    settings.ROOT_URLCONF = __name__
    client.raise_request_exception = False
    return client


def _in_site_layout(response) -> None:
    page = page_text(response)
    assert 'lang="ko"' in page
    assert 'class="site-header"' in page
    assert 'id="main"' in page
    assert 'class="site-footer"' in page
    assert page.count("<h1") == 1


def _korean_json(response, status: int, msgid: str) -> None:
    assert response.status_code == status
    assert response["Content-Type"].startswith("application/json")
    assert response.json()["detail"] == korean(msgid)


# --- Pages ------------------------------------------------------------------------------
def test_unknown_page_shows_korean_404(client):
    response = client.get("/no-such-page/")

    assert response.status_code == 404
    _in_site_layout(response)
    assert_shows(response, "We cannot find this page.")
    assert_shows(response, "Go to the home page")


def test_unknown_district_shows_korean_404(client, places):
    response = client.get("/districts/0000000000/")

    assert response.status_code == 404
    assert_shows(response, "We cannot find this page.")


def test_resident_opening_staff_page_gets_korean_403(client, resident):
    client.force_login(resident)

    response = client.get("/staff/verify/")

    assert response.status_code == 403
    _in_site_layout(response)
    assert_shows(response, "You may not open this page.")
    assert_shows(response, "Only staff may do this.")


def test_403_without_a_reason_explains_in_general_terms(broken_site):
    response = broken_site.get("/refusing/")

    assert response.status_code == 403
    assert_shows(
        response,
        "You do not have permission for this page. If you think this is a mistake, please contact your dong office.",
    )


def test_expired_form_gets_korean_403_and_changes_nothing(unverified_resident):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(unverified_resident)

    response = browser.post("/me/", {"display_name": "바뀐 이름", "birth_year": "1990"})

    assert response.status_code == 403
    _in_site_layout(response)
    assert_shows(response, "The page expired. Please reload it and try again.")
    assert "CSRF" not in page_text(response)
    unverified_resident.refresh_from_db()
    assert unverified_resident.display_name == "새 주민"


def test_tampered_request_gets_korean_400(broken_site):
    response = broken_site.get("/suspicious/")

    assert response.status_code == 400
    _in_site_layout(response)
    assert_shows(
        response, "We could not understand the request. Please check the address or the form."
    )
    assert "tampered" not in page_text(response)


def test_body_over_the_limit_gets_korean_413_and_changes_nothing(
    client, settings, unverified_resident
):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    client.force_login(unverified_resident)

    response = client.post("/me/", {"display_name": "가" * 2000, "birth_year": "1990"})

    assert response.status_code == 413
    _in_site_layout(response)
    assert_shows(
        response, "What you sent is too large. Please send smaller files or less text at once."
    )
    unverified_resident.refresh_from_db()
    assert unverified_resident.display_name == "새 주민"


def test_address_over_the_limit_gets_korean_414(client, settings):
    response = client.get("/proposals/", {"q": "가" * settings.MAEUL_MAX_URI_LENGTH})

    assert response.status_code == 414
    _in_site_layout(response)
    assert_shows(response, "The address is too long. Please go back and try a shorter search.")


def test_address_within_the_limit_is_served(client, places, settings):
    response = client.get("/proposals/", {"q": "a" * (settings.MAEUL_MAX_URI_LENGTH - 100)})

    assert response.status_code == 200


def test_too_many_log_in_attempts_get_korean_429(client, settings, resident):
    settings.ACCOUNT_RATE_LIMITS = {**settings.ACCOUNT_RATE_LIMITS, "login": "2/m/ip"}
    for _attempt in range(2):
        client.post("/accounts/login/", {"login": resident.email, "password": "wrong"})

    response = client.post("/accounts/login/", {"login": resident.email, "password": PASSWORD})

    assert response.status_code == 429
    _in_site_layout(response)
    assert_shows(
        response, "You tried too many times in a short while. Please wait a moment and try again."
    )
    assert "_auth_user_id" not in client.session


def test_server_error_shows_korean_500(broken_site, places):
    response = broken_site.get("/broken/")

    assert response.status_code == 500
    page = page_text(response)
    assert 'lang="ko"' in page
    assert 'class="site-footer"' in page
    assert_shows(response, "Something went wrong on our side.")
    assert "a bug in a view" not in page
    assert "Traceback" not in page


def test_500_renders_without_context_processors(broken_site, settings, resident):
    settings.TEMPLATES = [
        {
            **settings.TEMPLATES[0],
            "OPTIONS": {
                **settings.TEMPLATES[0]["OPTIONS"],
                "context_processors": [
                    *settings.TEMPLATES[0]["OPTIONS"]["context_processors"],
                    f"{__name__}._broken_processor",
                ],
            },
        }
    ]
    broken_site.force_login(resident)

    response = broken_site.get("/broken/")

    assert response.status_code == 500
    assert_shows(response, "Something went wrong on our side.")


def test_500_renders_without_the_database(broken_site, django_assert_num_queries):
    with django_assert_num_queries(0):
        response = broken_site.get("/database-down/")

    assert response.status_code == 500
    assert_shows(response, "Something went wrong on our side.")
    assert "could not connect" not in page_text(response)


def test_500_falls_back_to_plain_korean_when_the_template_breaks(broken_site, monkeypatch):
    from django.template import loader

    def no_template(name, using=None):
        raise RuntimeError("templates are broken")

    monkeypatch.setattr(loader, "get_template", no_template)

    response = broken_site.get("/broken/")

    assert response.status_code == 500
    assert "서버에 문제가 생겼습니다" in page_text(response)


# --- The same errors as JSON under /api/ ------------------------------------------------
def test_unknown_api_address_is_korean_json_404(client):
    _korean_json(
        client.get("/api/no-such-endpoint"),
        404,
        "The address may be wrong, or the page may have been removed.",
    )


def test_missing_api_object_is_korean_json_404(client, places):
    response = client.get("/api/proposals/999999")

    _korean_json(response, 404, "The address may be wrong, or the page may have been removed.")
    assert response.json()["code"] == "not_found"


def test_api_crash_is_korean_json_500(broken_site):
    response = broken_site.get("/api/broken/")

    _korean_json(
        response,
        500,
        "Please try again in a moment. If it happens again, please contact your dong office.",
    )
    assert "a bug" not in response.content.decode()


def test_api_crash_inside_an_operation_is_korean_json_500(client, monkeypatch):
    from maeul.places.models import District

    def crash(*args, **kwargs):
        raise RuntimeError("a bug in the API")

    monkeypatch.setattr(District.objects, "select_related", crash)
    client.raise_request_exception = False

    response = client.get("/api/districts")

    _korean_json(
        response,
        500,
        "Please try again in a moment. If it happens again, please contact your dong office.",
    )


def test_api_bad_request_is_korean_json_400(broken_site):
    _korean_json(
        broken_site.get("/api/suspicious/"),
        400,
        "We could not understand the request. Please check the address or the form.",
    )


def test_api_body_over_the_limit_is_korean_json_413(broken_site, settings):
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000

    response = broken_site.post("/api/reading/", {"text": "x" * 5000})

    _korean_json(
        response,
        413,
        "What you sent is too large. Please send smaller files or less text at once.",
    )


def test_api_address_over_the_limit_is_korean_json_414(client, settings):
    response = client.get("/api/proposals", {"q": "x" * settings.MAEUL_MAX_URI_LENGTH})

    _korean_json(response, 414, "The address is too long. Please go back and try a shorter search.")


def test_api_throttle_is_korean_json_429(rf):
    from ninja.errors import Throttled

    from maeul.api.root import http_error

    response = http_error(rf.get("/api/proposals"), Throttled(wait=30))

    assert response.status_code == 429
    assert json.loads(response.content)["detail"] == korean(
        "You tried too many times in a short while. Please wait a moment and try again."
    )
