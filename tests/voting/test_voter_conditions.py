"""Every condition of voting at once (`unmet_conditions`), the same on the page, the ballot
form and the API, the first of them being the refusal `cast_ballot` gives."""

import pytest

from maeul.accounts.models import TieKind
from maeul.core.errors import RuleViolation
from maeul.core.permissions import Action, can
from maeul.core.permissions.base import forget_ties
from maeul.core.permissions.voting import unmet_conditions
from maeul.voting.ballots import Choices
from maeul.voting.services.casting import cast_ballot, voter_status
from tests.conftest import _verified
from tests.factories import DongTieFactory, UserFactory
from tests.voting.conftest import make_vote, option_ids

pytestmark = pytest.mark.django_db


@pytest.fixture
def age_vote(geumcheon, now):
    return make_vote(geumcheon, now, min_age=14)


@pytest.fixture
def newcomer():
    """Unverified, no dong, no birth year: every condition is missing."""
    return UserFactory(birth_year=None)


def test_every_missing_condition_is_named_with_its_page(newcomer, age_vote, now):
    unmet = unmet_conditions(newcomer, age_vote, now)

    assert [(item.code, item.url) for item in unmet] == [
        ("verification", "/me/verify/"),
        ("tie", "/me/#ties-heading"),
        ("birth_year", "/me/#id_birth_year"),
    ]
    assert all(item.reason and item.action for item in unmet)


def test_the_refusal_is_the_first_condition_and_the_status_holds_them_all(newcomer, age_vote, now):
    status = voter_status(age_vote, newcomer, now)

    assert not status.may_vote
    assert [item.code for item in status.unmet] == ["verification", "tie", "birth_year"]
    assert (
        status.reason
        == status.unmet[0].reason
        == can(newcomer, Action.CAST_BALLOT, age_vote, now=now).reason
    )
    with pytest.raises(RuleViolation) as refused:
        cast_ballot(vote=age_vote, user=newcomer, choices=Choices(), now=now)
    assert refused.value.message == status.reason


def test_conditions_met_one_by_one_leave_the_rest(newcomer, age_vote, doksan1, now):
    _verified(newcomer)
    assert [item.code for item in unmet_conditions(newcomer, age_vote, now)] == [
        "tie",
        "birth_year",
    ]
    DongTieFactory(user=newcomer, dong=doksan1, kind=TieKind.LIVES)
    forget_ties(newcomer)
    assert [item.code for item in unmet_conditions(newcomer, age_vote, now)] == ["birth_year"]


def test_an_eligible_resident_has_no_unmet_condition(resident, age_vote, now):
    status = voter_status(age_vote, resident, now)

    assert status.may_vote and status.unmet == ()


def test_a_condition_nobody_can_meet_online_has_no_link(geumcheon, doksan1, now):
    """A tie added after the opening cannot be fixed: the reason, without a link."""
    vote = make_vote(geumcheon, now)
    late = _verified(UserFactory())
    DongTieFactory(user=late, dong=doksan1, kind=TieKind.LIVES, started_at=now)

    [tie] = unmet_conditions(late, vote, now)

    assert tie.code == "tie" and tie.url == "" and "투표가 시작된 뒤" in tie.reason


def test_the_vote_page_and_the_ballot_form_list_every_condition_in_one_list(
    client, newcomer, age_vote
):
    client.force_login(newcomer)

    for url in (f"/votes/{age_vote.pk}/", f"/votes/{age_vote.pk}/ballot/"):
        html = client.get(url).content.decode()
        listed = html.split('class="message message-error unmet-conditions"')[1].split("</ul>")[0]
        assert listed.count("<li>") == 3, url
        for link in ("/me/verify/", "/me/#ties-heading", "/me/#id_birth_year"):
            assert f'href="{link}"' in listed, (url, link)
        assert "3가지 조건" in listed


def test_a_resident_who_voted_is_not_shown_conditions(client, resident, pb_vote, now):
    cast_ballot(vote=pb_vote, user=resident, choices=Choices(option_ids(pb_vote, 1)), now=now)
    client.force_login(resident)

    html = client.get(f"/votes/{pb_vote.pk}/").content.decode()

    assert "unmet-conditions" not in html and "투표했습니다" in html
