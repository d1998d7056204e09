"""GET /health: 200 when the database and the cache answer, 503 naming the part that did not."""

import pytest
from django.db import connection


@pytest.mark.django_db
def test_healthy(client):
    response = client.get("/health")

    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok"}
    assert "no-cache" in response["Cache-Control"]


@pytest.mark.django_db
def test_a_database_that_does_not_answer_is_503(client, monkeypatch):
    def broken(*args, **kwargs):
        raise OSError("connection refused")

    monkeypatch.setattr(connection, "cursor", broken)
    response = client.get("/health")

    assert response.status_code == 503
    assert response.json()["database"] == "failed"


@pytest.mark.django_db
def test_a_cache_that_does_not_answer_is_503(client, monkeypatch):
    from django.core.cache import cache

    def broken(*args, **kwargs):
        raise ConnectionError("redis is down")

    monkeypatch.setattr(cache, "set", broken)
    response = client.get("/health")

    assert response.status_code == 503
    assert response.json() == {"status": "failed", "database": "ok", "cache": "failed"}


def test_only_get(client):
    assert client.post("/health").status_code == 405
