"""Paper ballots: one person, one ballot across every channel; batches confirmed by a second person."""

import io
from datetime import date, timedelta

import openpyxl
import pytest
from django.utils import translation

from maeul.accounts import phone as phones
from maeul.core.errors import RuleViolation
from maeul.core.models import AuditEntry
from maeul.voting.ballots import Choices
from maeul.voting.identity import PaperVoter
from maeul.voting.models import Ballot, Channel, Participation
from maeul.voting.services.casting import cast_ballot
from maeul.voting.services.paper import (
    confirm_batch,
    enter_paper_ballot,
    import_postal_ballots,
    open_batch,
)
from maeul.voting.tabular import TableError
from tests.voting.conftest import option_ids

pytestmark = pytest.mark.django_db

PHONE = "010-2345-6789"


@pytest.fixture(autouse=True)
def _korean():
    with translation.override("ko"):
        yield


@pytest.fixture
def phone_resident(resident):
    resident.phone_hmac = phones.lookup_hash(phones.normalize(PHONE))
    resident.save()
    return resident


def voter(doksan1, **fields) -> PaperVoter:
    values = {"name": "김마을", "birth_date": date(1958, 4, 2), "dong": doksan1}
    values.update(fields)
    return PaperVoter(**values)


def enter(batch, person, numbers, staff, now):
    return enter_paper_ballot(
        batch=batch,
        voter=person,
        choices=Choices(option_ids(batch.vote, *numbers)),
        staff=staff,
        now=now,
        ip="127.0.0.1",
    )


def test_staff_enter_a_paper_ballot_through_the_same_path(batch, doksan1, dong_staff, now):
    receipt = enter(batch, voter(doksan1), (1, 2), dong_staff, now)

    ballot = Ballot.objects.get(receipt=receipt.code)
    assert ballot.channel == Channel.ON_SITE and ballot.batch == batch
    participation = Participation.objects.get(vote=batch.vote)
    assert participation.entered_by == dong_staff and participation.batch == batch
    entry = AuditEntry.objects.get(action="voting.paper_ballot")
    assert entry.actor == dong_staff and entry.ip_address == "127.0.0.1"
    assert set(entry.changes) == {"dong", "replaced_online"}  # never the choices


def test_same_paper_voter_twice_is_refused(batch, doksan1, dong_staff, now):
    enter(batch, voter(doksan1), (1,), dong_staff, now)

    with pytest.raises(RuleViolation) as refused:
        enter(batch, voter(doksan1, name="김 마을"), (2,), dong_staff, now)

    assert "이미 현장에서 투표했습니다" in refused.value.message
    assert Ballot.objects.filter(vote=batch.vote).count() == 1


def test_paper_ballot_after_online_is_refused_with_the_time(
    batch, doksan1, dong_staff, phone_resident, now
):
    cast_ballot(
        vote=batch.vote, user=phone_resident, choices=Choices(option_ids(batch.vote, 1)), now=now
    )

    with pytest.raises(RuleViolation) as refused:
        enter(batch, voter(doksan1, phone=PHONE), (2,), dong_staff, now)

    assert "이미 온라인으로 투표했습니다" in refused.value.message
    assert Ballot.objects.filter(vote=batch.vote).count() == 1
    assert Participation.objects.filter(vote=batch.vote).count() == 1


def test_online_after_paper_is_refused(batch, doksan1, dong_staff, phone_resident, now):
    enter(batch, voter(doksan1, phone=PHONE), (2,), dong_staff, now)

    with pytest.raises(RuleViolation) as refused:
        cast_ballot(
            vote=batch.vote,
            user=phone_resident,
            choices=Choices(option_ids(batch.vote, 1)),
            now=now,
        )

    assert "이미 현장에서 투표했습니다" in refused.value.message
    participation = Participation.objects.get(vote=batch.vote)
    assert participation.user == phone_resident  # the paper voter was matched to the account


def test_on_site_ballot_may_replace_an_online_one_where_the_vote_says_so(
    batch, doksan1, dong_staff, phone_resident, now
):
    batch.vote.on_site_replaces_online = True
    batch.vote.save()
    cast_ballot(
        vote=batch.vote, user=phone_resident, choices=Choices(option_ids(batch.vote, 1)), now=now
    )

    receipt = enter(batch, voter(doksan1, phone=PHONE), (2,), dong_staff, now)

    assert receipt.replaced
    ballots = Ballot.objects.filter(vote=batch.vote)
    assert [b.content for b in ballots] == [str(option_ids(batch.vote, 2)[0])]
    assert Participation.objects.get(vote=batch.vote).channel == Channel.ON_SITE


def test_postal_ballot_never_replaces_an_online_one(
    postal_batch, doksan1, dong_staff, phone_resident, now
):
    postal_batch.vote.on_site_replaces_online = True
    postal_batch.vote.save()
    cast_ballot(
        vote=postal_batch.vote,
        user=phone_resident,
        choices=Choices(option_ids(postal_batch.vote, 1)),
        now=now,
    )

    with pytest.raises(RuleViolation):
        enter(postal_batch, voter(doksan1, phone=PHONE), (2,), dong_staff, now)


