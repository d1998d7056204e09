"""The votes API: list and detail, ballots by session or token with every refusal, results, files."""

import json
from datetime import datetime, timedelta
from typing import Any, cast

import pytest
from django.conf import settings
from django.middleware.csrf import _get_new_csrf_string
from django.test import Client
from django.utils import timezone

from maeul.accounts.models import TieKind, User
from maeul.api.auth import issue_api_token
from maeul.voting.counting import outcome
from maeul.voting.counting.pabulib import parse_pabulib
from maeul.voting.models import Ballot, BallotType, Participation, Vote, VoteStatus
from maeul.voting.services.counting import count_vote
from maeul.voting.services.export import import_pb
from tests.conftest import _verified
from tests.factories import DongTieFactory, UserFactory
from tests.korean import korean
from tests.voting.conftest import PB_OPTIONS, add_options, make_vote, option_ids, residents_of

pytestmark = pytest.mark.django_db

JSON = "application/json"


def csrf_browser(user) -> tuple[Client, str]:
    """A browser that enforces CSRF, signed in as `user`, and its CSRF token."""
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(user)
    token = _get_new_csrf_string()
    browser.cookies[settings.CSRF_COOKIE_NAME] = token
    return browser, token


def bearer(user) -> dict[str, str]:
    return {"HTTP_AUTHORIZATION": f"Bearer {issue_api_token(user)}"}


def post_ballot(client, vote, body, **headers):
    data = body if isinstance(body, str) else json.dumps(body)
    return client.post(f"/api/votes/{vote.pk}/ballot", data, content_type=JSON, **headers)


def choose(vote, *numbers: int) -> dict[str, list[int]]:
    return {"options": list(option_ids(vote, *numbers))}


def stored(vote) -> tuple[int, int]:
    return Ballot.objects.filter(vote=vote).count(), Participation.objects.filter(vote=vote).count()


def counted(vote, staff):
    count_vote(vote=vote, staff=staff, now=vote.closes_at + timedelta(minutes=1), ip=None)
    vote.refresh_from_db()
    return vote


def new_user(**fields: Any) -> User:
    return cast(User, UserFactory(**fields))


def ids(response) -> list[int]:
    assert response.status_code == 200, response.content
    return [item["id"] for item in response.json()["items"]]


# The votes of tests/voting/conftest.py, built with its builders (its fixtures are local to it).
@pytest.fixture
def now() -> datetime:
    return timezone.now()


@pytest.fixture
def pb_vote(geumcheon, now) -> Vote:
    """Open; approval of up to 3 of 5 options, budget 100,000,000원, greedy, every channel."""
    vote = make_vote(geumcheon, now)
    add_options(vote, PB_OPTIONS)
    return vote


@pytest.fixture
def budget_vote(geumcheon, now) -> Vote:
    vote = make_vote(geumcheon, now, ballot_type=BallotType.BUDGET, max_choices=None)
    add_options(vote, PB_OPTIONS)
    return vote


@pytest.fixture
def assembly_vote(doksan1, now) -> Vote:
    """독산1동 주민총회: yes/no on 3 items, quorum 3."""
    vote = make_vote(
        doksan1.district,
        now,
        dong=doksan1,
        ballot_type=BallotType.YES_NO,
        max_choices=None,
        budget=None,
        quorum=3,
    )
    add_options(vote, [("마을 축제 개최", 0), ("골목 방범 순찰", 0), ("주민 공유 텃밭", 0)])
    return vote


@pytest.fixture
def ranking_vote(geumcheon, now) -> Vote:
    vote = make_vote(geumcheon, now, ballot_type=BallotType.RANKING, budget=None)
    add_options(vote, PB_OPTIONS[:4])
    return vote


@pytest.fixture
def outsider(dangsan1):
    """A verified resident of 영등포구, outside every 금천구 vote."""
    user = _verified(new_user(email="outsider@example.kr"))
    DongTieFactory(user=user, dong=dangsan1, kind=TieKind.LIVES)
    return user


