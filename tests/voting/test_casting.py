"""Online ballots: eligibility with reasons, valid choices only, one ballot per person."""

from datetime import timedelta

import pytest
from django.utils import translation

from maeul.accounts.models import TieKind
from maeul.core.errors import RuleViolation
from maeul.voting.ballots import Choices
from maeul.voting.models import Ballot, Participation, VoteStatus
from maeul.voting.services.casting import cast_ballot, participation_of
from tests.conftest import _verified
from tests.factories import DongTieFactory, UserFactory
from tests.voting.conftest import make_vote, option_ids

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _korean():
    with translation.override("ko"):
        yield


def refused(**kwargs) -> RuleViolation:
    with pytest.raises(RuleViolation) as caught:
        cast_ballot(**kwargs)
    return caught.value


def assert_nothing_stored(vote):
    assert Ballot.objects.filter(vote=vote).count() == 0
    assert Participation.objects.filter(vote=vote).count() == 0


def test_resident_votes_and_gets_a_receipt(pb_vote, resident, now):
    receipt = cast_ballot(
        vote=pb_vote, user=resident, choices=Choices(option_ids(pb_vote, 1, 3)), now=now
    )

    ballot = Ballot.objects.get(vote=pb_vote)
    assert ballot.receipt == receipt.code
    assert ballot.content == ",".join(str(i) for i in sorted(option_ids(pb_vote, 1, 3)))
    participation = Participation.objects.get(vote=pb_vote)
    assert participation.user == resident
    assert participation.dong.name == "독산1동"
    assert participation_of(pb_vote, resident) == participation


def test_ballot_table_has_no_voter_and_no_time(pb_vote):
    names = {field.name for field in Ballot._meta.get_fields()}
    assert not names & {"user", "voter", "voter_key", "participation", "created_at", "dong"}
    participation_fields = {field.name for field in Participation._meta.get_fields()}
    assert not participation_fields & {"content", "choices", "ballot", "receipt"}


def test_second_ballot_is_refused_with_the_time(pb_vote, resident, now):
    cast_ballot(vote=pb_vote, user=resident, choices=Choices(option_ids(pb_vote, 1)), now=now)

    error = refused(vote=pb_vote, user=resident, choices=Choices(option_ids(pb_vote, 2)), now=now)

    assert error.code == "already_voted"
    assert "이미 온라인으로 투표했습니다" in error.message
    assert Ballot.objects.filter(vote=pb_vote).count() == 1


def test_same_idempotency_key_returns_the_same_receipt(pb_vote, resident, now):
    first = cast_ballot(
        vote=pb_vote,
        user=resident,
        choices=Choices(option_ids(pb_vote, 1)),
        now=now,
        idempotency_key="k-1",
    )
    second = cast_ballot(
        vote=pb_vote,
        user=resident,
        choices=Choices(option_ids(pb_vote, 1)),
        now=now,
        idempotency_key="k-1",
    )

    assert first.code == second.code
    assert Ballot.objects.filter(vote=pb_vote).count() == 1


def test_changeable_vote_keeps_only_the_last_ballot(pb_vote, resident, now):
    pb_vote.allow_change = True
    pb_vote.save()
    first = cast_ballot(
        vote=pb_vote, user=resident, choices=Choices(option_ids(pb_vote, 1)), now=now
    )

    second = cast_ballot(
        vote=pb_vote, user=resident, choices=Choices(option_ids(pb_vote, 2)), now=now
    )

    assert second.replaced and second.code != first.code
    assert list(Ballot.objects.filter(vote=pb_vote).values_list("receipt", flat=True)) == [
        second.code
    ]
    assert Participation.objects.filter(vote=pb_vote).count() == 1


@pytest.mark.parametrize(
    ("numbers", "message"),
    [
        ((1, 2, 3, 4), "최대 3개"),
        ((1, 1), "두 번 이상"),
    ],
)
def test_invalid_choices_are_refused_and_nothing_stored(pb_vote, resident, now, numbers, message):
    error = refused(
        vote=pb_vote, user=resident, choices=Choices(option_ids(pb_vote, *numbers)), now=now
    )

    assert error.code == "invalid_ballot"
    assert message in error.message
    assert_nothing_stored(pb_vote)


def test_option_of_another_vote_is_refused(pb_vote, budget_vote, resident, now):
    error = refused(
        vote=pb_vote, user=resident, choices=Choices(option_ids(budget_vote, 1)), now=now
    )

    assert error.code == "invalid_ballot"
    assert_nothing_stored(pb_vote)


