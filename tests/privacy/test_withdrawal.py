"""회원 탈퇴 and the erasure after it: what goes, what stays, what stays counted."""

from datetime import timedelta

import pytest
from allauth.account.models import EmailAddress
from allauth.socialaccount.models import SocialAccount
from django.contrib.auth import SESSION_KEY
from django.core.management import call_command
from django_tasks_db.models import DBTaskResult

from maeul.accounts.models import DongTie, PhoneCode, RoleAssignment, User
from maeul.core.errors import RuleViolation
from maeul.core.models import AuditEntry, Notification, UserSession
from maeul.councils.models import CouncilMember, MembershipApplication
from maeul.privacy.models import ConsentRecord, Withdrawal
from maeul.privacy.services import erase_due_accounts, withdraw_account
from maeul.privacy.tasks import erase_withdrawn_accounts
from maeul.proposals.models import Comment, Support
from maeul.voting.models import Option, Participation
from maeul.voting.services.counting import ballot_profile
from tests.conftest import SIGNUP_CONSENTS
from tests.korean import korean

pytestmark = pytest.mark.django_db

FIVE_DAYS = timedelta(days=5)


def _sessions_of(user: User) -> list[str]:
    return [
        s.session_key
        for s in UserSession.objects.all()
        if str(s.get_decoded().get(SESSION_KEY)) == str(user.pk)
    ]


def test_withdrawal_closes_the_account_ends_its_sessions_and_queues_the_erasure(
    client, resident, neighbour, now, django_capture_on_commit_callbacks
):
    client.force_login(resident)
    other = type(client)()
    other.force_login(neighbour)
    assert _sessions_of(resident)

    with django_capture_on_commit_callbacks(execute=True):
        withdrawal = withdraw_account(user=resident, now=now)

    resident.refresh_from_db()
    assert not resident.is_active
    assert withdrawal.requested_at == now
    assert withdrawal.erase_after - now <= FIVE_DAYS
    assert withdrawal.erased_at is None
    assert _sessions_of(resident) == []
    assert _sessions_of(neighbour), "another person's session must survive"
    queued = DBTaskResult.objects.get()
    assert queued.task_path == "maeul.privacy.tasks.erase_withdrawn_accounts"


def test_withdrawing_twice_is_refused(resident, now):
    withdraw_account(user=resident, now=now)

    with pytest.raises(RuleViolation) as caught:
        withdraw_account(user=resident, now=now)

    assert caught.value.code == "already_withdrawn"
    assert Withdrawal.objects.filter(user=resident).count() == 1


def test_erasure_removes_the_personal_data_five_days_later(footprint, resident, now):
    SocialAccount.objects.create(user=resident, provider="kakao", uid="12345")
    PhoneCode.objects.create(
        user=resident,
        phone_enc="x",
        phone_hmac="y",
        code_hash="z",
        created_at=now,
        expires_at=now,
    )
    withdraw_account(user=resident, now=now)

    erased = erase_withdrawn_accounts.call()  # the task body, as the worker runs it
    assert erased == 1

    user = User.objects.get(pk=resident.pk)
    assert user.email.startswith("withdrawn-")
    assert user.email.endswith("@withdrawn.invalid")
    assert "resident" not in user.email
    assert user.display_name == ""
    assert user.birth_year is None
    assert user.phone_enc == ""
    assert user.phone_hmac is None
    assert user.verified_at is None
    assert not user.has_usable_password()
    assert not user.is_active
    assert user.public_name == korean("Former member")
    assert not DongTie.objects.filter(user=user).exists()
    assert not RoleAssignment.objects.filter(user=user).exists()
    assert not EmailAddress.objects.filter(user=user).exists()
    assert not SocialAccount.objects.filter(user=user).exists()
    assert not PhoneCode.objects.filter(user=user).exists()
    assert not Notification.objects.filter(recipient=user).exists()
    assert not Participation.objects.filter(user=user).exists()
    assert not CouncilMember.objects.filter(user=user).exists()
    application = MembershipApplication.objects.get(user=user)
    assert (application.public_name, application.motivation) == (korean("Former member"), "")
    # Proof of consent and of the erasure stay.
    assert ConsentRecord.objects.filter(user=user).count() == 4
    assert Withdrawal.objects.get(user=user).erased_at is not None
    assert AuditEntry.objects.filter(action="privacy.erase_account").count() == 1


# Fields an erased account keeps (the row, its join date, the marks of being closed);
# every other field must end up empty, so a field added to User later (a name, an identity
# hash) fails this test until the erasure handles it.
KEPT_FIELDS = {"id", "password", "email", "is_active", "date_joined"}


def test_erasure_leaves_no_field_of_the_account_filled(footprint, resident, now):
    withdraw_account(user=resident, now=now)
    erase_due_accounts(now=now + FIVE_DAYS)

    erased = User.objects.get(pk=resident.pk)
    filled = {
        field.name: getattr(erased, field.attname)
        for field in User._meta.concrete_fields
        if field.name not in KEPT_FIELDS and getattr(erased, field.attname) not in (None, "", False)
    }
    assert filled == {}
    assert not erased.is_active


