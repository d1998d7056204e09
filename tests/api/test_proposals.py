"""The proposals API: list with filters, sorts, search and pages; detail; support by session or token."""

import json
from datetime import datetime, timedelta

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.middleware.csrf import _get_new_csrf_string
from django.test import Client
from django.utils import timezone

from maeul.accounts.deactivation import deactivate_account
from maeul.api.auth import issue_api_token
from maeul.core.dates import SEOUL
from maeul.places.models import Department
from maeul.proposals.models import (
    Answer,
    AnswerLevel,
    Attachment,
    Category,
    Channel,
    Decision,
    Proposal,
    ProposalPolicy,
    Status,
    Support,
)
from maeul.proposals.services.writing import submit_proposal
from tests.factories import UserFactory
from tests.korean import korean
from tests.proposals.factories import ProposalFactory


@pytest.fixture
def traffic(geumcheon) -> Category:
    department = Department.objects.create(district=geumcheon, name="교통행정과")
    ProposalPolicy.objects.create(district=geumcheon, default_department=department)
    return Category.objects.create(district=geumcheon, name="교통", department=department)


@pytest.fixture
def environment(geumcheon, traffic) -> Category:
    return Category.objects.create(district=geumcheon, name="환경", order=1)


@pytest.fixture
def make(doksan1, traffic, resident):
    """A published 독산1동 traffic proposal by `resident`, received `days_ago` days ago."""

    def make_proposal(days_ago: float = 1, **fields):
        fields.setdefault("created_at", timezone.now() - timedelta(days=days_ago))
        fields.setdefault("dong", doksan1)
        fields.setdefault("category", traffic)
        fields.setdefault("author", resident)
        return ProposalFactory(**fields)

    return make_proposal


@pytest.fixture
def proposal(make):
    return make(title="공영주차장을 늘려 주세요")


def ids(response) -> list[int]:
    assert response.status_code == 200, response.content
    return [item["id"] for item in response.json()["items"]]


def csrf_browser(user) -> tuple[Client, str]:
    """A browser that enforces CSRF, signed in as `user`, and its CSRF token."""
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(user)
    token = _get_new_csrf_string()
    browser.cookies[settings.CSRF_COOKIE_NAME] = token
    return browser, token


# --- List -------------------------------------------------------------------------------
def test_list_shows_a_proposal_with_its_public_fields(client, proposal, doksan1):
    response = client.get("/api/proposals")

    assert response.status_code == 200
    body = response.json()
    assert (body["count"], body["page"], body["pages"]) == (1, 1, 1)
    item = body["items"][0]
    assert item["id"] == proposal.pk
    assert item["title"] == "공영주차장을 늘려 주세요"
    assert item["district"] == {"code": "1154500000", "name": "금천구"}
    assert item["dong"] == {"code": doksan1.code, "name": "독산1동"}
    assert item["category"] == {"id": proposal.category_id, "name": "교통"}
    assert item["status"] == {"code": "published", "label": korean("Received")}
    assert item["channel"] == {"code": "online", "label": korean("Online")}
    assert (item["support_count"], item["comment_count"]) == (0, 0)
    assert item["proposer"] == "독산 주민"
    assert item["url"] == f"/proposals/{proposal.pk}/"
    assert item["answered_at"] is None


