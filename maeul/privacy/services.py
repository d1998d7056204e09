"""Consents at sign-up and after, account withdrawal (회원 탈퇴) and the erasure that follows.

Erasure keeps the user row as an anonymous shell: proposals, comments and supports stay
(shown as "탈퇴한 회원"), participations in votes stay counted but no longer name anyone,
and the consent records stay as proof of what was agreed. Everything that identifies the
person is removed or overwritten: e-mail, name, birth year, phone, identity hashes, dong
ties, roles, e-mail addresses and social log-ins, notifications, sessions, the password.
The newer apps' rows (spaces, consultations, courses, volunteering, archive) are deleted,
cleared or kept as each app's `personal_data.erase` says; all in the same transaction.
"""

import logging
import secrets
from collections.abc import Mapping
from datetime import datetime, timedelta

from django.conf import settings
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from maeul.accounts.deactivation import end_access
from maeul.accounts.models import (
    WITHDRAWN_EMAIL_DOMAIN,
    DongTie,
    PhoneCode,
    RoleAssignment,
    User,
)
from maeul.accounts.services import EARLIEST_BIRTH_YEAR
from maeul.core import audit
from maeul.core.dates import seoul_year
from maeul.core.errors import RuleViolation, refuse_duplicate
from maeul.core.models import Notification
from maeul.privacy.models import (
    OPTIONAL_KINDS,
    REQUIRED_KINDS,
    ConsentKind,
    ConsentRecord,
    ConsentVia,
    Withdrawal,
    version_of,
)

logger = logging.getLogger(__name__)

# 개인정보 보호법 제22조의2: a child under 14 needs a legal guardian's consent. Maeul does not
# offer that flow online, so it refuses the sign-up and says where to go instead.
MIN_SIGN_UP_AGE = 14
# Erasure is due at once: the worker runs it within minutes. The daily sweep (`manage.py
# erase_withdrawn_accounts` from cron) keeps the legal limit of five days (제21조) even
# when the worker was down.
ERASURE_DELAY = timedelta(0)


UNDER_AGE_MESSAGE = gettext_lazy(
    "Children under 14 need the consent of a parent or legal guardian to join. Online "
    "sign-up is not possible for them: please ask at your dong office together with "
    "your parent or guardian."
)


# --- Consents ----------------------------------------------------------------------------


def check_sign_up(
    *, birth_year: int | None, over_14: bool, consents: Mapping[str, bool], now: datetime
) -> None:
    """Refuse a sign-up without both required consents, or by someone under 14.

    The birth year alone cannot prove an age of 14 (it depends on the birthday), so the
    person also confirms it; a birth year that makes them 13 or younger this year is
    refused even when they confirm.
    """
    if not consents.get(ConsentKind.TERMS):
        raise RuleViolation(_("Please agree to the terms of use."), code="consent_terms")
    if not consents.get(ConsentKind.PRIVACY):
        raise RuleViolation(
            _("Please agree to the collection and use of your personal data."),
            code="consent_privacy",
        )
    year = seoul_year(now)
    if birth_year is None or not EARLIEST_BIRTH_YEAR <= birth_year <= year:
        raise RuleViolation(_("Enter a birth year between 1900 and this year."), code="birth_year")
    if not over_14 or year - birth_year < MIN_SIGN_UP_AGE:
        raise RuleViolation(UNDER_AGE_MESSAGE, code="under_14")


def record_sign_up(
    *,
    user: User,
    birth_year: int | None,
    over_14: bool,
    consents: Mapping[str, bool],
    now: datetime,
) -> list[ConsentRecord]:
    """Store the birth year and one record per consent kind, agreed or declined."""
    check_sign_up(birth_year=birth_year, over_14=over_14, consents=consents, now=now)
    user.birth_year = birth_year
    user.save(update_fields=["birth_year"])
    return ConsentRecord.objects.bulk_create(
        [
            ConsentRecord(
                user=user,
                kind=kind,
                version=version_of(kind),
                granted=bool(consents.get(kind)),
                via=ConsentVia.SIGNUP,
                at=now,
            )
            for kind in (*REQUIRED_KINDS, *OPTIONAL_KINDS)
        ]
    )


def set_optional_consent(*, user: User, kind: str, granted: bool, now: datetime) -> ConsentRecord:
    """Give or withdraw an optional consent; a new record, unless nothing changes."""
    if kind not in OPTIONAL_KINDS:
        raise RuleViolation(
            _("Required consents can only be withdrawn by closing your account."),
            code="required_consent",
        )
    current = ConsentRecord.objects.latest_by_kind(user.pk).get(kind)
    if current is not None and current.granted == granted and current.version == version_of(kind):
        return current
    return ConsentRecord.objects.create(
        user=user,
        kind=kind,
        version=version_of(kind),
        granted=granted,
        via=ConsentVia.PROFILE,
        at=now,
    )


# --- Withdrawal ----------------------------------------------------------------------------
def withdraw_account(*, user: User, now: datetime) -> Withdrawal:
    """Close the account at once, end its sessions, and queue the erasure of its data."""
    with refuse_duplicate(_("This account has already been closed."), code="already_withdrawn"):
        withdrawal = Withdrawal.objects.create(
            user=user, requested_at=now, erase_after=now + ERASURE_DELAY
        )
        User.objects.filter(pk=user.pk).update(is_active=False)
        end_sessions(user_id=user.pk, now=now)
        transaction.on_commit(lambda: schedule_erasure(withdrawal, now=now))
    user.is_active = False
    return withdrawal


