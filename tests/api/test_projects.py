"""The projects API: filters, pages, integer won and a computed execution rate; detail."""

import pytest
from django.utils import timezone

from maeul.plans.models import PlanStatus, Programme, ProgressUpdate
from tests.plans import conftest as plans
from tests.plans.conftest import make_plan, make_project

# The plans' and councils' fixtures, shared by name.
_media = plans._media
now = plans.now
today = plans.today
year = plans.year
doksan1_council = plans.doksan1_council
gasan_council = plans.gasan_council
governance_council = plans.governance_council
doksan1_plan = plans.doksan1_plan

pytestmark = pytest.mark.django_db


@pytest.fixture
def projects(doksan1_plan, gasan_council, governance_council, year):
    return {
        "festival": make_project(doksan1_plan, "마을 축제", 2_000_000, 1_234_000),
        "garden": make_project(
            doksan1_plan, "골목 화단", 1_000_000, programme=Programme.DONG_PARTICIPATORY_BUDGET
        ),
        "gasan": make_project(make_plan(gasan_council, year), "가산 벽화", 3_000_000, 3_000_000),
        "fair": make_project(
            make_plan(governance_council, year),
            "청년 일자리 박람회",
            0,
            programme=Programme.COMMUNITY_INNOVATION,
        ),
    }


def listing(client, **params):
    response = client.get("/api/projects", params)
    assert response.status_code == 200
    return response.json()


def test_items_carry_integer_won_and_the_execution_rate(client, projects, geumcheon):
    body = listing(client, district=geumcheon.code)

    assert body["count"] == 4 and body["pages"] == 1
    festival = next(item for item in body["items"] if item["title"] == "마을 축제")
    assert festival["budget"] == 2_000_000 and isinstance(festival["budget"], int)
    assert festival["spent"] == 1_234_000 and isinstance(festival["spent"], int)
    assert festival["execution_rate"] == 0.617
    assert festival["programme"] == {"code": "resident_activity", "label": "주민자치활동 지원사업"}
    assert festival["budget_source"]["code"] == "district"
    assert (
        festival["dong"]["name"] == "독산1동"
        and festival["council"]["name"] == "독산1동 주민자치회"
    )
    assert festival["url"] == f"/projects/{projects['festival'].pk}/"
    fair = next(item for item in body["items"] if item["title"] == "청년 일자리 박람회")
    assert fair["execution_rate"] is None and fair["dong"] is None


def test_filters(client, projects, doksan1, doksan1_council, year):
    def titles(**params):
        return sorted(item["title"] for item in listing(client, **params)["items"])

    assert titles(dong=doksan1.code) == ["골목 화단", "마을 축제"]
    assert titles(council=doksan1_council.pk, programme="dong_pb") == ["골목 화단"]
    assert titles(year=year - 1) == []
    assert len(titles(year=year)) == 4
    assert (
        len(titles(year="soon", programme="festival", district="x")) == 4
    )  # not understood: ignored


def test_pages(client, doksan1_plan):
    for n in range(5):
        make_project(doksan1_plan, f"사업 {n}", 1_000)

    first = listing(client, page_size=2)
    last = listing(client, page_size=2, page=3)
    beyond = listing(client, page_size=2, page=9)

    assert (first["count"], first["pages"], len(first["items"])) == (5, 3, 2)
    assert len(last["items"]) == 1 and beyond["items"] == []


def test_projects_of_draft_plans_are_not_listed(client, doksan1_council, year):
    draft = make_project(
        make_plan(doksan1_council, year + 1, status=PlanStatus.DRAFT), "작성 중", 1
    )

    assert listing(client)["count"] == 0
    assert client.get(f"/api/projects/{draft.pk}").status_code == 404


def test_the_detail_lists_payments_and_updates_but_no_receipts(client, projects):
    festival = projects["festival"]
    ProgressUpdate.objects.create(project=festival, body="준비 회의", created_at=timezone.now())

    response = client.get(f"/api/projects/{festival.pk}")

    assert response.status_code == 200
    body = response.json()
    assert (body["budget"], body["spent"], body["execution_rate"]) == (2_000_000, 1_234_000, 0.617)
    assert body["spending"] == [
        {
            "spent_on": f"{festival.year}-01-01",
            "amount": 1_234_000,
            "payee": "마을인쇄소",
            "purpose": "홍보물 인쇄",
            "kind": {"code": "payment", "label": "지출"},
            "source": {"code": "district", "label": "구비"},
        }
    ]
    assert body["updates"][0]["body"] == "준비 회의" and body["updates"][0]["photo_url"] is None
    assert "receipt" not in response.content.decode()


def test_the_openapi_description_says_how_the_rate_is_given(client):
    schema = client.get("/api/openapi.json").json()
    description = schema["paths"]["/api/projects"]["get"]["description"]
    assert "execution_rate" in description and "4 decimals" in description and "null" in description
