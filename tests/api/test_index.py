"""/api/ answers with an index, /api/docs works offline, API errors are Korean JSON."""

import re
from datetime import datetime
from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.utils import timezone

from maeul.api.docs import SWAGGER_UI_VERSION
from maeul.voting.models import Ballot, Participation, Vote
from tests.api.test_voting import bearer
from tests.korean import korean
from tests.voting.conftest import PB_OPTIONS, add_options, make_vote, residents_of

pytestmark = pytest.mark.django_db


def test_api_root_is_an_index_with_name_version_and_links(client):
    response = client.get("/api/")

    assert response.status_code == 200
    index = response.json()
    assert index["name"] == "Maeul API"
    assert index["version"] == "1"
    assert index["openapi"] == "/api/openapi.json"
    assert index["docs"] == "/api/docs"
    assert index["description"] == korean(
        "Open data of Maeul: districts and dongs, proposals, votes and projects."
    )
    names = {link["name"] for link in index["endpoints"]}
    assert {"places", "proposals", "votes", "councils", "agenda", "projects"} <= names


def test_every_link_of_the_index_answers(client, places):
    index = client.get("/api/").json()

    for href in [index["openapi"], index["docs"], *(e["href"] for e in index["endpoints"])]:
        assert client.get(href).status_code == 200, href


def test_the_index_is_in_the_openapi_description(client):
    paths = client.get("/api/openapi.json").json()["paths"]

    assert "/api/" in paths


def test_docs_page_loads_only_same_origin_assets_and_no_inline_script(client):
    response = client.get("/api/docs")

    assert response.status_code == 200
    page = response.content.decode()
    sources = re.findall(r'(?:src|href)="([^"]+)"', page)
    assert sources, page
    for source in sources:
        assert source.startswith("/"), f"not same-origin: {source}"
        assert not source.startswith("//"), f"protocol-relative: {source}"
    assert "cdn" not in page.lower()
    scripts = re.findall(r"<script([^>]*)>(.*?)</script>", page, flags=re.S)
    assert scripts
    for attributes, body in scripts:
        assert "src=" in attributes and not body.strip(), "inline script"
    assert f"vendor/swagger-ui/{SWAGGER_UI_VERSION}/swagger-ui-bundle.js" in page
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]


def test_docs_assets_are_served_and_the_licence_is_vendored(client):
    page = client.get("/api/docs").content.decode()

    for source in re.findall(r'(?:src|href)="(/static/[^"]+)"', page):
        assert client.get(source).status_code == 200, source
    folder = Path(
        finders.find(f"vendor/swagger-ui/{SWAGGER_UI_VERSION}/swagger-ui-bundle.js")
    ).parent
    assert "Apache License" in (folder / "LICENSE").read_text(encoding="utf-8")
    assert SWAGGER_UI_VERSION in (folder / "README.md").read_text(encoding="utf-8")


def test_oversized_ballot_is_korean_json_413_and_stores_nothing(
    client, settings, doksan1, geumcheon
):
    now: datetime = timezone.now()
    vote: Vote = make_vote(geumcheon, now)
    add_options(vote, PB_OPTIONS)
    (voter,) = residents_of(doksan1, 1)
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    body = '{"options": [' + ",".join(["1"] * 2000) + "]}"

    response = client.post(
        f"/api/votes/{vote.pk}/ballot", body, content_type="application/json", **bearer(voter)
    )

    assert response.status_code == 413, response.content
    assert response.json()["detail"] == korean(
        "What you sent is too large. Please send smaller files or less text at once."
    )
    assert Ballot.objects.filter(vote=vote).count() == 0
    assert Participation.objects.filter(vote=vote).count() == 0