def test_erasure_leaves_other_people_alone(footprint, resident, neighbour, now):
    before = User.objects.filter(pk=neighbour.pk).values().get()
    withdraw_account(user=resident, now=now)

    erase_due_accounts(now=now + FIVE_DAYS)

    assert User.objects.filter(pk=neighbour.pk).values().get() == before
    assert DongTie.objects.filter(user=neighbour).exists()
    assert EmailAddress.objects.filter(user=neighbour).exists()
    assert Participation.objects.filter(user=neighbour).exists()
    assert MembershipApplication.objects.get(user=neighbour).motivation == "가산 주민의 비밀 동기"


def test_proposals_comments_and_supports_stay_under_a_former_member(
    client, footprint, resident, now
):
    withdraw_account(user=resident, now=now)
    erase_due_accounts(now=now + FIVE_DAYS)

    page = client.get(footprint.proposal.get_absolute_url())
    assert page.status_code == 200
    text = page.content.decode()
    assert korean("Former member") in text
    assert "독산 주민" not in text
    footprint.proposal.refresh_from_db()
    assert footprint.proposal.author_id == resident.pk
    assert Comment.objects.filter(author_id=resident.pk).count() == 1
    assert Support.objects.filter(user_id=resident.pk).count() == 1
    other = client.get(footprint.neighbour_proposal.get_absolute_url()).content.decode()
    assert korean("Former member") in other


def test_vote_tallies_and_turnout_are_unchanged(footprint, resident, now):
    vote = footprint.vote
    profile_before = ballot_profile(vote)
    by_channel_before = sorted(vote.participations.values_list("channel", "dong_id"))

    withdraw_account(user=resident, now=now)
    erase_due_accounts(now=now + FIVE_DAYS)

    assert ballot_profile(vote) == profile_before
    assert sorted(vote.participations.values_list("channel", "dong_id")) == by_channel_before
    assert vote.participations.count() == 2
    assert vote.participations.filter(user__isnull=True).count() == 1


def test_vote_options_copied_from_the_proposal_lose_the_name(footprint, resident, now):
    option = Option.objects.filter(vote=footprint.vote).first()
    option.proposal = footprint.proposal
    option.proposer = resident.display_name
    option.save()

    withdraw_account(user=resident, now=now)
    erase_due_accounts(now=now + FIVE_DAYS)

    option.refresh_from_db()
    assert option.proposer == korean("Former member")


def test_erasure_runs_once_and_only_for_withdrawn_accounts(footprint, resident, neighbour, now):
    assert erase_due_accounts(now=now + FIVE_DAYS) == 0
    withdraw_account(user=resident, now=now)

    assert erase_due_accounts(now=now + FIVE_DAYS) == 1
    assert erase_due_accounts(now=now + FIVE_DAYS) == 0
    assert User.objects.get(pk=neighbour.pk).email == "neighbour@example.kr"


def test_the_cron_command_erases_what_is_due(resident, now, capsys):
    withdraw_account(user=resident, now=now)

    call_command("erase_withdrawn_accounts")

    assert capsys.readouterr().out.strip() == "1"
    assert User.objects.get(pk=resident.pk).is_erased


def test_the_erased_address_can_sign_up_again(client, resident, now):
    withdraw_account(user=resident, now=now)
    erase_due_accounts(now=now)

    response = client.post(
        "/accounts/signup/",
        {
            "email": "resident@example.kr",
            "password1": "maeul-test-pass-2026",
            "password2": "maeul-test-pass-2026",
            **SIGNUP_CONSENTS,
        },
    )

    assert response.status_code == 302
    assert User.objects.get(email="resident@example.kr").pk != resident.pk


def test_erasure_leaves_no_key_to_a_counted_vote(resident, geumcheon, district_staff, now):
    """A counted vote keeps the participation (the turnout) but no key that could show,
    even with the data key and the person's phone number, that they took part."""
    from datetime import timedelta

    from maeul.voting.ballots import Choices
    from maeul.voting.models import Vote
    from maeul.voting.services.casting import cast_ballot
    from maeul.voting.services.counting import count_vote
    from tests.voting.conftest import PB_OPTIONS, add_options, make_vote, option_ids

    pb_vote = make_vote(geumcheon, now)
    add_options(pb_vote, PB_OPTIONS)
    choices = Choices(option_ids(pb_vote, 1))
    cast_ballot(vote=pb_vote, user=resident, choices=choices, now=now - timedelta(hours=3))
    Vote.objects.filter(pk=pb_vote.pk).update(closes_at=now - timedelta(hours=2))
    pb_vote.refresh_from_db()
    result = count_vote(vote=pb_vote, staff=district_staff, now=now - timedelta(hours=1), ip=None)
    withdraw_account(user=resident, now=now)

    erase_withdrawn_accounts.call()

    participation = Participation.objects.get(vote=pb_vote)
    assert participation.user is None
    assert participation.keys == {"account_key": None, "phone_key": None, "person_key": None}
    assert result.ballot_count == pb_vote.ballots.count() == 1
