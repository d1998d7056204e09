"""The resident's ballot pages through the client: choose, review, submit, receipt, result."""

from datetime import timedelta

import pytest

from maeul.voting.ballots import Choices
from maeul.voting.models import Ballot, Participation, VoteStatus
from maeul.voting.services.casting import cast_ballot
from maeul.voting.services.counting import count_vote
from tests.voting.conftest import option_ids

pytestmark = pytest.mark.django_db


def test_vote_list_and_detail_render_for_anyone(
    client, pb_vote, assembly_vote, django_assert_max_num_queries
):
    with django_assert_max_num_queries(6):
        page = client.get("/votes/")
    assert page.status_code == 200
    assert pb_vote.title in page.content.decode()

    detail = client.get(f"/votes/{pb_vote.pk}/")
    assert detail.status_code == 200
    assert "독산1동 어린이공원 그늘막 설치" in detail.content.decode()


def test_draft_vote_does_not_exist_for_the_public(client, pb_vote):
    pb_vote.status = VoteStatus.DRAFT
    pb_vote.save()

    assert client.get(f"/votes/{pb_vote.pk}/").status_code == 404


def test_ballot_page_asks_anonymous_to_log_in(client, pb_vote):
    response = client.get(f"/votes/{pb_vote.pk}/ballot/")

    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_choose_review_submit_and_receipt(client, resident, pb_vote):
    client.force_login(resident)
    ids = option_ids(pb_vote, 1, 3)

    assert client.get(f"/votes/{pb_vote.pk}/ballot/").status_code == 200
    review = client.post(f"/votes/{pb_vote.pk}/ballot/review/", {"option": ids})
    assert review.status_code == 200
    assert Ballot.objects.count() == 0  # the review stores nothing
    key = review.context["idempotency_key"]

    submitted = client.post(
        f"/votes/{pb_vote.pk}/ballot/submit/", {"option": ids, "idempotency_key": key}
    )

    ballot = Ballot.objects.get(vote=pb_vote)
    assert submitted.status_code == 302
    assert submitted["Location"] == f"/votes/{pb_vote.pk}/receipt/{ballot.receipt}/"
    receipt = client.get(submitted["Location"])
    assert ballot.receipt in receipt.content.decode()
    assert 'aria-live="polite"' in receipt.content.decode()

    again = client.post(
        f"/votes/{pb_vote.pk}/ballot/submit/", {"option": ids, "idempotency_key": key}
    )
    assert again["Location"] == submitted["Location"]  # a double click gets the same receipt
    assert Ballot.objects.count() == 1


def test_too_many_choices_return_to_the_form_with_the_reason(client, resident, pb_vote):
    client.force_login(resident)

    response = client.post(
        f"/votes/{pb_vote.pk}/ballot/review/", {"option": option_ids(pb_vote, 1, 2, 3, 4)}
    )

    assert response.status_code == 400
    assert "최대 3개까지" in response.content.decode()
    assert 'role="alert"' in response.content.decode()


def test_tampered_option_id_is_refused_and_nothing_stored(client, resident, pb_vote, budget_vote):
    client.force_login(resident)

    response = client.post(
        f"/votes/{pb_vote.pk}/ballot/submit/", {"option": [*option_ids(budget_vote, 1), "abc"]}
    )

    assert response.status_code == 400
    assert Ballot.objects.count() == 0 and Participation.objects.count() == 0


def test_change_button_keeps_the_choices(client, resident, pb_vote):
    client.force_login(resident)
    ids = option_ids(pb_vote, 2)

    response = client.post(f"/votes/{pb_vote.pk}/ballot/submit/", {"option": ids, "change": "1"})

    assert response.status_code == 200
    assert f'value="{ids[0]}" checked' in response.content.decode()
    assert Ballot.objects.count() == 0


def test_unverified_resident_sees_why_and_cannot_submit(client, unverified_resident, pb_vote):
    client.force_login(unverified_resident)

    page = client.get(f"/votes/{pb_vote.pk}/")
    assert "본인인증" in page.content.decode()
    response = client.post(
        f"/votes/{pb_vote.pk}/ballot/submit/", {"option": option_ids(pb_vote, 1)}
    )
    assert response.status_code == 400
    assert Ballot.objects.count() == 0


def test_yes_no_ballot_through_the_pages(client, resident, assembly_vote):
    client.force_login(resident)
    first, second, third = option_ids(assembly_vote, 1, 2, 3)
    data = {f"answer_{first}": "yes", f"answer_{second}": "no", f"answer_{third}": "abstain"}

    review = client.post(f"/votes/{assembly_vote.pk}/ballot/review/", data)
    assert review.status_code == 200
    client.post(f"/votes/{assembly_vote.pk}/ballot/submit/", data)

    assert (
        Ballot.objects.get(vote=assembly_vote).content == f"{first}:yes,{second}:no,{third}:abstain"
    )


def test_ranking_ballot_through_the_pages(client, resident, ranking_vote):
    client.force_login(resident)
    one, two = option_ids(ranking_vote, 1, 2)

    client.post(
        f"/votes/{ranking_vote.pk}/ballot/submit/", {f"rank_{two}": "1", f"rank_{one}": "2"}
    )

    assert Ballot.objects.get(vote=ranking_vote).content == f"{two}>{one}"


def test_ranking_with_a_gap_is_refused(client, resident, ranking_vote):
    client.force_login(resident)
    one, two = option_ids(ranking_vote, 1, 2)

    response = client.post(
        f"/votes/{ranking_vote.pk}/ballot/review/", {f"rank_{one}": "1", f"rank_{two}": "3"}
    )

    assert response.status_code == 400


def test_get_on_submit_is_not_allowed(client, resident, pb_vote):
    client.force_login(resident)

    assert client.get(f"/votes/{pb_vote.pk}/ballot/submit/").status_code == 405


def test_result_is_hidden_until_the_count_then_public(
    client, resident, pb_vote, district_staff, now
):
    receipt = cast_ballot(
        vote=pb_vote, user=resident, choices=Choices(option_ids(pb_vote, 1)), now=now
    )
    assert client.get(f"/votes/{pb_vote.pk}/result/").status_code == 404
    client.force_login(district_staff)
    assert client.get(f"/votes/{pb_vote.pk}/result/").status_code == 404  # not even staff

    count_vote(
        vote=pb_vote, staff=district_staff, now=pb_vote.closes_at + timedelta(seconds=1), ip=None
    )

    client.logout()
    page = client.get(f"/votes/{pb_vote.pk}/result/")
    assert page.status_code == 200
    html = page.content.decode()
    assert "독산1동 어린이공원 그늘막 설치" in html and "<caption" in html
    found = client.get(f"/votes/{pb_vote.pk}/receipts/", {"code": receipt.code.lower()})
    assert found.context["found"] is True


def test_receipt_list_shows_codes_but_no_choices(client, resident, pb_vote, now):
    receipt = cast_ballot(
        vote=pb_vote, user=resident, choices=Choices(option_ids(pb_vote, 1)), now=now
    )

    page = client.get(f"/votes/{pb_vote.pk}/receipts/")

    assert receipt.code in page.content.decode()
    assert "독산1동 어린이공원" not in page.content.decode()
    assert client.get(f"/votes/{pb_vote.pk}/receipt/NOPE-NOPE-NOPE/").status_code == 404
