"""The consultations API: list, one consultation, and its results (the same suppression as
the page; 404 until the results are public)."""

from datetime import timedelta

import pytest
from django.utils import timezone

from maeul.consultations.models import Consultation
from maeul.consultations.services import running
from tests.consultations.conftest import answer_as, open_consultation, respondent

pytestmark = pytest.mark.django_db


@pytest.fixture
def live(geumcheon, district_staff):
    return open_consultation(geumcheon, district_staff, results_live=True)


def test_list_is_paged_and_filtered(client, live, geumcheon, district_staff):
    open_consultation(geumcheon, district_staff, publish=False, title="초안")

    body = client.get("/api/consultations?phase=open").json()

    assert body["count"] == 1
    item = body["items"][0]
    assert (item["id"], item["phase"]["code"], item["district"]["name"]) == (
        live.pk,
        "open",
        "금천구",
    )
    assert item["results_public"] is True
    assert client.get("/api/consultations?phase=closed").json()["count"] == 0
    assert client.get("/api/consultations?page=abc").status_code == 200


def test_detail_has_questions_and_conditions(client, live):
    body = client.get(f"/api/consultations/{live.pk}").json()

    kinds = [q["kind"]["code"] for q in body["questions"]]
    assert kinds == ["single", "long_text", "scale", "multiple", "ranking", "short_text"]
    against = body["questions"][0]["options"][1]["id"]
    assert body["questions"][1]["shown_if_option"] == against
    assert body["response"] is None


def test_unknown_or_draft_consultations_are_404(client, geumcheon, district_staff):
    draft = open_consultation(geumcheon, district_staff, publish=False)

    assert client.get(f"/api/consultations/{draft.pk}").status_code == 404
    assert client.get(f"/api/consultations/{draft.pk}/results").status_code == 404
    assert client.get("/api/consultations/999999").status_code == 404


def test_results_hide_small_groups_like_the_page(client, live, doksan1, gasan):
    now = timezone.now()
    for _n in range(5):
        answer_as(live, respondent(doksan1), now=now)
    answer_as(live, respondent(gasan), now=now)

    body = client.get(f"/api/consultations/{live.pk}/results").json()

    assert body["respondents"] == 6
    assert body["by_dong"] == [
        {"group": "가산동", "count": None},
        {"group": "독산1동", "count": None},
    ]
    assert body["questions"][0]["options"][0] == {
        "label": "찬성",
        "count": 6,
        "share": 1.0,
        "mean_rank": None,
    }
    assert body["questions"][2]["scale"]["4"] == 6


def test_results_after_the_close_need_publishing(client, geumcheon, district_staff):
    consultation = open_consultation(geumcheon, district_staff)
    closed = timezone.now() - timedelta(days=1)
    Consultation.objects.filter(pk=consultation.pk).update(
        opens_at=closed - timedelta(days=9), closes_at=closed
    )

    hidden = client.get(f"/api/consultations/{consultation.pk}/results")
    running.publish_results(
        consultation=Consultation.objects.get(pk=consultation.pk),
        staff=district_staff,
        ip=None,
        now=timezone.now(),
    )
    shown = client.get(f"/api/consultations/{consultation.pk}/results")

    assert (hidden.status_code, hidden.json()["code"]) == (404, "results_not_public")
    assert shown.status_code == 200
