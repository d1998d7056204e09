"""The councils API: list with filters and pages, detail, members with public fields only."""

import pytest
from django.utils import timezone

from maeul.councils.models import CouncilMember, MemberRole
from maeul.councils.services import members as member_svc
from tests.councils.conftest import *  # noqa: F403 -- the council fixtures

pytestmark = pytest.mark.django_db

MEMBER_KEYS = {"public_name", "role", "section", "term", "joined_on"}


def test_list_councils(client, doksan1_council, gasan_council, governance_council, geumcheon):
    response = client.get("/api/councils", {"district": geumcheon.code})
    assert response.status_code == 200
    data = response.json()
    assert data["count"] == 3
    assert [item["name"] for item in data["items"]] == [
        "금천구 협치회의",
        "가산동 주민자치회",
        "독산1동 주민자치회",
    ]
    first = data["items"][0]
    assert first["kind"]["code"] == "governance"
    assert first["dong"] is None
    assert first["district"] == {"code": geumcheon.code, "name": "금천구"}


def test_list_filters_by_kind_and_ignores_nonsense(client, doksan1_council, governance_council):
    data = client.get("/api/councils", {"kind": "resident"}).json()
    assert [item["id"] for item in data["items"]] == [doksan1_council.pk]
    data = client.get("/api/councils", {"kind": "other", "page": "x", "page_size": "y"}).json()
    assert data["count"] == 2
    assert data["page"] == 1


def test_list_of_another_district_is_empty(client, doksan1_council, yeongdeungpo):
    data = client.get("/api/councils", {"district": yeongdeungpo.code}).json()
    assert data == {
        "items": [],
        "count": 0,
        "page": 1,
        "pages": 1,
        "next": None,
        "previous": None,
    }


def test_list_pages(client, doksan1_council, gasan_council, governance_council):
    data = client.get("/api/councils", {"page_size": 2, "page": 2}).json()
    assert data["pages"] == 2
    assert len(data["items"]) == 1


def test_council_detail(client, doksan1_council, doksan1_term):
    data = client.get(f"/api/councils/{doksan1_council.pk}").json()
    assert data["name"] == "독산1동 주민자치회"
    assert data["dong"]["name"] == "독산1동"
    assert data["max_members"] == 50
    assert [s["name"] for s in data["sections"]] == ["자치행정분과", "마을복지분과", "문화교육분과"]
    assert data["current_term"] == {
        "number": 2,
        "starts_on": doksan1_term.starts_on.isoformat(),
        "ends_on": doksan1_term.ends_on.isoformat(),
    }
    assert data["current_phase"]["phase"]["code"]


def test_missing_council_is_404(client, db):
    assert client.get("/api/councils/999").status_code == 404
    assert client.get("/api/councils/999/members").status_code == 404


def test_members_show_public_fields_only(client, doksan1_council, council_member, council_chair):
    response = client.get(f"/api/councils/{doksan1_council.pk}/members")
    assert response.status_code == 200
    data = response.json()
    assert data["count"] == 2
    for item in data["items"]:
        assert set(item) == MEMBER_KEYS
    assert set(data) == {"items", "count", "page", "pages", "next", "previous"}
    body = response.content.decode()
    assert "resident@example.kr" not in body
    assert str(council_member.user_id) not in {str(v) for i in data["items"] for v in i.values()}
    chair, member = data["items"]
    assert chair["role"] == {"code": "chair", "label": chair["role"]["label"]}
    assert member == {
        "public_name": "김독산",
        "role": {"code": "member", "label": member["role"]["label"]},
        "section": {"id": council_member.section_id, "name": "자치행정분과"},
        "term": 2,
        "joined_on": council_member.joined_on.isoformat(),
    }


def test_members_who_left_are_not_listed(client, doksan1_council, council_member, dong_staff):
    member_svc.end_membership(
        member=council_member,
        left_on=council_member.joined_on,
        staff=dong_staff,
        now=timezone.now(),
        ip=None,
    )
    data = client.get(f"/api/councils/{doksan1_council.pk}/members").json()
    assert data["count"] == 0


def test_members_of_another_term(client, doksan1_council, council_member, next_term):
    CouncilMember.objects.create(
        term=next_term,
        public_name="다음 위원",
        role=MemberRole.MEMBER,
        joined_on=next_term.starts_on,
    )
    data = client.get(f"/api/councils/{doksan1_council.pk}/members", {"term": 3}).json()
    assert [item["public_name"] for item in data["items"]] == ["다음 위원"]
    assert data["items"][0]["term"] == 3
    data = client.get(f"/api/councils/{doksan1_council.pk}/members", {"term": 99}).json()
    assert data["count"] == 0


def test_members_of_a_council_without_a_term(client, geumcheon):
    council = member_svc.ensure_governance_council(district=geumcheon)
    data = client.get(f"/api/councils/{council.pk}/members").json()
    assert data["count"] == 0
