"""What every router shares: one pagination with next/previous links, one refusal handler."""

import json
from urllib.parse import parse_qs, urlsplit

import pytest
from django.test import RequestFactory

from maeul.api.common import STATUS_OF_CODE, status_of
from maeul.api.root import api
from maeul.core.errors import RuleViolation
from tests.councils.conftest import *  # noqa: F403 -- the council fixtures

pytestmark = pytest.mark.django_db

LISTS = ["/api/proposals", "/api/votes", "/api/councils", "/api/agenda-items", "/api/projects"]


def _link(url: str) -> tuple[str, dict[str, list[str]]]:
    parts = urlsplit(url)
    assert not parts.scheme and not parts.netloc  # an absolute path, not a full URL
    return parts.path, parse_qs(parts.query)


@pytest.fixture
def three_councils(doksan1_council, gasan_council, governance_council, geumcheon):
    return geumcheon


def test_a_middle_page_links_both_ways_keeping_the_filters(client, three_councils):
    district = three_councils.code
    body = client.get("/api/councils", {"district": district, "page_size": 1, "page": 2}).json()

    assert (body["count"], body["page"], body["pages"]) == (3, 2, 3)
    for link, page in ((body["next"], "3"), (body["previous"], "1")):
        path, query = _link(link)
        assert path == "/api/councils"
        assert query == {"district": [district], "page_size": ["1"], "page": [page]}


def test_the_first_and_last_pages_have_no_link_beyond_them(client, three_councils):
    first = client.get("/api/councils", {"page_size": 2}).json()
    last = client.get("/api/councils", {"page_size": 2, "page": 2}).json()

    assert first["previous"] is None
    assert _link(first["next"])[1] == {"page_size": ["2"], "page": ["2"]}
    assert last["next"] is None
    assert _link(last["previous"])[1]["page"] == ["1"]


def test_a_page_past_the_end_is_empty_and_links_back_to_the_last(client, three_councils):
    body = client.get("/api/councils", {"page_size": 2, "page": 9}).json()

    assert (body["items"], body["page"], body["pages"], body["next"]) == ([], 9, 2, None)
    assert _link(body["previous"])[1]["page"] == ["2"]


def test_following_next_visits_every_item_once(client, three_councils):
    seen, url = [], "/api/councils?page_size=1"
    while url:
        body = client.get(url).json()
        seen += [item["id"] for item in body["items"]]
        url = body["next"]

    assert len(seen) == len(set(seen)) == 3


@pytest.mark.parametrize("path", LISTS)
def test_every_list_has_the_same_shape(client, path, places):
    body = client.get(path, {"page_size": 1000, "page": "nonsense"}).json()

    assert set(body) == {"items", "count", "page", "pages", "next", "previous"}
    assert (body["page"], body["previous"]) == (1, None)


@pytest.mark.parametrize(
    ("code", "status"),
    [
        ("forbidden", 403),
        ("not_eligible", 403),
        ("already_voted", 409),
        ("already_supported", 409),
        ("idempotency_conflict", 409),
        ("not_found", 404),
        ("not_counted", 404),
        ("rate_limited", 429),
        ("invalid_ballot", 400),
        ("any_other_rule", 400),
    ],
)
def test_a_refusal_is_answered_with_the_status_of_its_code(code, status):
    request = RequestFactory().get("/api/votes")

    response = api.on_exception(request, RuleViolation("거절합니다.", code=code))

    assert response.status_code == status == status_of(code)
    assert json.loads(response.content) == {"detail": "거절합니다.", "code": code}


def test_the_table_knows_only_client_errors():
    assert all(400 <= status < 500 for status in STATUS_OF_CODE.values())