def to_ms(moment: datetime) -> datetime:
    """JSON times carry milliseconds."""
    return moment.replace(microsecond=moment.microsecond // 1000 * 1000)


def test_list_gives_times_in_seoul(client, proposal):
    item = client.get("/api/proposals").json()["items"][0]

    assert item["published_at"].endswith("+09:00")
    assert datetime.fromisoformat(item["published_at"]) == to_ms(proposal.published_at)
    assert datetime.fromisoformat(item["support_until"]) == to_ms(proposal.support_until)


def test_a_district_wide_proposal_has_no_dong(client, make):
    make(dong=None, district=make().district)

    items = client.get("/api/proposals").json()["items"]

    assert [item["dong"] is None for item in items] == [True, False]


@pytest.mark.parametrize("status", [Status.DRAFT, Status.HIDDEN, Status.WITHDRAWN, Status.MERGED])
def test_list_leaves_out_proposals_that_are_not_public(client, make, status):
    shown = make()
    make(status=status, hidden_reason="광고" if status == Status.HIDDEN else "")

    assert ids(client.get("/api/proposals")) == [shown.pk]


def test_list_filters_by_district_and_dong(client, make, gasan, dangsan1):
    in_doksan = make()
    in_gasan = make(dong=gasan)
    in_dangsan = make(
        dong=dangsan1,
        category=Category.objects.create(district=dangsan1.district, name="교통"),
    )

    assert ids(client.get("/api/proposals?district=1154500000")) == [in_gasan.pk, in_doksan.pk]
    assert ids(client.get(f"/api/proposals?dong={gasan.code}")) == [in_gasan.pk]
    assert ids(client.get(f"/api/proposals?district={dangsan1.district.code}")) == [in_dangsan.pk]


def test_list_filters_by_category_status_and_channel(client, make, environment):
    traffic = make(days_ago=3)
    green = make(days_ago=2, category=environment, status=Status.REVIEWING)
    booth = make(days_ago=1, channel=Channel.STREET_BOOTH, author=None, author_name="")

    assert ids(client.get(f"/api/proposals?category={environment.pk}")) == [green.pk]
    assert ids(client.get("/api/proposals?status=reviewing")) == [green.pk]
    assert ids(client.get("/api/proposals?channel=street_booth")) == [booth.pk]
    assert ids(client.get("/api/proposals?channel=online")) == [green.pk, traffic.pk]


def test_list_filters_by_period_in_seoul_days(client, make):
    # 23:30 in Seoul on 1 March is still 1 March, although it is 14:30 UTC.
    late_on_first = make(created_at=datetime(2025, 3, 1, 23, 30, tzinfo=SEOUL))
    second = make(created_at=datetime(2025, 3, 2, 0, 10, tzinfo=SEOUL))
    make(created_at=datetime(2025, 2, 28, 23, 59, tzinfo=SEOUL))

    assert ids(client.get("/api/proposals?period_from=2025-03-01&period_to=2025-03-01")) == [
        late_on_first.pk
    ]
    assert ids(client.get("/api/proposals?period_from=2025-03-02")) == [second.pk]


def test_bad_filter_values_are_ignored(client, make):
    older, newer = make(days_ago=2), make(days_ago=1)

    response = client.get(
        "/api/proposals?district=abc&dong=1%27--&category=-3&status=hidden&channel=fax"
        "&period_from=2025-13-40&period_to=yesterday&sort=password&page=x&page_size=lots"
    )

    assert ids(response) == [newer.pk, older.pk]


def test_search_finds_a_word_inside_a_longer_one(client, resident, doksan1, traffic):
    def write(title: str, body: str) -> Proposal:
        return submit_proposal(
            author=resident,
            district=doksan1.district,
            dong=doksan1,
            category=traffic,
            title=title,
            body=body,
            now=timezone.now(),
        )

    parking = write("공영주차장을 늘려 주세요", "주말마다 자리가 없습니다.")
    write("가로등을 밝혀 주세요", "골목이 어둡습니다.")

    assert ids(client.get("/api/proposals", {"q": "주차장"})) == [parking.pk]
    assert ids(client.get("/api/proposals", {"q": "주차"})) == [parking.pk]
    assert ids(client.get("/api/proposals", {"q": "놀이터"})) == []


def test_search_with_sql_fragments_finds_nothing_and_breaks_nothing(client, proposal):
    response = client.get("/api/proposals", {"q": "' OR 1=1 --"})

    assert ids(response) == []


def test_unknown_query_parameters_change_nothing(client, make):
    older, newer = make(days_ago=2), make(days_ago=1)

    response = client.get("/api/proposals?ordering=password&author__phone__startswith=010")

    assert ids(response) == [newer.pk, older.pk]
    assert "password" not in response.content.decode()


# --- Sorts ------------------------------------------------------------------------------
def test_newest_first_by_default(client, make):
    old, new, middle = make(days_ago=5), make(days_ago=1), make(days_ago=3)

    assert ids(client.get("/api/proposals")) == [new.pk, middle.pk, old.pk]
    assert ids(client.get("/api/proposals?sort=newest")) == [new.pk, middle.pk, old.pk]


def test_most_supported_first_then_newest(client, make):
    few = make(days_ago=1, support_count=2)
    many_old = make(days_ago=5, support_count=9)
    many_new = make(days_ago=2, support_count=9)

    assert ids(client.get("/api/proposals?sort=supported")) == [many_new.pk, many_old.pk, few.pk]


def test_recently_answered_first_unanswered_last(client, make):
    now = timezone.now()
    unanswered = make(days_ago=1)
    answered_long_ago = make(
        days_ago=9, status=Status.ANSWERED, answered_at=now - timedelta(days=5)
    )
    answered_lately = make(days_ago=8, status=Status.ANSWERED, answered_at=now - timedelta(days=1))

    assert ids(client.get("/api/proposals?sort=answered")) == [
        answered_lately.pk,
        answered_long_ago.pk,
        unanswered.pk,
    ]


def test_deadline_puts_open_proposals_closing_soonest_first(client, make):
    closes_late = make(days_ago=1)  # 29 days left
    closes_soon = make(days_ago=28)  # 2 days left
    closed = make(days_ago=40)  # support ended 10 days ago
    answered = make(days_ago=2, status=Status.ANSWERED)  # no longer open for support

    assert ids(client.get("/api/proposals?sort=deadline")) == [
        closes_soon.pk,
        closes_late.pk,
        answered.pk,
        closed.pk,
    ]


# --- Pages ------------------------------------------------------------------------------
def test_pages(client, make):
    made = [make(days_ago=n + 1) for n in range(25)]

    first = client.get("/api/proposals?page_size=10").json()
    last = client.get("/api/proposals?page_size=10&page=3").json()
    beyond = client.get("/api/proposals?page_size=10&page=4").json()

    assert (first["count"], first["pages"], first["page"]) == (25, 3, 1)
    assert [item["id"] for item in first["items"]] == [p.pk for p in made[:10]]
    assert [item["id"] for item in last["items"]] == [p.pk for p in made[20:]]
    assert (beyond["items"], beyond["page"]) == ([], 4)


def test_page_size_is_at_most_100(client, proposal):
    Proposal.objects.bulk_create(
        Proposal(
            district=proposal.district,
            category=proposal.category,
            title=f"제안 {n}",
            body="본문",
            status=Status.PUBLISHED,
            created_at=proposal.created_at,
            published_at=proposal.published_at,
        )
        for n in range(100)
    )

    body = client.get("/api/proposals?page_size=1000").json()

    assert (len(body["items"]), body["count"], body["pages"]) == (100, 101, 2)


def test_list_query_count_does_not_grow_with_rows(
    client, make, traffic, environment, gasan, django_assert_max_num_queries
):
    def fill(count: int) -> None:
        for n in range(count):
            make(
                days_ago=n + 1,
                author=UserFactory(),
                category=environment if n % 2 else traffic,
                dong=gasan if n % 3 else None,
                district=gasan.district,
            )

    fill(5)
    with django_assert_max_num_queries(2):
        assert len(client.get("/api/proposals?page_size=100").json()["items"]) == 5
    fill(45)
    with django_assert_max_num_queries(2):
        assert len(client.get("/api/proposals?page_size=100").json()["items"]) == 50


# --- Detail -----------------------------------------------------------------------------
def test_detail_adds_body_place_attachments_and_answer(client, make, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    now = timezone.now()
    answered = make(
        title="버스 정류장에 그늘막을",
        body_html="<p>여름에 너무 덥습니다.</p>",
        place="독산로 123",
        status=Status.ANSWERED,
        answered_at=now,
    )
    Attachment.objects.create(
        proposal=answered,
        file=ContentFile(b"%PDF-1.4", name="plan.pdf"),
        kind=Attachment.Kind.PDF,
        original_name="계획.pdf",
        size=8,
        created_at=now,
    )
    Answer.objects.create(
        proposal=answered,
        department=answered.category.department,
        level=AnswerLevel.DEPARTMENT,
        decision=Decision.ACCEPTED,
        body="설치하겠습니다.",
        body_html="<p>설치하겠습니다.</p>",
        created_at=now,
        updated_at=now,
    )

    response = client.get(f"/api/proposals/{answered.pk}")

    assert response.status_code == 200
    body = response.json()
    assert body["title"] == "버스 정류장에 그늘막을"
    assert body["body_html"] == "<p>여름에 너무 덥습니다.</p>"
    assert body["place"] == "독산로 123"
    [attachment] = body["attachments"]
    assert attachment["name"] == "계획.pdf"
    assert attachment["kind"] == "pdf"
    assert attachment["url"].startswith(settings.MEDIA_URL)
    assert body["answer"]["decision"] == {"code": "accepted", "label": korean("Accepted")}
    assert body["answer"]["body_html"] == "<p>설치하겠습니다.</p>"
    assert body["answer"]["department"] == "교통행정과"
    assert body["answer"]["answered_at"].endswith("+09:00")
    assert body["merged_into"] is None


def test_detail_of_an_unanswered_proposal(client, proposal):
    body = client.get(f"/api/proposals/{proposal.pk}").json()

    assert (body["answer"], body["attachments"], body["merged_into"]) == (None, [], None)


@pytest.mark.parametrize("status", [Status.DRAFT, Status.HIDDEN, Status.WITHDRAWN])
def test_detail_of_a_proposal_that_is_not_public_is_not_found(client, make, status):
    gone = make(status=status, hidden_reason="광고" if status == Status.HIDDEN else "")

    assert client.get(f"/api/proposals/{gone.pk}").status_code == 404


def test_detail_of_an_unknown_proposal_is_not_found(client, db):
    assert client.get("/api/proposals/999999").status_code == 404
    assert client.get("/api/proposals/abc").status_code == 404


def test_a_merged_duplicate_points_to_the_proposal_it_went_into(client, make):
    target = make(title="공영주차장을 늘려 주세요")
    duplicate = make(title="주차장 부족", status=Status.MERGED, merged_into=target)

    body = client.get(f"/api/proposals/{duplicate.pk}").json()

    assert body["status"]["code"] == "merged"
    assert body["merged_into"] == {
        "id": target.pk,
        "title": "공영주차장을 늘려 주세요",
        "url": f"/proposals/{target.pk}/",
    }


def test_a_duplicate_merged_into_a_hidden_proposal_is_not_found(client, make):
    target = make(status=Status.HIDDEN, hidden_reason="광고")
    duplicate = make(status=Status.MERGED, merged_into=target)

    assert client.get(f"/api/proposals/{duplicate.pk}").status_code == 404


def test_no_email_or_phone_anywhere(client, make, resident):
    resident.phone_enc = "encrypted-01012345678"
    resident.save()
    listed = make()
    make(channel=Channel.PHONE, author=None, author_name="김주민")

    texts = [
        json.dumps(client.get("/api/proposals").json(), ensure_ascii=False),
        json.dumps(client.get(f"/api/proposals/{listed.pk}").json(), ensure_ascii=False),
    ]

    for text in texts:
        assert "@" not in text
        assert "example.kr" not in text
        # The number or its encrypted form, not "010" inside a timestamp's milliseconds.
        assert "01012345678" not in text and "encrypted-" not in text
        assert "phone_enc" not in text
    assert "김주민" in texts[0]


def test_openapi_lists_the_proposal_paths(client, db):
    paths = client.get("/api/openapi.json").json()["paths"]

    assert set(paths["/api/proposals"]) == {"get"}
    assert set(paths["/api/proposals/{proposal_id}"]) == {"get"}
    assert set(paths["/api/proposals/{proposal_id}/support"]) == {"post", "delete"}


# --- Support ----------------------------------------------------------------------------
def test_support_by_session_needs_the_csrf_token(neighbour, proposal):
    browser, token = csrf_browser(neighbour)

    refused = browser.post(f"/api/proposals/{proposal.pk}/support")
    accepted = browser.post(f"/api/proposals/{proposal.pk}/support", HTTP_X_CSRFTOKEN=token)

    assert refused.status_code == 403
    assert accepted.status_code == 200
    assert accepted.json() == {"supported": True, "support_count": 1}
    assert Support.objects.filter(proposal=proposal, user=neighbour).count() == 1


def test_withdrawing_by_session_needs_the_csrf_token(neighbour, proposal):
    browser, token = csrf_browser(neighbour)
    browser.post(f"/api/proposals/{proposal.pk}/support", HTTP_X_CSRFTOKEN=token)

    refused = browser.delete(f"/api/proposals/{proposal.pk}/support")
    accepted = browser.delete(f"/api/proposals/{proposal.pk}/support", HTTP_X_CSRFTOKEN=token)

    assert refused.status_code == 403
    assert accepted.status_code == 200
    assert accepted.json() == {"supported": False, "support_count": 0}
    assert not Support.objects.filter(proposal=proposal).exists()


def test_support_by_token_needs_no_csrf_token(neighbour, proposal):
    browser = Client(enforce_csrf_checks=True)
    auth = f"Bearer {issue_api_token(neighbour)}"

    supported = browser.post(f"/api/proposals/{proposal.pk}/support", HTTP_AUTHORIZATION=auth)
    withdrawn = browser.delete(f"/api/proposals/{proposal.pk}/support", HTTP_AUTHORIZATION=auth)

    assert supported.status_code == 200
    assert supported.json() == {"supported": True, "support_count": 1}
    assert withdrawn.status_code == 200
    assert withdrawn.json() == {"supported": False, "support_count": 0}


@pytest.mark.parametrize("token", ["", "nonsense", "1:abc:def"])
def test_a_forged_token_is_unauthorised(client, proposal, token):
    response = client.post(
        f"/api/proposals/{proposal.pk}/support", HTTP_AUTHORIZATION=f"Bearer {token}"
    )

    assert response.status_code == 401


def test_a_token_expires_after_30_days(client, neighbour, proposal, monkeypatch):
    token = issue_api_token(neighbour)
    later = timezone.now().timestamp() + 31 * 24 * 3600
    monkeypatch.setattr("django.core.signing.time.time", lambda: later)

    response = client.post(
        f"/api/proposals/{proposal.pk}/support", HTTP_AUTHORIZATION=f"Bearer {token}"
    )

    assert response.status_code == 401


def test_changing_the_password_revokes_tokens(client, neighbour, proposal):
    token = issue_api_token(neighbour)
    neighbour.set_password("a-new-secret-77")
    neighbour.save()

    response = client.post(
        f"/api/proposals/{proposal.pk}/support", HTTP_AUTHORIZATION=f"Bearer {token}"
    )

    assert response.status_code == 401


def test_a_deactivated_account_token_is_unauthorised(client, neighbour, proposal):
    token = issue_api_token(neighbour)
    neighbour.is_active = False
    neighbour.save()

    response = client.post(
        f"/api/proposals/{proposal.pk}/support", HTTP_AUTHORIZATION=f"Bearer {token}"
    )

    assert response.status_code == 401


def test_a_token_issued_before_deactivation_stays_dead_after_reactivation(
    client, neighbour, site_admin, proposal
):
    token = issue_api_token(neighbour)
    deactivate_account(user=neighbour, by=site_admin, now=timezone.now(), ip=None)
    neighbour.is_active = True
    neighbour.save()

    old = client.post(f"/api/proposals/{proposal.pk}/support", HTTP_AUTHORIZATION=f"Bearer {token}")
    new = client.post(
        f"/api/proposals/{proposal.pk}/support",
        HTTP_AUTHORIZATION=f"Bearer {issue_api_token(neighbour)}",
    )

    assert old.status_code == 401
    assert new.status_code == 200


def test_unverified_resident_cannot_support(client, unverified_resident, proposal):
    client.force_login(unverified_resident)

    response = client.post(f"/api/proposals/{proposal.pk}/support")

    assert response.status_code == 403
    assert response.json() == {
        "detail": korean("Only verified residents may do this. Please verify your account first."),
        "code": "forbidden",
    }
    assert proposal.supports.count() == 0


def test_resident_cannot_support_twice(client, neighbour, proposal):
    client.force_login(neighbour)
    client.post(f"/api/proposals/{proposal.pk}/support")

    response = client.post(f"/api/proposals/{proposal.pk}/support")

    assert response.status_code == 409
    assert response.json() == {
        "detail": korean("You have already supported this proposal."),
        "code": "already_supported",
    }
    proposal.refresh_from_db()
    assert proposal.support_count == 1


def test_support_after_the_period_is_refused_with_the_reason(client, neighbour, make):
    closed = make(days_ago=31)
    client.force_login(neighbour)

    response = client.post(f"/api/proposals/{closed.pk}/support")

    assert response.status_code == 403
    assert response.json()["detail"] == korean("The support period has ended.")


def test_support_of_a_hidden_proposal_is_refused_with_the_reason(client, neighbour, make):
    hidden = make(status=Status.HIDDEN, hidden_reason="광고")
    client.force_login(neighbour)

    response = client.post(f"/api/proposals/{hidden.pk}/support")

    assert response.status_code == 403
    assert response.json()["detail"] == korean("This proposal is not open for support.")


def test_support_of_a_draft_is_not_found(client, neighbour, make):
    draft = make(status=Status.DRAFT)
    client.force_login(neighbour)

    assert client.post(f"/api/proposals/{draft.pk}/support").status_code == 404


def test_withdrawing_a_support_never_given_is_refused(client, neighbour, proposal):
    client.force_login(neighbour)

    response = client.delete(f"/api/proposals/{proposal.pk}/support")

    assert response.status_code == 400
    assert response.json() == {
        "detail": korean("You have not supported this proposal."),
        "code": "not_supported",
    }


def test_anonymous_cannot_support(client, proposal):
    assert client.post(f"/api/proposals/{proposal.pk}/support").status_code == 401
    assert client.delete(f"/api/proposals/{proposal.pk}/support").status_code == 401
    assert proposal.supports.count() == 0


def test_get_on_support_is_not_allowed(client, neighbour, proposal):
    client.force_login(neighbour)

    assert client.get(f"/api/proposals/{proposal.pk}/support").status_code == 405
    assert proposal.supports.count() == 0


def test_api_refusals_are_in_korean(client, db):
    response = client.post("/api/proposals/1/support")

    assert response.status_code == 401
    assert response.json() == {"detail": "먼저 로그인하세요.", "code": "unauthenticated"}
