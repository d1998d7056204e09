"""One person, one ballot, whichever identifier staff type and whichever channel came first.

A participation holds every key its person is known by (account, phone, name + birth
date + dong); each is unique within the vote. Attacked as the issue found it: a resident
votes online, then dong staff enter a paper ballot for the same name, birth date and dong
with the optional phone left empty — and the other way round, under each key.
"""

from datetime import date, timedelta

import pytest
from django.utils import translation

from maeul.accounts import phone as phones
from maeul.accounts.person import person_hash
from maeul.core.errors import RuleViolation
from maeul.voting.ballots import Choices
from maeul.voting.identity import PaperVoter
from maeul.voting.models import Ballot, Channel, PaperBatch, Participation
from maeul.voting.services.casting import cast_ballot, voter_status
from maeul.voting.services.counting import duplicate_voters
from maeul.voting.services.paper import enter_paper_ballot, import_postal_ballots
from maeul.voting.tabular import TableError
from tests.voting.conftest import option_ids

pytestmark = pytest.mark.django_db

NAME, BIRTH, PHONE = "김마을", date(1958, 4, 2), "010-2345-6789"


@pytest.fixture(autouse=True)
def _korean():
    with translation.override("ko"):
        yield


@pytest.fixture
def known_resident(resident):
    """Verified with a phone, and with the name and birth date 본인확인 returned."""
    resident.phone_hmac = phones.lookup_hash(phones.normalize(PHONE))
    resident.person_hmac = person_hash(NAME, BIRTH)
    resident.save()
    return resident


def paper(batch, staff, now, *, numbers=(2,), **identity):
    fields = {"name": NAME, "birth_date": BIRTH, "dong": batch.dong, "phone": ""}
    fields.update(identity)
    return enter_paper_ballot(
        batch=batch,
        voter=PaperVoter(**fields),
        choices=Choices(option_ids(batch.vote, *numbers)),
        staff=staff,
        now=now,
        ip=None,
    )


def online(vote, user, now, numbers=(1,)):
    return cast_ballot(vote=vote, user=user, choices=Choices(option_ids(vote, *numbers)), now=now)


# The identifiers staff may type for the person who voted online: each must find them.
PAPER_IDENTITIES = {
    "name, birth date and dong, phone left empty": {},
    "phone only matches (name typed differently)": {"name": "김 마 을 씨", "phone": PHONE},
    "phone and the same name": {"phone": PHONE},
}


@pytest.mark.parametrize("identity", PAPER_IDENTITIES.values(), ids=PAPER_IDENTITIES.keys())
@pytest.mark.parametrize("channel", [Channel.ON_SITE, Channel.POSTAL])
def test_paper_ballot_after_online_is_refused_under_every_key(
    pb_vote, doksan1, dong_staff, known_resident, now, identity, channel
):
    online(pb_vote, known_resident, now - timedelta(hours=1))
    batch = PaperBatch.objects.create(
        vote=pb_vote,
        dong=doksan1,
        channel=channel,
        label="투표함",
        created_by=dong_staff,
        created_at=now,
    )

    with pytest.raises(RuleViolation) as refused:
        paper(batch, dong_staff, now, **identity)

    assert "이미 온라인으로 투표했습니다" in refused.value.message
    assert Participation.objects.filter(vote=pb_vote).count() == 1
    assert Ballot.objects.filter(vote=pb_vote).count() == 1


@pytest.mark.parametrize("identity", PAPER_IDENTITIES.values(), ids=PAPER_IDENTITIES.keys())
def test_online_ballot_after_paper_is_refused_under_every_key(
    pb_vote, batch, dong_staff, known_resident, now, identity
):
    paper(batch, dong_staff, now - timedelta(hours=1), **identity)

    with pytest.raises(RuleViolation) as refused:
        online(pb_vote, known_resident, now)

    assert "이미 현장에서 투표했습니다" in refused.value.message
    assert Ballot.objects.filter(vote=pb_vote).count() == 1


def test_the_page_and_api_status_agree_with_the_refusal_for_a_paper_voter(
    pb_vote, batch, dong_staff, known_resident, now
):
    """The drift the issue found: a paper voter was offered the ballot form, then a 400."""
    pb_vote.allow_change = True
    pb_vote.save()
    paper(batch, dong_staff, now - timedelta(hours=1))

    status = voter_status(pb_vote, known_resident, now)

    assert not status.may_vote and status.voted
    assert "이미 현장에서 투표했습니다" in status.reason
    with pytest.raises(RuleViolation):
        online(pb_vote, known_resident, now)


