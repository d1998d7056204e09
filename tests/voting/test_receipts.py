"""Receipt codes typed as people type them, and the receipt shown again on the vote page."""

import pytest

from maeul.voting.ballots import Choices
from maeul.voting.models import VoteKey, normalise_receipt
from maeul.voting.services.casting import cast_ballot
from maeul.voting.services.counting import count_vote
from tests.voting.conftest import option_ids

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "typed",
    [
        "K7Q2-M9XD-4HTA",
        "k7q2-m9xd-4hta",
        "K7Q2M9XD4HTA",
        " k7q2 m9xd 4hta ",
        "K7Q2 - M9XD - 4HTA",
        "k7q2m9xd-4hta",
        "K7Q2—M9XD—4HTA",  # dashes from a word processor
        # full width, from a Korean input method
        "".join(chr(ord(char) + 0xFEE0) for char in "K7Q2-M9XD-4HTA"),
    ],
)
def test_a_receipt_code_is_read_however_it_is_typed(typed):
    assert normalise_receipt(typed) == "K7Q2-M9XD-4HTA"


@pytest.mark.parametrize("typed", ["", "   ", "ABC", "K7Q2-M9XD-4HTA-EXTRA-LONG", "접수번호"])
def test_text_that_is_no_code_stays_no_code(typed):
    normal = normalise_receipt(typed)

    assert len(normal) <= 14
    assert normal.count("-") in (0, 2)
    assert normal != "K7Q2-M9XD-4HTA"


def test_the_look_up_and_the_receipt_page_accept_a_code_typed_loosely(
    client, resident, pb_vote, now
):
    code = cast_ballot(
        vote=pb_vote, user=resident, choices=Choices(option_ids(pb_vote, 1)), now=now
    ).code
    loose = code.lower().replace("-", " ")

    found = client.get(f"/votes/{pb_vote.pk}/receipts/", {"code": loose})
    assert found.context["found"] is True
    assert found.context["query"] == code
    page = client.get(f"/votes/{pb_vote.pk}/receipt/{code.lower().replace('-', '')}/")
    assert page.status_code == 200 and code in page.content.decode()


def test_the_voter_sees_their_receipt_again_on_the_vote_page(
    client, resident, neighbour, pb_vote, now
):
    code = cast_ballot(
        vote=pb_vote, user=resident, choices=Choices(option_ids(pb_vote, 1)), now=now
    ).code

    client.force_login(resident)
    mine = client.get(f"/votes/{pb_vote.pk}/").content.decode()
    assert code in mine and f"?code={code}" in mine
    client.force_login(neighbour)
    assert code not in client.get(f"/votes/{pb_vote.pk}/").content.decode()
    client.logout()
    assert code not in client.get(f"/votes/{pb_vote.pk}/").content.decode()


def test_after_the_count_the_vote_page_says_the_resident_voted_but_not_the_code(
    client, resident, district_staff, pb_vote, now
):
    code = cast_ballot(
        vote=pb_vote, user=resident, choices=Choices(option_ids(pb_vote, 1)), now=now
    ).code
    count_vote(vote=pb_vote, staff=district_staff, now=pb_vote.closes_at, ip=None)

    client.force_login(resident)
    page = client.get(f"/votes/{pb_vote.pk}/").content.decode()

    assert "투표했습니다" in page
    assert code not in page
    assert "적어 둔 접수번호" in page
    assert not VoteKey.objects.filter(vote=pb_vote).exists()  # looking did not make a key