# --- List -------------------------------------------------------------------------------
def test_list_shows_a_vote_with_its_public_fields(client, pb_vote):
    response = client.get("/api/votes")

    body = response.json()
    assert (body["count"], body["page"], body["pages"]) == (1, 1, 1)
    item = body["items"][0]
    assert item["id"] == pb_vote.pk
    assert item["title"] == pb_vote.title
    assert item["district"] == {"code": "1154500000", "name": "금천구"}
    assert item["dong"] is None
    assert item["ballot_type"]["code"] == "approval"
    assert item["phase"]["code"] == "open"
    assert item["channels"] == ["online", "on_site", "postal"]
    assert (item["budget"], item["max_choices"]) == (100_000_000, 3)
    assert item["url"] == f"/votes/{pb_vote.pk}/"
    assert item["opens_at"].endswith("+09:00")


def test_list_leaves_out_drafts_and_simulations(client, pb_vote, geumcheon, district_staff, now):
    make_vote(geumcheon, now, title="준비 중", status=VoteStatus.DRAFT)
    pb = b"META\nkey;value\nbudget;10\nvote_type;approval\nPROJECTS\nproject_id;cost\na;5\nVOTES\nvoter_id;vote\n1;a\n"
    import_pb(data=pb, district=geumcheon, staff=district_staff, now=now)

    assert ids(client.get("/api/votes")) == [pb_vote.pk]


def test_list_filters_by_district_dong_and_phase(
    client, pb_vote, assembly_vote, yeongdeungpo, doksan1, district_staff, now
):
    elsewhere = make_vote(yeongdeungpo, now, title="영등포 투표", opens_at=now - timedelta(days=2))
    upcoming = make_vote(
        pb_vote.district, now, opens_at=now + timedelta(days=1), closes_at=now + timedelta(days=3)
    )
    closed = make_vote(
        pb_vote.district, now, opens_at=now - timedelta(days=9), closes_at=now - timedelta(days=2)
    )
    done = make_vote(
        pb_vote.district, now, opens_at=now - timedelta(days=8), closes_at=now - timedelta(days=3)
    )
    add_options(done, PB_OPTIONS[:2])
    count_vote(vote=done, staff=district_staff, now=now, ip=None)

    in_geumcheon = {pb_vote.pk, assembly_vote.pk, upcoming.pk, closed.pk, done.pk}
    assert set(ids(client.get("/api/votes", {"district": "1154500000"}))) == in_geumcheon
    assert ids(client.get("/api/votes", {"district": yeongdeungpo.code})) == [elsewhere.pk]
    assert ids(client.get("/api/votes", {"dong": doksan1.code})) == [assembly_vote.pk]
    assert set(ids(client.get("/api/votes", {"phase": "open"}))) == {
        pb_vote.pk,
        assembly_vote.pk,
        elsewhere.pk,
    }
    assert ids(client.get("/api/votes", {"phase": "upcoming"})) == [upcoming.pk]
    assert ids(client.get("/api/votes", {"phase": "closed"})) == [closed.pk]
    assert ids(client.get("/api/votes", {"phase": "counted"})) == [done.pk]
    assert len(ids(client.get("/api/votes", {"phase": "whatever"}))) == 6


def test_list_is_paged(client, geumcheon, now):
    for day in range(5):
        make_vote(geumcheon, now, opens_at=now - timedelta(days=day + 1))

    body = client.get("/api/votes", {"page_size": 2, "page": 3}).json()

    assert (body["count"], body["page"], body["pages"], len(body["items"])) == (5, 3, 3, 1)
    assert client.get("/api/votes", {"page": "x"}).json()["page"] == 1


def test_list_takes_a_bounded_number_of_queries(
    client, geumcheon, doksan1, now, django_assert_max_num_queries
):
    for day in range(15):
        make_vote(geumcheon, now, dong=doksan1 if day % 2 else None)

    with django_assert_max_num_queries(3):
        assert len(ids(client.get("/api/votes"))) == 15


# --- Detail -----------------------------------------------------------------------------
def test_detail_shows_options_and_eligibility(client, pb_vote):
    body = client.get(f"/api/votes/{pb_vote.pk}").json()

    assert body["id"] == pb_vote.pk
    assert body["status"]["code"] == "published"
    assert body["rule"] == "greedy"
    assert body["eligibility"] == {
        "allowed_ties": ["lives", "works", "studies"],
        "min_age": 14,
        "require_verified": True,
    }
    first = body["options"][0]
    assert first == {
        "number": 1,
        "id": option_ids(pb_vote, 1)[0],
        "title": PB_OPTIONS[0][0],
        "description": "",
        "cost": 30_000_000,
        "dong": None,
        "category": "",
        "proposer": "",
        "proposal_id": None,
    }
    assert [option["number"] for option in body["options"]] == [1, 2, 3, 4, 5]
    assert body["my_status"] is None


