"""Naming a voter across channels, and the secret link from a participation to its ballot.

A person is known by up to three keys, each a keyed hash specific to one vote, so the
same person gets the same keys online and on paper, and keys of two votes cannot be
matched:
- `account_key`: their account (online voters, and paper voters whose phone number leads
  to an account);
- `phone_key`: their phone number's lookup hash (verified by phone online, or given at the
  ballot box);
- `person_key`: name and birth date, as 본인확인 returned them at verification or as staff
  read them from the identity card (신분증), with the dong the person votes in. Maeul keeps
  only a keyed hash of the name and birth date (`accounts.person`); no resident
  registration number is ever asked for.
A participation stores every key it knows, each unique within the vote, so an earlier
ballot is found whichever identifier the second channel has.
"""

import base64
import os
from dataclasses import dataclass
from datetime import date
from typing import Any

from cryptography.fernet import Fernet, InvalidToken

from maeul.accounts import person as persons
from maeul.accounts import phone as phones
from maeul.accounts.models import TieKind, User
from maeul.core import data_key
from maeul.places.models import Dong
from maeul.voting.models import Vote, VoteKey

VoterKeys = dict[str, str | None]


def _hmac(purpose: bytes, message: str) -> str:
    return data_key.keyed_hash(purpose, message)


def voter_key(vote: Vote, identity: str) -> str:
    """The key, in `vote`, of the person named by `identity` (`kind:value`)."""
    return _hmac(b"voter-key", f"{vote.pk}|{identity}")


def _person_identity(person_hmac: str, dong: Dong) -> str:
    return f"person:{person_hmac}|{dong.code}"


def keys_for_account(vote: Vote, user: Any, dong: Dong | None) -> VoterKeys:
    """Every key of an online voter: account, phone if verified by phone, and name and
    birth date (from verification) with the dong they vote in."""
    person_hmac = getattr(user, "person_hmac", "") or ""
    return {
        "account_key": voter_key(vote, f"account:{user.pk}"),
        "phone_key": voter_key(vote, f"phone:{user.phone_hmac}") if user.phone_hmac else None,
        "person_key": (
            voter_key(vote, _person_identity(person_hmac, dong))
            if person_hmac and dong is not None
            else None
        ),
    }


@dataclass(frozen=True)
class PaperVoter:
    """The person at the ballot box (or on the postal envelope), as staff identify them."""

    name: str
    birth_date: date
    dong: Dong
    phone: str = ""  # as typed; normalised here
    tie: str = TieKind.LIVES

    def phone_hmac(self) -> str | None:
        return phones.lookup_hash(phones.normalize(self.phone)) if self.phone else None

    def account(self) -> User | None:
        """The verified account that has this phone number, if any."""
        digest = self.phone_hmac()
        if digest is None:
            return None
        return User.objects.filter(phone_hmac=digest, is_active=True).first()

    def keys(self, vote: Vote, account: User | None = None) -> VoterKeys:
        """Every key staff can name this person by: name, birth date and dong always; the
        phone and the account it verified when a phone number is given."""
        digest = self.phone_hmac()
        person_hmac = persons.person_hash(self.name, self.birth_date)
        return {
            "account_key": voter_key(vote, f"account:{account.pk}") if account else None,
            "phone_key": voter_key(vote, f"phone:{digest}") if digest else None,
            "person_key": voter_key(vote, _person_identity(person_hmac, self.dong)),
        }


def create_vote_key(vote: Vote) -> VoteKey:
    return VoteKey.objects.get_or_create(vote=vote, defaults={"salt": os.urandom(32)})[0]


def vote_key_of(vote: Vote) -> VoteKey:
    """The vote's key (read with the vote where the caller used `select_related("key")`)."""
    try:
        return vote.key
    except VoteKey.DoesNotExist:
        return create_vote_key(vote)


def _fernet(vote_key: VoteKey) -> Fernet:
    return Fernet(
        base64.urlsafe_b64encode(data_key.derived_key(b"ballot-link" + bytes(vote_key.salt)))
    )


def seal_link(vote_key: VoteKey, ballot_id: str) -> str:
    return _fernet(vote_key).encrypt(ballot_id.encode()).decode()


def open_link(vote_key: VoteKey | None, sealed: str) -> str | None:
    """The ballot id a participation points to, or None once the key is gone."""
    if vote_key is None or not sealed:
        return None
    try:
        return _fernet(vote_key).decrypt(sealed.encode()).decode()
    except InvalidToken:
        return None
