"""Naming a voter across channels, and the secret link from a participation to its ballot.

A voter key is a keyed hash of who the person is, specific to one vote, so the same person
gets the same key online and on paper, and keys of two votes cannot be matched:
- a person whose phone number is known (verified by phone, or given at the ballot box):
  the phone's lookup hash;
- an account verified at the office without a phone: the account;
- a paper voter without a phone: name, birth date and dong as staff read them from the
  identity card (신분증). No resident registration number is ever asked for.
"""

import base64
import hashlib
import hmac
import os
import unicodedata
from dataclasses import dataclass
from datetime import date

from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings

from maeul.accounts import phone as phones
from maeul.accounts.models import User
from maeul.places.models import Dong
from maeul.voting.models import Vote, VoteKey


def _hmac(purpose: bytes, message: str) -> str:
    key = hmac.new(settings.MAEUL_DATA_KEY.encode(), purpose, hashlib.sha256).digest()
    return hmac.new(key, message.encode(), hashlib.sha256).hexdigest()


def voter_key(vote: Vote, identity: str) -> str:
    """The key of the person named by `identity` (see the module docstring) in `vote`."""
    return _hmac(b"voter-key", f"{vote.pk}|{identity}")


def account_identity(user: User) -> str:
    if user.phone_hmac:
        return f"phone:{user.phone_hmac}"
    return f"account:{user.pk}"


def voter_key_for_account(vote: Vote, user: User) -> str:
    return voter_key(vote, account_identity(user))


@dataclass(frozen=True)
class PaperVoter:
    """The person at the ballot box (or on the postal envelope), as staff identify them."""

    name: str
    birth_date: date
    dong: Dong
    phone: str = ""  # as typed; normalised here
    tie: str = "lives"

    def account(self) -> User | None:
        """The verified account that has this phone number, if any."""
        if not self.phone:
            return None
        return User.objects.filter(
            phone_hmac=phones.lookup_hash(phones.normalize(self.phone)), is_active=True
        ).first()

    def identity(self) -> str:
        if self.phone:
            return f"phone:{phones.lookup_hash(phones.normalize(self.phone))}"
        # NFC and no spaces: "홍 길동" and "홍길동" typed by two staff members are one name.
        name = unicodedata.normalize("NFC", "".join(self.name.split()))
        return f"person:{name}|{self.birth_date.isoformat()}|{self.dong.code}"

    def voter_key(self, vote: Vote) -> str:
        return voter_key(vote, self.identity())


def create_vote_key(vote: Vote) -> VoteKey:
    return VoteKey.objects.get_or_create(vote=vote, defaults={"salt": os.urandom(32)})[0]


def vote_key_of(vote: Vote) -> VoteKey:
    """The vote's key (read with the vote where the caller used `select_related("key")`)."""
    try:
        return vote.key
    except VoteKey.DoesNotExist:
        return create_vote_key(vote)


def _fernet(vote_key: VoteKey) -> Fernet:
    secret = hmac.new(
        settings.MAEUL_DATA_KEY.encode(), b"ballot-link" + bytes(vote_key.salt), hashlib.sha256
    ).digest()
    return Fernet(base64.urlsafe_b64encode(secret))


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