def test_detail_tells_a_signed_in_resident_whether_they_may_vote(client, pb_vote, resident):
    client.force_login(resident)

    before = client.get(f"/api/votes/{pb_vote.pk}").json()["my_status"]
    post_ballot(client, pb_vote, choose(pb_vote, 1), **bearer(resident))
    after = client.get(f"/api/votes/{pb_vote.pk}").json()["my_status"]

    assert before == {
        "may_vote": True,
        "reason": "",
        "voted": False,
        "channel": None,
        "unmet": [],
    }
    assert (after["may_vote"], after["voted"], after["channel"]) == (False, True, "online")
    assert after["reason"].startswith("이미 온라인으로 투표했습니다")


def test_detail_gives_a_token_holder_the_reason_they_may_not_vote(
    client, pb_vote, unverified_resident
):
    body = client.get(f"/api/votes/{pb_vote.pk}", **bearer(unverified_resident)).json()

    assert body["my_status"]["may_vote"] is False
    assert body["my_status"]["reason"] == korean(
        "Only verified residents may do this. Please verify your account first."
    )


def test_my_status_lists_every_unmet_condition_beside_the_first_reason(
    client, geumcheon, now, places
):
    """Unverified, without a dong and without a birth year: all three at once, each with
    its page; `reason` stays the first of them for older clients."""
    vote = make_vote(geumcheon, now, min_age=14)
    newcomer = UserFactory(birth_year=None)

    status = client.get(f"/api/votes/{vote.pk}", **bearer(newcomer)).json()["my_status"]

    assert [item["code"] for item in status["unmet"]] == ["verification", "tie", "birth_year"]
    assert [item["url"] for item in status["unmet"]] == [
        "/me/verify/",
        "/me/#ties-heading",
        "/me/#id_birth_year",
    ]
    assert status["reason"] == status["unmet"][0]["reason"]
    assert status["may_vote"] is False


def test_a_draft_vote_is_not_found(client, geumcheon, now):
    draft = make_vote(geumcheon, now, status=VoteStatus.DRAFT)

    assert client.get(f"/api/votes/{draft.pk}").status_code == 404
    assert client.get(f"/api/votes/{draft.pk}/result").status_code == 404
    assert client.get("/api/votes/999999").status_code == 404


# --- Casting ----------------------------------------------------------------------------
def test_resident_votes_with_a_session_and_its_csrf_token(pb_vote, resident):
    browser, token = csrf_browser(resident)

    response = post_ballot(browser, pb_vote, choose(pb_vote, 3, 1), HTTP_X_CSRFTOKEN=token)

    assert response.status_code == 201, response.content
    body = response.json()
    ballot = Ballot.objects.get(vote=pb_vote)
    assert body["receipt"] == ballot.receipt
    assert body["replaced"] is False
    assert body["cast_at"].endswith("+09:00")
    assert ballot.content == ",".join(str(pk) for pk in sorted(option_ids(pb_vote, 1, 3)))


def test_a_session_post_without_csrf_token_is_refused(pb_vote, resident):
    browser, _token = csrf_browser(resident)

    response = post_ballot(browser, pb_vote, choose(pb_vote, 1))

    assert response.status_code == 403
    assert response.json()["code"] == "csrf"
    assert stored(pb_vote) == (0, 0)


def test_resident_votes_with_a_token(client, pb_vote, resident):
    response = post_ballot(client, pb_vote, choose(pb_vote, 2), **bearer(resident))

    assert response.status_code == 201
    assert Participation.objects.get(vote=pb_vote).user == resident


def test_an_anonymous_ballot_is_told_to_log_in(client, pb_vote):
    response = post_ballot(client, pb_vote, choose(pb_vote, 1))

    assert response.status_code == 401
    assert response.json()["code"] == "unauthenticated"
    assert stored(pb_vote) == (0, 0)