def test_staff_of_another_dong_cannot_enter_into_this_batch(batch, doksan1, other_dong_staff, now):
    with pytest.raises(RuleViolation) as refused:
        enter(batch, voter(doksan1), (1,), other_dong_staff, now)

    assert refused.value.code == "forbidden"
    assert Ballot.objects.count() == 0


def test_voter_from_outside_the_vote_is_refused(assembly_vote, doksan1, gasan, dong_staff, now):
    paper = open_batch(
        vote=assembly_vote,
        dong=doksan1,
        channel=Channel.ON_SITE,
        label="총회장",
        staff=dong_staff,
        now=now,
        ip=None,
    )

    with pytest.raises(RuleViolation) as refused:
        enter_paper_ballot(
            batch=paper, voter=voter(gasan), choices=Choices(), staff=dong_staff, now=now, ip=None
        )

    assert "이 투표의 대상이 아닙니다" in refused.value.message


def test_too_young_paper_voter_is_refused(batch, doksan1, dong_staff, now):
    with pytest.raises(RuleViolation):
        enter(batch, voter(doksan1, birth_date=date(now.year - 10, 1, 1)), (1,), dong_staff, now)
    assert Ballot.objects.count() == 0


def test_creator_cannot_confirm_own_batch_but_a_colleague_can(
    batch, doksan1, dong_staff, second_dong_staff, now
):
    enter(batch, voter(doksan1), (1,), dong_staff, now)

    with pytest.raises(RuleViolation):
        confirm_batch(batch=batch, staff=dong_staff, now=now, ip=None)
    confirm_batch(batch=batch, staff=second_dong_staff, now=now, ip=None)

    assert batch.confirmed_by == second_dong_staff
    with pytest.raises(RuleViolation):
        enter(batch, voter(doksan1, name="이동네"), (1,), dong_staff, now)


def test_entry_after_the_close_is_allowed_until_the_count(batch, doksan1, dong_staff, now):
    later = batch.vote.closes_at + timedelta(hours=2)

    enter(batch, voter(doksan1), (1,), dong_staff, later)

    assert Ballot.objects.filter(vote=batch.vote).count() == 1


def postal_file(rows: list[list[object]]) -> bytes:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["이름", "생년월일", "동", "휴대전화", "선택"])
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_postal_file_is_entered_as_one_batch(pb_vote, doksan1, dong_staff, now):
    data = postal_file(
        [
            ["김마을", "1958-04-02", "독산1동", "", "1, 3"],
            ["이동네", "1971.11.30", "독산1동", "", "2"],
            ["박골목", "19800105", "가산동", "", "4 5"],
        ]
    )

    report = import_postal_ballots(
        vote=pb_vote,
        dong=doksan1,
        data=data,
        filename="우편투표.xlsx",
        staff=dong_staff,
        now=now,
        ip=None,
    )

    assert report.count == 3
    assert report.batch.channel == Channel.POSTAL and not report.batch.is_confirmed
    assert Ballot.objects.filter(vote=pb_vote, batch=report.batch).count() == 3


def test_postal_file_with_one_bad_row_imports_nothing(pb_vote, doksan1, dong_staff, now):
    data = postal_file(
        [
            ["김마을", "1958-04-02", "독산1동", "", "1, 3"],
            ["이동네", "1971-11-30", "없는동", "", "2"],
            ["박골목", "1980-01-05", "독산1동", "", "1 2 3 4"],
            ["김마을", "1958-04-02", "독산1동", "", "2"],
        ]
    )

    with pytest.raises(TableError) as refused:
        import_postal_ballots(
            vote=pb_vote,
            dong=doksan1,
            data=data,
            filename="우편투표.xlsx",
            staff=dong_staff,
            now=now,
            ip=None,
        )

    assert [error.line for error in refused.value.errors] == [3, 4, 5]
    assert Ballot.objects.count() == 0 and Participation.objects.count() == 0


def test_postal_row_for_someone_who_voted_online_is_reported(
    pb_vote, doksan1, dong_staff, phone_resident, now
):
    cast_ballot(vote=pb_vote, user=phone_resident, choices=Choices(option_ids(pb_vote, 1)), now=now)
    data = postal_file([["주민", "1980-01-01", "독산1동", PHONE, "2"]])

    with pytest.raises(TableError) as refused:
        import_postal_ballots(
            vote=pb_vote,
            dong=doksan1,
            data=data,
            filename="우편.xlsx",
            staff=dong_staff,
            now=now,
            ip=None,
        )

    assert "이미 온라인으로 투표했습니다" in refused.value.errors[0].message
    assert Ballot.objects.filter(vote=pb_vote).count() == 1
