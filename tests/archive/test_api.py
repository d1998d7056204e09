"""The archive API: a dong's public data (council, projects with execution_rate, spaces,
facilities, groups, records), the published records with their filters, one record; no
personal data; a fixed number of queries for a dong."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from maeul.archive.services import records
from maeul.grants.models import CommunityGroup
from tests.archive.conftest import png, write
from tests.spaces.conftest import make_space
from tests.volunteering.conftest import make_camp

pytestmark = pytest.mark.django_db


def test_a_dong_has_its_council_projects_spaces_groups_and_records(
    client, geumcheon, doksan1, doksan1_council, district_staff, now, project
):
    make_space(doksan1, "독산1동 마을활력소")
    CommunityGroup.objects.create(
        name="뜨개질 동아리",
        kind="resident_circle",
        district=geumcheon,
        dong=doksan1,
        representative=district_staff,
        created_at=now,
    )
    write(doksan1, district_staff, now, title="주민총회 기록")
    make_camp(doksan1, "독산1동 자원봉사캠프")
    answer = client.get(f"/api/dongs/{doksan1.code}")
    assert answer.status_code == 200
    data = answer.json()
    assert data["council"]["name"] == "독산1동 주민자치회"
    assert data["projects"][0]["title"] == "마을 축제"
    assert data["projects"][0]["execution_rate"] == 0.0
    assert data["spaces"][0]["name"] == "독산1동 마을활력소"
    assert [group["name"] for group in data["groups"]] == ["뜨개질 동아리"]
    assert data["records"][0]["title"] == "주민총회 기록"
    assert [camp["name"] for camp in data["volunteer_camps"]] == ["독산1동 자원봉사캠프"]
    text = answer.content.decode()
    for private in ("district@example.kr", "금천구 담당", "contact", "representative", "author"):
        assert private not in text


def test_an_unknown_dong_is_404(client, places):
    assert client.get("/api/dongs/0000").status_code == 404


def test_the_dong_endpoint_reads_a_fixed_number_of_queries(
    client, doksan1, doksan1_council, district_staff, now, project
):
    write(doksan1, district_staff, now, title="하나")
    with CaptureQueriesContext(connection) as few:
        client.get(f"/api/dongs/{doksan1.code}")
    for n in range(5):
        write(
            doksan1,
            district_staff,
            now,
            title=f"기록 {n}",
            kind="photo",
            photo=png(),
            photo_alt="사진",
        )
    with CaptureQueriesContext(connection) as many:
        client.get(f"/api/dongs/{doksan1.code}")
    assert len(many) == len(few)


def test_records_are_listed_with_filters_and_read(
    client, doksan1, gasan, district_staff, recorder, now
):
    write(
        doksan1, district_staff, now, title="독산 사진", kind="photo", photo=png(), photo_alt="사진"
    )
    write(gasan, district_staff, now, title="가산 글", year=2021, tags="동네방넷")
    write(doksan1, recorder, now, title="승인 대기")
    listing = client.get("/api/records").json()
    assert listing["count"] == 2
    assert {item["title"] for item in listing["items"]} == {"독산 사진", "가산 글"}
    assert client.get(f"/api/records?dong={doksan1.code}").json()["count"] == 1
    assert client.get("/api/records?year=2021").json()["items"][0]["title"] == "가산 글"
    assert client.get("/api/records?tag=동네방넷").json()["count"] == 1
    assert client.get("/api/records?kind=photo").json()["items"][0]["photos"][0]["alt"] == "사진"
    assert client.get("/api/records?year=abc&kind=zzz&page=x").status_code == 200
    first = listing["items"][0]
    detail = client.get(f"/api/records/{first['id']}").json()
    assert detail["title"] == first["title"] and "body" in detail


def test_a_waiting_or_withdrawn_record_is_not_in_the_api(
    client, doksan1, recorder, dong_staff, now
):
    waiting = write(doksan1, recorder, now)
    assert client.get(f"/api/records/{waiting.pk}").status_code == 404
    published = write(doksan1, dong_staff, now)
    records.withdraw_record(record=published, staff=dong_staff, now=now)
    assert client.get(f"/api/records/{published.pk}").status_code == 404