def test_a_retry_with_the_same_idempotency_key_stores_one_ballot(client, pb_vote, resident):
    headers = {**bearer(resident), "HTTP_IDEMPOTENCY_KEY": "3f1c-retry-1"}

    first = post_ballot(client, pb_vote, choose(pb_vote, 1), **headers)
    second = post_ballot(client, pb_vote, choose(pb_vote, 1), **headers)

    assert (first.status_code, second.status_code) == (201, 201)
    assert first.json()["receipt"] == second.json()["receipt"]
    assert stored(pb_vote) == (1, 1)


def test_the_same_idempotency_key_with_other_choices_is_a_conflict(client, pb_vote, resident):
    """Reusing a key for other choices used to answer 201 and silently drop them."""
    headers = {**bearer(resident), "HTTP_IDEMPOTENCY_KEY": "3f1c-retry-2"}

    first = post_ballot(client, pb_vote, choose(pb_vote, 1), **headers)
    other = post_ballot(client, pb_vote, choose(pb_vote, 2), **headers, HTTP_ACCEPT_LANGUAGE="ko")

    assert (first.status_code, other.status_code) == (201, 409)
    assert other.json()["code"] == "idempotency_conflict"
    assert "다른 선택" in other.json()["detail"]
    assert stored(pb_vote) == (1, 1)
    assert Ballot.objects.get(vote=pb_vote).content == str(option_ids(pb_vote, 1)[0])


def test_an_overlong_idempotency_key_is_refused(client, pb_vote, resident):
    headers = {**bearer(resident), "HTTP_IDEMPOTENCY_KEY": "k" * 65}

    response = post_ballot(client, pb_vote, choose(pb_vote, 1), **headers)

    assert response.status_code == 400
    assert response.json()["code"] == "invalid_idempotency_key"
    assert stored(pb_vote) == (0, 0)


def test_a_ranking_ballot_keeps_the_rank_order(client, ranking_vote, resident):
    response = post_ballot(client, ranking_vote, choose(ranking_vote, 3, 1), **bearer(resident))

    assert response.status_code == 201
    first, second = option_ids(ranking_vote, 3, 1)
    assert Ballot.objects.get(vote=ranking_vote).content == f"{first}>{second}"


def test_a_yes_no_ballot_answers_every_item(client, assembly_vote, resident):
    items = option_ids(assembly_vote, 1, 2, 3)
    answers = dict(zip((str(pk) for pk in items), ("yes", "no", "abstain"), strict=True))

    response = post_ballot(client, assembly_vote, {"answers": answers}, **bearer(resident))

    assert response.status_code == 201, response.content
    assert Ballot.objects.get(vote=assembly_vote).content == (
        f"{items[0]}:yes,{items[1]}:no,{items[2]}:abstain"
    )


def test_a_second_ballot_is_refused_with_409(client, pb_vote, resident):
    post_ballot(client, pb_vote, choose(pb_vote, 1), **bearer(resident))

    response = post_ballot(client, pb_vote, choose(pb_vote, 2), **bearer(resident))

    assert response.status_code == 409
    assert response.json()["code"] == "already_voted"
    assert response.json()["detail"].startswith("이미 온라인으로 투표했습니다")
    assert stored(pb_vote) == (1, 1)


@pytest.mark.parametrize("who", ["unverified_resident", "outsider"])
def test_an_ineligible_person_is_refused_with_403(request, client, pb_vote, who):
    user = request.getfixturevalue(who)

    response = post_ballot(client, pb_vote, choose(pb_vote, 1), **bearer(user))

    assert response.status_code == 403
    assert response.json()["code"] == "not_eligible"
    assert response.json()["detail"]
    assert stored(pb_vote) == (0, 0)


@pytest.mark.parametrize(
    ("opens", "closes", "message"),
    [(1, 5, "Voting has not opened yet. It opens at %(time)s."), (-5, -1, "Voting has closed.")],
)
def test_a_ballot_outside_the_period_is_refused(
    client, geumcheon, resident, now, opens, closes, message
):
    vote = make_vote(
        geumcheon, now, opens_at=now + timedelta(days=opens), closes_at=now + timedelta(days=closes)
    )
    add_options(vote, PB_OPTIONS)

    response = post_ballot(client, vote, choose(vote, 1), **bearer(resident))

    assert response.status_code == 403
    expected = korean(message).split("%")[0]
    assert response.json()["detail"].startswith(expected)
    assert stored(vote) == (0, 0)


