"""Phone numbers: normalised, encrypted at rest, looked up by a keyed hash, masked in logs.

A phone number is personal data we keep only to prove that one account is one person
(본인인증). It is never stored in plain text: `encrypt` gives the stored token, `lookup_hash`
the column that enforces "one phone number, one verified account".
"""

import re

from django.utils.translation import gettext_lazy as _

from maeul.core import data_key
from maeul.core.errors import RuleViolation

# Korean mobile numbers: 010 followed by 8 digits (011/016-019 were retired in 2021,
# but a few still work, so accept them).
MOBILE_PATTERN = re.compile(r"^01[016789]\d{7,8}$")


def normalize(raw: str) -> str:
    """Digits only, with +82 turned into a leading 0; raises RuleViolation when not a mobile."""
    digits = re.sub(r"[\s\-().]", "", raw or "")
    if digits.startswith("+82"):
        digits = "0" + digits[3:]
    if not MOBILE_PATTERN.fullmatch(digits):
        raise RuleViolation(_("Enter a mobile phone number such as 010-1234-5678."), code="phone")
    return digits


def encrypt(phone: str) -> str:
    return data_key.seal(b"phone-encryption", phone)


def decrypt(token: str) -> str | None:
    return data_key.unseal(b"phone-encryption", token)


def lookup_hash(phone: str) -> str:
    return data_key.keyed_hash(b"phone-lookup", phone)


def mask(phone: str) -> str:
    """`010-****-1234`: the only form of a phone number that may appear in logs or pages."""
    return f"{phone[:3]}-****-{phone[-4:]}"
