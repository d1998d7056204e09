"""GET /api/search: hits with kind, title, snippet, url, dong, year and score; bad input."""

import pytest

from tests.korean import korean

pytestmark = pytest.mark.django_db


def test_hits_carry_what_a_client_needs(client, parking, project, doksan1):
    body = client.get("/api/search", {"q": "주차장을"}).json()
    assert body["count"] == 2 and body["page"] == 1 and body["next"] is None
    first = body["items"][0]
    assert set(first) == {"kind", "kind_label", "title", "snippet", "url", "dong", "year", "score"}
    assert {item["kind"] for item in body["items"]} == {"proposal", "project"}
    proposal = next(i for i in body["items"] if i["kind"] == "proposal")
    assert proposal["url"] == parking.get_absolute_url()
    assert proposal["dong"] == {"code": doksan1.code, "name": "독산1동"}
    assert proposal["year"] == 2026 and proposal["score"] > 0
    assert {c["kind"]: c["count"] for c in body["counts"]}["proposal"] == 1


def test_filters_and_pages(client, doksan1, parking, project):
    from tests.search.conftest import make_proposal

    for n in range(3):
        make_proposal(doksan1, f"주차장 제안 {n}")
    body = client.get("/api/search", {"q": "주차장", "kind": "proposal", "page_size": 2}).json()
    assert body["count"] == 4 and body["pages"] == 2 and len(body["items"]) == 2
    assert body["next"].startswith("/api/search?") and "page=2" in body["next"]
    assert client.get("/api/search", {"q": "주차장", "year": "2025"}).json()["count"] == 0


@pytest.mark.parametrize(
    ("params", "code"),
    [
        ({"q": ""}, "empty_query"),
        ({"q": "\x00\x01"}, "empty_query"),
        ({"q": "a" * 2000}, "query_too_long"),
        ({"q": "주차장", "kind": "recipes"}, "unknown_kind"),
        ({"q": "주차장", "dong": "0000000000"}, "unknown_dong"),
        ({"q": "주차장", "year": "year"}, "unknown_year"),
    ],
)
def test_bad_input_is_a_400_with_a_korean_reason(client, parking, params, code):
    response = client.get("/api/search", params)
    assert response.status_code == 400
    assert response.json()["code"] == code
    assert any("\uac00" <= ch <= "\ud7a3" for ch in response.json()["detail"])


def test_symbols_only_is_an_empty_result_with_a_notice(client, parking):
    body = client.get("/api/search", {"q": "!@#$%^&*()"}).json()
    assert body["count"] == 0 and body["items"] == []
    assert body["notice"] == korean(
        "There is no letter or number to search for. Please type a word."
    )


def test_a_hidden_row_is_not_in_the_api(client, hidden_proposal):
    assert client.get("/api/search", {"q": "주차장"}).json()["count"] == 0


def test_the_operation_is_in_the_openapi_schema(client, places):
    schema = client.get("/api/openapi.json").json()
    assert "/api/search" in schema["paths"]
