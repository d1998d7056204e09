"""The agenda API: list with filters and pages, detail with the origin proposal."""

from datetime import timedelta

import pytest
from django.utils import timezone

from maeul.councils.models import AgendaStatus
from maeul.councils.services.agenda import (
    change_agenda_status,
    promote_proposal,
    write_agenda_item,
)
from maeul.proposals.models import Status
from tests.councils import conftest as councils
from tests.proposals.factories import ProposalFactory

IP = "203.0.113.5"

# The council fixtures live beside the council tests; these names make pytest find them here.
now, today = councils.now, councils.today
doksan1_council, doksan1_sections = councils.doksan1_council, councils.doksan1_sections
gasan_council = councils.gasan_council


@pytest.fixture
def year(now):
    return timezone.localdate(now).year + 1


@pytest.fixture
def proposal(doksan1, resident):
    return ProposalFactory(dong=doksan1, author=resident, title="어린이공원 그늘막 설치")


@pytest.fixture
def promoted(doksan1_council, proposal, dong_staff, now, year, doksan1_sections):
    return promote_proposal(
        proposal=proposal,
        council=doksan1_council,
        year=year,
        section=doksan1_sections[1],
        staff=dong_staff,
        now=now,
        ip=IP,
    )


@pytest.fixture
def written(doksan1_council, gasan_council, dong_staff, other_dong_staff, now, year):
    return [
        write_agenda_item(
            council=doksan1_council,
            title="마을 축제 개최",
            description="여름 **축제**",
            year=year - 1,
            estimated_cost=5_000_000,
            author=dong_staff,
            now=now,
            ip=IP,
        ),
        write_agenda_item(
            council=gasan_council,
            title="가산동 의제",
            description="",
            year=year,
            author=other_dong_staff,
            now=now - timedelta(days=1),
            ip=IP,
        ),
    ]


def test_the_list_carries_the_public_fields(
    client, promoted, written, doksan1_council, proposal, year
):
    response = client.get("/api/agenda-items", {"council": doksan1_council.pk, "year": year})

    assert response.status_code == 200
    body = response.json()
    assert (body["count"], body["page"], body["pages"]) == (1, 1, 1)
    assert body["items"] == [
        {
            "id": promoted.pk,
            "title": "어린이공원 그늘막 설치",
            "council": {
                "id": doksan1_council.pk,
                "name": "독산1동 주민자치회",
                "kind": {"code": "resident", "label": body["items"][0]["council"]["kind"]["label"]},
            },
            "section": "마을복지분과",
            "year": year,
            "status": {"code": "discovered", "label": body["items"][0]["status"]["label"]},
            "estimated_cost": 0,
            "proposal_id": proposal.pk,
            "url": f"/councils/agenda/{promoted.pk}/",
        }
    ]


def test_the_list_filters_and_pages(client, promoted, written, doksan1_council):
    everything = client.get("/api/agenda-items").json()
    assert everything["count"] == 3

    paged = client.get("/api/agenda-items", {"page_size": 2, "page": 2}).json()
    assert (paged["count"], paged["pages"], len(paged["items"])) == (3, 2, 1)

    by_status = client.get("/api/agenda-items", {"status": "passed"}).json()
    assert by_status["count"] == 0

    ignored = client.get(
        "/api/agenda-items", {"council": "x", "year": "soon", "status": "?", "page": "z"}
    )
    assert ignored.status_code == 200
    assert ignored.json()["count"] == 3


def test_the_list_filters_by_status(client, written, dong_staff, now):
    change_agenda_status(
        status=AgendaStatus.DROPPED, item=written[0], staff=dong_staff, now=now, ip=IP
    )

    body = client.get("/api/agenda-items", {"status": AgendaStatus.DROPPED}).json()

    assert [item["id"] for item in body["items"]] == [written[0].pk]


def test_the_detail_names_its_origin_proposal(client, promoted, proposal):
    body = client.get(f"/api/agenda-items/{promoted.pk}").json()

    assert body["proposal"] == {
        "id": proposal.pk,
        "title": proposal.title,
        "url": proposal.get_absolute_url(),
    }
    assert body["proposal_id"] == proposal.pk
    assert body["description_html"].startswith("<p>")
    assert body["created_at"].endswith("+09:00")


def test_a_hidden_origin_is_not_pointed_at(client, promoted, proposal):
    proposal.status, proposal.hidden_reason = Status.HIDDEN, "개인정보"
    proposal.save()

    body = client.get(f"/api/agenda-items/{promoted.pk}").json()

    assert (body["proposal"], body["proposal_id"]) == (None, None)


def test_a_written_item_renders_its_description_safely(client, written):
    body = client.get(f"/api/agenda-items/{written[0].pk}").json()

    assert body["description_html"] == "<p>여름 <strong>축제</strong></p>"
    assert body["estimated_cost"] == 5_000_000
    assert body["proposal"] is None


def test_an_unknown_item_is_404(client, db):
    assert client.get("/api/agenda-items/999999").status_code == 404