def test_over_the_budget_is_refused(budget_vote, resident, now):
    # 40,000,000 + 50,000,000 + 30,000,000 = 120,000,000원 > 100,000,000원
    error = refused(
        vote=budget_vote, user=resident, choices=Choices(option_ids(budget_vote, 1, 2, 4)), now=now
    )

    assert "120,000,000원" in error.message and "100,000,000원" in error.message
    assert_nothing_stored(budget_vote)


def test_budget_ballot_within_the_budget_is_accepted(budget_vote, resident, now):
    cast_ballot(
        vote=budget_vote,
        user=resident,
        choices=Choices(option_ids(budget_vote, 1, 2, 3, 5)),
        now=now,
    )

    assert Ballot.objects.filter(vote=budget_vote).count() == 1


def test_one_second_before_opening_is_refused(geumcheon, resident, now):
    vote = make_vote(geumcheon, now, opens_at=now + timedelta(seconds=1))

    error = refused(vote=vote, user=resident, choices=Choices(), now=now)

    assert "아직 투표 기간이 아닙니다" in error.message
    assert_nothing_stored(vote)


def test_one_second_before_closing_is_accepted_and_at_closing_refused(geumcheon, resident, now):
    vote = make_vote(geumcheon, now, closes_at=now + timedelta(seconds=1), max_choices=None)

    error = refused(vote=vote, user=resident, choices=Choices(), now=now + timedelta(seconds=1))
    assert "투표가 끝났습니다" in error.message
    cast_ballot(vote=vote, user=resident, choices=Choices(), now=now)
    assert Ballot.objects.filter(vote=vote).count() == 1


def test_draft_vote_takes_no_ballots(pb_vote, resident, now):
    pb_vote.status = VoteStatus.DRAFT
    pb_vote.save()

    assert refused(vote=pb_vote, user=resident, choices=Choices(), now=now).code == "not_eligible"


def test_unverified_person_is_told_to_verify(pb_vote, unverified_resident, now):
    error = refused(vote=pb_vote, user=unverified_resident, choices=Choices(), now=now)

    assert "본인인증" in error.message
    assert_nothing_stored(pb_vote)


def test_person_of_another_district_is_told_about_the_tie(pb_vote, other_district_staff, now):
    error = refused(vote=pb_vote, user=other_district_staff, choices=Choices(), now=now)

    assert "금천구" in error.message


def test_dong_vote_refuses_a_neighbour_of_another_dong(assembly_vote, neighbour, now):
    error = refused(vote=assembly_vote, user=neighbour, choices=Choices(), now=now)

    assert "독산1동" in error.message
    assert_nothing_stored(assembly_vote)


def test_tie_kind_not_allowed_is_refused(pb_vote, doksan1, now):
    pb_vote.allow_works = False
    pb_vote.save()
    worker = _verified(UserFactory())
    DongTieFactory(user=worker, dong=doksan1, kind=TieKind.WORKS)

    error = refused(vote=pb_vote, user=worker, choices=Choices(), now=now)

    assert "독산1동" not in error.message and "금천구" in error.message


def test_too_young_is_refused_and_missing_birth_year_is_explained(pb_vote, resident, now):
    resident.birth_year = now.year - 13
    resident.save()
    assert "14세 이상" in refused(vote=pb_vote, user=resident, choices=Choices(), now=now).message

    resident.birth_year = None
    resident.save()
    assert "출생연도" in refused(vote=pb_vote, user=resident, choices=Choices(), now=now).message


def test_paper_only_vote_refuses_online_ballots(pb_vote, resident, now):
    pb_vote.online = False
    pb_vote.save()

    assert "종이" in refused(vote=pb_vote, user=resident, choices=Choices(), now=now).message


def test_yes_no_ballot_must_answer_every_item(assembly_vote, resident, now):
    first, second, _third = option_ids(assembly_vote, 1, 2, 3)

    error = refused(
        vote=assembly_vote,
        user=resident,
        choices=Choices(answers=((first, "yes"), (second, "no"))),
        now=now,
    )

    assert "3" in error.message
    assert_nothing_stored(assembly_vote)


def test_yes_no_ballot_is_stored_canonically(assembly_vote, resident, now):
    first, second, third = option_ids(assembly_vote, 1, 2, 3)

    cast_ballot(
        vote=assembly_vote,
        user=resident,
        choices=Choices(answers=((third, "abstain"), (first, "yes"), (second, "no"))),
        now=now,
    )

    assert Ballot.objects.get(vote=assembly_vote).content == (
        f"{first}:yes,{second}:no,{third}:abstain"
    )


def test_ranking_keeps_the_order(ranking_vote, resident, now):
    ids = option_ids(ranking_vote, 3, 1, 2)

    cast_ballot(vote=ranking_vote, user=resident, choices=Choices(ids), now=now)

    assert Ballot.objects.get(vote=ranking_vote).content == ">".join(map(str, ids))
