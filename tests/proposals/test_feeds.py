"""Atom feeds of new proposals and of answers: valid Atom, public entries only, no personal data."""

import xml.etree.ElementTree as ET
from datetime import timedelta
from typing import Any

import pytest

from maeul.proposals.models import Answer, AnswerLevel, Channel, Decision, Proposal, Status
from tests.proposals.factories import ProposalFactory

ATOM = "{http://www.w3.org/2005/Atom}"
BASE = "https://maeul.example.kr"


@pytest.fixture(autouse=True)
def _base_url(settings):
    settings.MAEUL_BASE_URL = BASE


def child(element: ET.Element, path: str) -> ET.Element:
    found = element.find(f"{ATOM}{path}")
    assert found is not None, f"no <{path}>"
    return found


def text(element: ET.Element, path: str) -> str:
    return child(element, path).text or ""


def entries(response) -> list[dict[str, Any]]:
    """The feed's entries as dicts; fails unless the response is an Atom feed."""
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)  # noqa: S314 -- our own response, in a test
    assert root.tag == f"{ATOM}feed"
    assert text(root, "title")
    assert root.find(f"{ATOM}updated") is not None
    return [
        {
            "title": text(entry, "title"),
            "link": child(entry, "link").get("href"),
            "author": text(entry, f"author/{ATOM}name"),
            "summary": text(entry, "summary"),
            "id": text(entry, "id"),
            "updated": text(entry, "updated"),  # required in every Atom entry
            "categories": [c.get("term") for c in entry.findall(f"{ATOM}category")],
        }
        for entry in root.findall(f"{ATOM}entry")
    ]


@pytest.fixture
def make(doksan1, categories, resident, now):
    def make_proposal(days_ago: float = 1, **fields):
        fields.setdefault("dong", doksan1)
        fields.setdefault("category", categories["교통"])
        fields.setdefault("author", resident)
        return ProposalFactory(created_at=now - timedelta(days=days_ago), **fields)

    return make_proposal


def answer(proposal: Proposal, *, days_ago: float = 0, decision=Decision.ACCEPTED) -> Answer:
    from django.utils import timezone

    when = timezone.now() - timedelta(days=days_ago)
    return Answer.objects.create(
        proposal=proposal,
        department=proposal.category.department,
        level=AnswerLevel.DEPARTMENT,
        decision=decision,
        body="설치하겠습니다.",
        body_html="<p>설치하겠습니다.</p>",
        created_at=when,
        updated_at=when,
    )


# --- New proposals ----------------------------------------------------------------------
def test_new_proposals_feed_lists_public_proposals_newest_first(client, make):
    older = make(days_ago=2, title="가로등을 밝혀 주세요")
    newer = make(days_ago=1, title="공영주차장을 늘려 주세요", body_html="<p>자리가 없습니다.</p>")

    found = entries(client.get("/proposals/feeds/new/"))

    assert [e["title"] for e in found] == ["공영주차장을 늘려 주세요", "가로등을 밝혀 주세요"]
    assert found[0]["link"] == f"{BASE}/proposals/{newer.pk}/"
    assert found[1]["link"] == f"{BASE}/proposals/{older.pk}/"
    assert found[0]["author"] == "독산 주민"
    assert found[0]["summary"] == "<p>자리가 없습니다.</p>"
    assert found[0]["categories"] == ["교통", "독산1동"]


def test_an_offline_proposal_shows_the_name_given_or_resident(client, make):
    make(channel=Channel.PHONE, author=None, author_name="김주민")

    found = entries(client.get("/proposals/feeds/new/"))

    assert found[0]["author"] == "김주민"


@pytest.mark.parametrize("status", [Status.DRAFT, Status.HIDDEN, Status.WITHDRAWN, Status.MERGED])
def test_new_proposals_feed_leaves_out_what_is_not_public(client, make, status):
    make(title="공개 제안")
    make(
        title="보이지 않는 제안", status=status, hidden_reason="광고" if status == "hidden" else ""
    )

    assert [e["title"] for e in entries(client.get("/proposals/feeds/new/"))] == ["공개 제안"]


def test_new_proposals_feed_of_one_district(client, make, dangsan1, yeongdeungpo_category):
    make(title="금천구 제안")
    make(title="영등포구 제안", dong=dangsan1, category=yeongdeungpo_category)

    everywhere = entries(client.get("/proposals/feeds/new/"))
    geumcheon = entries(client.get("/proposals/feeds/new/?district=1154500000"))

    assert {e["title"] for e in everywhere} == {"금천구 제안", "영등포구 제안"}
    assert [e["title"] for e in geumcheon] == ["금천구 제안"]


def test_feed_of_an_unknown_district_is_not_found(client, db):
    assert client.get("/proposals/feeds/new/?district=0000000000").status_code == 404
    assert client.get("/proposals/feeds/answers/?district=nonsense").status_code == 404


def test_new_proposals_feed_holds_the_latest_50(client, make):
    made = [make(days_ago=n + 1) for n in range(55)]

    found = entries(client.get("/proposals/feeds/new/"))

    assert [e["link"] for e in found] == [f"{BASE}/proposals/{p.pk}/" for p in made[:50]]


def test_a_script_in_a_title_is_escaped(client, make):
    make(title="<script>alert(1)</script> 주차장")

    response = client.get("/proposals/feeds/new/")

    assert b"<script>" not in response.content
    assert b"&lt;script&gt;" in response.content
    assert entries(response)[0]["title"] == "<script>alert(1)</script> 주차장"


def test_feeds_carry_no_email_or_phone(client, make, resident):
    answer(make(status=Status.ANSWERED))

    for url in ("/proposals/feeds/new/", "/proposals/feeds/answers/"):
        content = client.get(url).content.decode()
        assert "@" not in content
        assert resident.email not in content
        assert "010" not in content


def test_feed_links_ignore_a_forged_host(client, make):
    make()

    response = client.get("/proposals/feeds/new/", HTTP_HOST="localhost")

    assert all(e["link"].startswith(BASE) for e in entries(response))
    assert b"//localhost" not in response.content


# --- Answers ----------------------------------------------------------------------------
def test_answers_feed_lists_answers_latest_first(client, make, departments):
    first = make(days_ago=9, title="버스 정류장에 그늘막을", status=Status.ANSWERED)
    second = make(days_ago=8, title="공영주차장을 늘려 주세요", status=Status.ANSWERED)
    answer(first, days_ago=3)
    answer(second, days_ago=1, decision=Decision.LONG_TERM)
    make(title="아직 답변 없는 제안")

    found = entries(client.get("/proposals/feeds/answers/"))

    assert [e["title"] for e in found] == ["공영주차장을 늘려 주세요", "버스 정류장에 그늘막을"]
    assert found[0]["link"] == f"{BASE}/proposals/{second.pk}/#answer"
    assert found[0]["author"] == "교통행정과"
    assert found[0]["summary"] == "<p>설치하겠습니다.</p>"
    assert found[0]["id"] != found[1]["id"]


def test_answers_feed_leaves_out_hidden_proposals(client, make):
    answer(make(title="공개 답변", status=Status.ANSWERED))
    answer(make(title="숨긴 제안", status=Status.HIDDEN, hidden_reason="개인정보"))

    assert [e["title"] for e in entries(client.get("/proposals/feeds/answers/"))] == ["공개 답변"]


def test_answers_feed_is_valid_when_empty(client, db):
    assert entries(client.get("/proposals/feeds/answers/")) == []