def test_an_online_voter_who_may_change_is_told_so(pb_vote, known_resident, now):
    pb_vote.allow_change = True
    pb_vote.save()
    online(pb_vote, known_resident, now - timedelta(hours=1))

    status = voter_status(pb_vote, known_resident, now)

    assert status.may_vote and status.may_change
    receipt = online(pb_vote, known_resident, now, numbers=(2,))
    assert receipt.replaced and Ballot.objects.filter(vote=pb_vote).count() == 1


def test_an_on_site_ballot_that_replaces_an_online_one_keeps_every_key(
    pb_vote, batch, postal_batch, dong_staff, known_resident, now
):
    pb_vote.on_site_replaces_online = True
    pb_vote.save()
    known_resident.phone_hmac = None  # verified without a phone: name and birth date only
    known_resident.save()
    online(pb_vote, known_resident, now - timedelta(hours=2))

    receipt = paper(batch, dong_staff, now - timedelta(hours=1), phone=PHONE)

    assert receipt.replaced
    participation = Participation.objects.get(vote=pb_vote)
    assert participation.account_key and participation.person_key and participation.phone_key
    # A postal ballot under the phone now typed is refused, as is one under the name.
    with pytest.raises(RuleViolation):
        paper(postal_batch, dong_staff, now, name="다른 이름", phone=PHONE)
    with pytest.raises(RuleViolation):
        paper(postal_batch, dong_staff, now)
    assert Ballot.objects.filter(vote=pb_vote).count() == 1


def test_two_participations_under_different_keys_are_never_merged_or_replaced(
    pb_vote, batch, postal_batch, dong_staff, now
):
    pb_vote.on_site_replaces_online = True
    pb_vote.save()
    paper(postal_batch, dong_staff, now - timedelta(hours=2), name="갑", phone="")
    paper(postal_batch, dong_staff, now - timedelta(hours=2), name="을", phone=PHONE)

    with pytest.raises(RuleViolation):  # names the first person, phones the second
        paper(batch, dong_staff, now, name="갑", phone=PHONE)

    assert Participation.objects.filter(vote=pb_vote).count() == 2
    assert Ballot.objects.filter(vote=pb_vote).count() == 2


def test_a_postal_file_row_for_someone_who_voted_online_is_reported(
    pb_vote, doksan1, dong_staff, known_resident, now
):
    online(pb_vote, known_resident, now - timedelta(hours=1))
    data = (
        "이름,생년월일,동,휴대전화,선택\n"
        "이웃주민,1960-01-01,독산1동,,2\n"
        f"{NAME},{BIRTH.isoformat()},독산1동,,3\n"
    ).encode()

    with pytest.raises(TableError) as refused:
        import_postal_ballots(
            vote=pb_vote,
            dong=doksan1,
            data=data,
            filename="우편.csv",
            staff=dong_staff,
            now=now,
            ip=None,
        )

    assert [error.line for error in refused.value.errors] == [3]
    assert "이미 온라인으로 투표했습니다" in refused.value.errors[0].message
    assert Participation.objects.filter(vote=pb_vote).count() == 1


def test_the_reconciliation_finds_no_duplicate_under_any_key(
    pb_vote, batch, dong_staff, known_resident, now
):
    online(pb_vote, known_resident, now - timedelta(hours=1))
    paper(batch, dong_staff, now, name="다른 주민", birth_date=date(1970, 5, 5))
    for attempt in PAPER_IDENTITIES.values():
        with pytest.raises(RuleViolation):
            paper(batch, dong_staff, now, **attempt)

    assert duplicate_voters(pb_vote) == 0
    assert Participation.objects.filter(vote=pb_vote).count() == 2


def test_the_same_submission_with_other_choices_is_refused(pb_vote, known_resident, now):
    first = cast_ballot(
        vote=pb_vote,
        user=known_resident,
        choices=Choices(option_ids(pb_vote, 1)),
        now=now,
        idempotency_key="one-click",
    )
    again = cast_ballot(
        vote=pb_vote,
        user=known_resident,
        choices=Choices(option_ids(pb_vote, 1)),
        now=now,
        idempotency_key="one-click",
    )
    assert again.code == first.code

    with pytest.raises(RuleViolation) as refused:
        cast_ballot(
            vote=pb_vote,
            user=known_resident,
            choices=Choices(option_ids(pb_vote, 2)),
            now=now,
            idempotency_key="one-click",
        )

    assert refused.value.code == "idempotency_conflict"
    assert "다른 선택" in refused.value.message
    assert Ballot.objects.get(vote=pb_vote).receipt == first.code
