"""The ballot for everyone: the over-limit message, a reloaded step, the live counter's markup."""

import pytest

from maeul.voting.models import Ballot, BallotType, Participation
from tests.voting.conftest import add_options, make_vote, option_ids

pytestmark = pytest.mark.django_db


def _nothing_stored() -> bool:
    return not Ballot.objects.exists() and not Participation.objects.exists()


@pytest.fixture
def six_vote(geumcheon, now):
    """Up to 6 of 10 options, as the 나풀나풀 vote."""
    vote = make_vote(geumcheon, now, max_choices=6)
    add_options(vote, [(f"사업 {number}", 10_000_000) for number in range(1, 11)])
    return vote


@pytest.mark.parametrize("step", ["review", "submit"])
def test_too_many_options_are_named_beside_the_choices_and_stay_ticked(
    client, resident, six_vote, step
):
    client.force_login(resident)
    ids = option_ids(six_vote, *range(1, 9))

    response = client.post(f"/votes/{six_vote.pk}/ballot/{step}/", {"option": ids})

    assert response.status_code == 400
    html = response.content.decode()
    assert "최대 6개까지 고를 수 있습니다. 8개를 골랐습니다." in html
    # In the form, right before the fieldset that describes itself by it.
    message_at = html.index('id="choice-error"')
    assert html.index("<form") < message_at < html.index('aria-describedby="choice-error"')
    assert all(f'value="{option_id}" checked' in html for option_id in ids)
    assert _nothing_stored()


def test_over_budget_names_the_budget_and_the_total(client, resident, budget_vote):
    client.force_login(resident)
    ids = option_ids(budget_vote, 1, 2, 4)  # 30 + 40 + 50 million won against 100 million

    response = client.post(f"/votes/{budget_vote.pk}/ballot/review/", {"option": ids})

    assert response.status_code == 400
    html = response.content.decode()
    assert "예산 100,000,000원을 넘었습니다. 고른 사업의 합계는 120,000,000원입니다." in html
    assert all(f'value="{option_id}" checked' in html for option_id in ids)
    assert _nothing_stored()


def test_a_reloaded_review_shows_the_ballot_again_with_a_note(client, resident, pb_vote):
    client.force_login(resident)

    response = client.get(f"/votes/{pb_vote.pk}/ballot/review/")

    assert response.status_code == 200
    html = response.content.decode()
    assert "다시 골라 주십시오" in html
    assert f'action="/votes/{pb_vote.pk}/ballot/review/"' in html
    assert 'name="option"' in html
    assert _nothing_stored()


def test_a_submit_step_opened_by_get_is_405_but_not_blank(client, resident, pb_vote):
    client.force_login(resident)

    response = client.get(f"/votes/{pb_vote.pk}/ballot/submit/")

    assert response.status_code == 405 and response["Allow"] == "POST"
    assert "다시 골라 주십시오" in response.content.decode()
    assert 'name="option"' in response.content.decode()
    assert _nothing_stored()


def test_a_reloaded_review_after_voting_says_so(client, resident, pb_vote):
    client.force_login(resident)
    client.post(f"/votes/{pb_vote.pk}/ballot/submit/", {"option": option_ids(pb_vote, 1)})

    html = client.get(f"/votes/{pb_vote.pk}/ballot/review/").content.decode()

    assert "투표했습니다" in html and 'name="option"' not in html
    assert Ballot.objects.count() == 1


def test_anonymous_reload_of_review_asks_to_log_in(client, pb_vote):
    response = client.get(f"/votes/{pb_vote.pk}/ballot/review/")

    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_counter_is_hidden_until_the_script_fills_it(client, resident, six_vote):
    client.force_login(resident)

    html = client.get(f"/votes/{six_vote.pk}/ballot/").content.decode()

    counter = html.split('id="ballot-counter"')[1].split(">")[0]
    assert "hidden" in counter and 'aria-live="polite"' in counter
    assert 'data-max="6"' in counter and "data-budget" not in counter  # approval: no money
    assert 'data-count="{chosen}/{max} 선택"' in counter
    assert 'src="/static/core/ballot.js" defer' in html


def test_a_budget_ballot_counts_money_in_won(client, resident, budget_vote):
    client.force_login(resident)

    html = client.get(f"/votes/{budget_vote.pk}/ballot/").content.decode()

    counter = html.split('id="ballot-counter"')[1].split(">")[0]
    assert 'data-budget="100000000"' in counter and 'data-won="{amount}원"' in counter
    assert 'data-cost="30000000"' in html


@pytest.mark.parametrize("ballot_type", [BallotType.YES_NO, BallotType.RANKING])
def test_ballots_without_a_limit_to_count_have_no_counter(
    client, resident, geumcheon, now, ballot_type
):
    vote = make_vote(geumcheon, now, ballot_type=ballot_type, max_choices=3, budget=None)
    add_options(vote, [("하나", 0), ("둘", 0)])
    client.force_login(resident)

    html = client.get(f"/votes/{vote.pk}/ballot/").content.decode()

    assert "ballot-counter" not in html and "ballot.js" not in html