def end_sessions(*, user_id: int, now: datetime) -> int:
    """Delete every session of the account from the session store and revoke its API tokens
    for good (`core.sessions`, `api.auth`: the same as a deactivation by staff)."""
    return end_access(User.objects.get(pk=user_id), now=now)


def schedule_erasure(withdrawal: Withdrawal, *, now: datetime) -> None:
    """Queue the erasure task for when the withdrawal's erasure is due."""
    from maeul.privacy.tasks import erase_withdrawn_accounts

    due = withdrawal.erase_after
    task = erase_withdrawn_accounts.using(run_after=due) if due > now else erase_withdrawn_accounts
    task.enqueue()


# --- Erasure -------------------------------------------------------------------------------
def erase_due_accounts(*, now: datetime) -> int:
    """Erase every withdrawn account whose erasure is due; returns how many were erased.

    Each account is erased in its own transaction, so one failure does not hold back the
    others; a failure is logged and raised after the rest are done.
    """
    erased, failed = 0, 0
    for withdrawal_id in Withdrawal.objects.due(now).values_list("pk", flat=True):
        try:
            erased += erase_account(withdrawal_id=withdrawal_id, now=now)
        except Exception:
            logger.exception("erasure of withdrawal %s failed", withdrawal_id)
            failed += 1
    if failed:
        raise RuntimeError(f"{failed} erasure(s) failed; see the log")
    return erased


def erase_account(*, withdrawal_id: int, now: datetime) -> bool:
    """Erase one withdrawn person's data (see the module docstring); False if already done."""
    with transaction.atomic():
        withdrawal = Withdrawal.objects.select_for_update().get(pk=withdrawal_id)
        if withdrawal.erased_at is not None:
            return False
        user = User.objects.select_for_update().get(pk=withdrawal.user_id)
        shown_name = user.display_name
        _erase_user_fields(user)
        _erase_related(user, shown_name=shown_name, now=now)
        end_sessions(user_id=user.pk, now=now)
        withdrawal.erased_at = now
        withdrawal.save(update_fields=["erased_at"])
        audit.record(
            actor=None, action="privacy.erase_account", target=withdrawal, ip=None, now=now
        )
    return True


def _erase_user_fields(user: User) -> None:
    user.email = f"withdrawn-{secrets.token_hex(12)}@{WITHDRAWN_EMAIL_DOMAIN}"
    user.display_name = ""
    user.birth_year = None
    user.birth_year_changed_at = None
    user.phone_enc = ""
    user.phone_hmac = None
    user.verified_at = None
    user.verification_method = ""
    user.verified_by = None
    user.is_active = False
    user.is_staff = False
    user.is_superuser = False
    user.last_login = None
    user.set_unusable_password()
    # Identity hashes added to the account later (a name + birth-date hash, say) go too.
    for field in User._meta.concrete_fields:
        if field.name.endswith("_hmac") and field.name != "phone_hmac":
            setattr(user, field.attname, None if field.null else "")
    user.save()
    user.groups.clear()
    user.user_permissions.clear()


def _erase_related(user: User, *, shown_name: str, now: datetime) -> None:
    from allauth.account.models import EmailAddress
    from allauth.socialaccount.models import SocialAccount

    from maeul.archive import personal_data as archive
    from maeul.consultations import personal_data as consultations
    from maeul.councils.models import CouncilMember, MembershipApplication
    from maeul.courses import personal_data as courses
    from maeul.grants import personal_data as grants
    from maeul.spaces import personal_data as spaces
    from maeul.volunteering import personal_data as volunteering
    from maeul.voting.models import Option, Participation, VoteStatus

    with translation.override(settings.LANGUAGE_CODE):
        former = _("Former member")
    DongTie.objects.filter(user=user).delete()
    RoleAssignment.objects.filter(user=user).delete()
    PhoneCode.objects.filter(user=user).delete()
    Notification.objects.filter(recipient=user).delete()
    EmailAddress.objects.filter(user=user).delete()
    SocialAccount.objects.filter(user=user).delete()
    # Still counted, no longer anyone's: the participation keeps vote, channel and time.
    # In counted votes its keys go too (nobody can vote there any more), so that even the
    # data key and the person's phone number cannot show that they took part.
    Participation.objects.filter(user=user, vote__status=VoteStatus.COUNTED).update(
        account_key=None, phone_key=None, person_key=None
    )
    Participation.objects.filter(user=user).update(user=None)
    # Council composition is the office's record (조례); only the sign-in link goes.
    CouncilMember.objects.filter(user=user).update(user=None)
    MembershipApplication.objects.filter(user=user).update(public_name=former, motivation="")
    if shown_name:
        # Vote options copied the proposer's name when the vote was set up.
        Option.objects.filter(proposal__author=user, proposer=shown_name).update(proposer=former)
    # The newer apps say, each in its `personal_data.erase`, what they delete, clear or keep.
    for app in (grants, spaces, consultations, courses, volunteering, archive):
        app.erase(user, now=now)
