"""The grant calls API: published calls only, open ones first, filters, integer won, the
detail with timeline and caps, and the selected applications (amount granted); no draft,
member or contact ever appears."""

from datetime import timedelta

import pytest
from django.utils import timezone

from maeul.grants.models import ApplicationStatus, GrantCall, Programme
from tests.grants.conftest import make_call, make_group, write_draft

pytestmark = pytest.mark.django_db


@pytest.fixture
def calls(geumcheon, yeongdeungpo):
    now = timezone.now()
    open_call = make_call(
        geumcheon,
        title="열린 공모",
        opens_at=now - timedelta(days=1),
        closes_at=now + timedelta(days=1),
        announced_on=(now - timedelta(days=5)).date(),
        review_on=None,
    )
    past = make_call(geumcheon, title="지난 공모", year=2020, programme=Programme.ALLEYS)
    hidden = make_call(yeongdeungpo, title="미게시 공모", published_at=None)
    return {"open": open_call, "past": past, "hidden": hidden}


def test_list_shows_published_calls_open_first(client, calls):
    body = client.get("/api/grant-calls").json()
    assert [item["title"] for item in body["items"]] == ["열린 공모", "지난 공모"]
    first = body["items"][0]
    assert first["is_open"] is True and first["total_budget"] == 50_000_000
    assert first["programme"]["code"] == "neighbours"
    assert body["count"] == 2 and body["next"] is None


@pytest.mark.parametrize(
    ("query", "titles"),
    [
        ("programme=alleys", ["지난 공모"]),
        ("year=2020", ["지난 공모"]),
        ("open=true", ["열린 공모"]),
        ("district=1156000000", []),
        ("programme=nonsense&year=abc", ["열린 공모", "지난 공모"]),
    ],
)
def test_list_filters(client, calls, query, titles):
    body = client.get(f"/api/grant-calls?{query}").json()
    assert [item["title"] for item in body["items"]] == titles


def test_detail_has_timeline_categories_and_attachments(client, calls):
    body = client.get(f"/api/grant-calls/{calls['open'].pk}").json()
    assert [c["name"] for c in body["categories"]] == ["식비", "행사비", "재료비"]
    assert body["categories"][0]["cap_percent"] == 10
    assert body["categories"][1]["cap_won"] == 1_000_000
    assert body["required_attachments"][0]["code"] == "plan"
    assert body["timeline"][0]["on"] == calls["open"].announced_on.isoformat()


def test_an_unpublished_call_is_not_found(client, calls):
    response = client.get(f"/api/grant-calls/{calls['hidden'].pk}")
    assert response.status_code == 404
    assert client.get(f"/api/grant-calls/{calls['hidden'].pk}/selected").status_code == 404


def test_selected_lists_only_selected_public_parts(client, calls, resident, doksan1):
    call = calls["open"]
    group = make_group(resident, doksan1, "독산 텃밭모임")
    draft = write_draft(call, group, resident, title="골목 텃밭", description="비밀 초안")
    url = f"/api/grant-calls/{call.pk}/selected"
    assert client.get(url).json()["items"] == []
    draft.status = ApplicationStatus.SELECTED
    draft.granted_amount = 2_500_000
    draft.decision_reasons = "주민 참여가 활발합니다."
    draft.save()
    body = client.get(url).json()
    assert body["items"] == [
        {
            "id": draft.pk,
            "title": "골목 텃밭",
            "group": "독산 텃밭모임",
            "dong": {"code": doksan1.code, "name": "독산1동"},
            "amount": 2_500_000,
        },
    ]
    assert "비밀" not in str(body) and "010" not in str(body)


def test_the_index_names_grant_calls(client):
    names = {link["name"] for link in client.get("/api/").json()["endpoints"]}
    assert "grant-calls" in names


def test_list_runs_a_fixed_number_of_queries(
    client, calls, geumcheon, django_assert_max_num_queries
):
    for n in range(10):
        make_call(geumcheon, title=f"공모 {n}")
    with django_assert_max_num_queries(4):
        assert client.get("/api/grant-calls?page_size=50").status_code == 200
    assert GrantCall.objects.count() == 13
