"""Error pages (404, 403, 500) render in Korean inside the site layout."""

import pytest
from django.urls import include, path

from tests.korean import assert_shows, page_text


def _broken_view(request):
    raise RuntimeError("a bug in a view")


# This module doubles as a URLconf for the 500 test: the site's URLs plus a broken view.
urlpatterns = [
    path("broken/", _broken_view),
    path("", include("maeul.urls")),
]


@pytest.fixture(autouse=True)
def _production(settings):
    settings.DEBUG = False


def _in_site_layout(response) -> None:
    page = page_text(response)
    assert 'lang="ko"' in page
    assert 'class="site-header"' in page
    assert 'id="main"' in page


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


def test_server_error_shows_korean_500(client, settings, places):
    settings.ROOT_URLCONF = __name__
    client.raise_request_exception = False

    response = client.get("/broken/")

    assert response.status_code == 500
    assert 'lang="ko"' in page_text(response)
    assert_shows(response, "Something went wrong on our side.")
    assert "a bug in a view" not in page_text(response)
    assert "Traceback" not in page_text(response)