def another_vote_option(geumcheon, now) -> int:
    other = make_vote(geumcheon, now, title="다른 투표")
    return add_options(other, PB_OPTIONS[:1])[0].pk


@pytest.mark.parametrize(
    "ballot",
    [
        pytest.param(lambda vote, **_: choose(vote, 1, 2, 3, 4), id="too-many"),
        pytest.param(lambda vote, **_: {"options": [999_999]}, id="unknown-option"),
        pytest.param(
            lambda vote, geumcheon, now: {"options": [another_vote_option(geumcheon, now)]},
            id="other-vote-option",
        ),
        pytest.param(lambda vote, **_: choose(vote, 2, 2), id="duplicate"),
        pytest.param(lambda vote, **_: {"options": "1,2"}, id="options-not-a-list"),
        pytest.param(lambda vote, **_: {"options": ["x"]}, id="id-not-a-number"),
        pytest.param(lambda vote, **_: {"answers": {"1": "yes"}}, id="answers-for-approval"),
        pytest.param(lambda vote, **_: [1, 2], id="body-not-an-object"),
        pytest.param(lambda vote, **_: "{not json", id="not-json"),
    ],
)
def test_an_invalid_ballot_is_refused_with_400(client, pb_vote, resident, geumcheon, now, ballot):
    response = post_ballot(
        client, pb_vote, ballot(pb_vote, geumcheon=geumcheon, now=now), **bearer(resident)
    )

    assert response.status_code == 400, response.content
    assert response.json()["code"] == "invalid_ballot"
    assert stored(pb_vote) == (0, 0)


def test_a_ballot_over_the_budget_is_refused(client, budget_vote, resident):
    # 30 + 40 + 50 = 120 million won against a budget of 100 million.
    response = post_ballot(client, budget_vote, choose(budget_vote, 1, 2, 4), **bearer(resident))

    assert response.status_code == 400
    assert response.json()["code"] == "invalid_ballot"
    assert stored(budget_vote) == (0, 0)


def test_duplicate_choices_are_explained_in_korean(client, pb_vote, resident):
    response = post_ballot(client, pb_vote, choose(pb_vote, 2, 2), **bearer(resident))

    assert response.json()["detail"] == korean("The same option was chosen more than once.")


def test_getting_the_ballot_endpoint_is_not_allowed(client, pb_vote, resident):
    client.force_login(resident)

    assert client.get(f"/api/votes/{pb_vote.pk}/ballot").status_code == 405


# --- Result and files -------------------------------------------------------------------
def test_the_result_is_hidden_until_the_count(client, pb_vote, resident, district_staff):
    post_ballot(client, pb_vote, choose(pb_vote, 1), **bearer(resident))
    client.force_login(district_staff)

    for path in ("result", "export.pb", "export.csv"):
        response = client.get(f"/api/votes/{pb_vote.pk}/{path}")
        assert response.status_code == 404
        assert response.json()["code"] == "not_counted"


@pytest.fixture
def counted_vote(client, pb_vote, doksan1, gasan, district_staff):
    ballots = [(1, 2)] * 3 + [(1, 3)] * 2 + [(4,)]
    people = residents_of(doksan1, 4) + residents_of(gasan, 2)
    for person, numbers in zip(people, ballots, strict=True):
        assert (
            post_ballot(client, pb_vote, choose(pb_vote, *numbers), **bearer(person)).status_code
            == 201
        )
    return counted(pb_vote, district_staff)


def test_the_result_gives_the_figures_after_the_count(client, counted_vote):
    body = client.get(f"/api/votes/{counted_vote.pk}/result").json()

    result = counted_vote.result
    assert (body["rule"], body["ballot_count"]) == ("greedy", 6)
    assert (body["ballots_hash"], body["tie_seed"]) == (result.ballots_hash, result.tie_seed)
    assert body["selected"] == result.selected
    votes = {option["number"]: option["tally"]["votes"] for option in body["options"]}
    assert votes == {1: 5, 2: 3, 3: 2, 4: 1, 5: 0}
    selected = {option["number"] for option in body["options"] if option["selected"]}
    assert selected == {1, 2, 3, 5}  # greedy fills the 20 million left with option 5
    assert body["turnout"] == {
        "by_channel": {"online": 6},
        "by_dong": {"독산1동": None, "가산동": None},  # under five: hidden, as on the page
        "total": 6,
    }


def test_the_ballot_file_is_downloadable_after_the_count(client, counted_vote):
    response = client.get(f"/api/votes/{counted_vote.pk}/export.pb")

    assert response.status_code == 200
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response["Content-Disposition"] == (f'attachment; filename="vote-{counted_vote.pk}.pb"')
    election = parse_pabulib(response.content)
    assert election.num_voters == 6
    assert outcome(election, "greedy") == ["1", "2", "3", "5"]
    assert client.get(f"/api/votes/{counted_vote.pk}/export.csv").json()["code"] == "not_yes_no"


def test_a_yes_no_vote_gives_csv_instead_of_pabulib(
    client, assembly_vote, resident, district_staff
):
    answers = {str(pk): "yes" for pk in option_ids(assembly_vote, 1, 2, 3)}
    post_ballot(client, assembly_vote, {"answers": answers}, **bearer(resident))
    vote = counted(assembly_vote, district_staff)

    pb = client.get(f"/api/votes/{vote.pk}/export.pb")
    response = client.get(f"/api/votes/{vote.pk}/export.csv")

    assert (pb.status_code, pb.json()["code"]) == (404, "yes_no")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response.content.decode("utf-8-sig").splitlines()[1] == "찬성,찬성,찬성"
    tally = client.get(f"/api/votes/{vote.pk}/result").json()["options"][0]["tally"]
    assert tally["yes"] == 1
    assert tally["passed"] is False  # below the quorum of 3


def test_a_simulation_is_read_and_counted_by_its_id(client, geumcheon, district_staff, now):
    pb = b"META\nkey;value\nbudget;10\nvote_type;approval\nPROJECTS\nproject_id;cost\na;5\nb;6\n"
    pb += b"VOTES\nvoter_id;vote\n1;a\n2;a,b\n3;b\n4;a\n"
    vote = import_pb(data=pb, district=geumcheon, staff=district_staff, now=now)

    detail = client.get(f"/api/votes/{vote.pk}").json()
    hidden = client.get(f"/api/votes/{vote.pk}/result").status_code
    count_vote(vote=vote, staff=district_staff, now=now, ip=None)
    result = client.get(f"/api/votes/{vote.pk}/result").json()

    assert (detail["is_simulation"], detail["phase"]["code"]) == (True, "closed")
    assert hidden == 404
    assert result["ballot_count"] == 4
    assert [option["number"] for option in result["options"] if option["selected"]] == [1]
    assert result["turnout"]["total"] == 0  # a simulation has ballots but no participations


def test_openapi_lists_the_vote_paths(client):
    paths = client.get("/api/openapi.json").json()["paths"]

    for path in (
        "/api/votes",
        "/api/votes/{vote_id}",
        "/api/votes/{vote_id}/ballot",
        "/api/votes/{vote_id}/result",
        "/api/votes/{vote_id}/export.pb",
        "/api/votes/{vote_id}/export.csv",
    ):
        assert path in paths
    ballot = paths["/api/votes/{vote_id}/ballot"]["post"]
    assert "Idempotency-Key" in [parameter["name"] for parameter in ballot["parameters"]]
    assert "options" in json.dumps(ballot["requestBody"])
    assert "votes" in ballot["tags"]


def test_times_are_in_seoul(client, pb_vote):
    item = client.get(f"/api/votes/{pb_vote.pk}").json()

    assert item["closes_at"].endswith("+09:00")
    assert datetime.fromisoformat(item["closes_at"]) > timezone.now()


def test_the_api_and_the_result_page_hide_the_same_small_groups(client, counted_vote):
    """Both call `VoteResult.public_turnout`: the issue found the API publishing a 3."""
    body = client.get(f"/api/votes/{counted_vote.pk}/result").json()
    page = client.get(f"/votes/{counted_vote.pk}/result/").content.decode()

    hidden = [name for name, n in body["turnout"]["by_dong"].items() if n is None]
    assert sorted(hidden) == ["가산동", "독산1동"]
    turnout_table = page[page.index("5명 미만") - 400 :]
    assert page.count("5명 미만") == len(hidden)
    assert '<td class="num">4</td>' not in turnout_table
