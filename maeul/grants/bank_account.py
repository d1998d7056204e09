"""A group's bank account for the transfer of its grant (교부 계좌): encrypted at rest with a
key derived from the data key (as `accounts/phone.py` does for phone numbers), shown only
masked ("***-***-1234"), never written to logs, the audit log, exports, the API or the admin.
"""

import re

from django.utils.translation import gettext_lazy as _

from maeul.core import data_key
from maeul.core.errors import RuleViolation

ACCOUNT_PATTERN = re.compile(r"^\d{10,16}$")


def normalize(raw: str) -> str:
    """Digits only (hyphens and spaces dropped); 10 to 16 digits, else RuleViolation."""
    digits = re.sub(r"[\s\-]", "", raw or "")
    if not ACCOUNT_PATTERN.fullmatch(digits):
        raise RuleViolation(
            _("Enter the bank account number: 10 to 16 digits, hyphens allowed."),
            field="account",
        )
    return digits


def encrypt(number: str) -> str:
    return data_key.seal(b"grant-account-encryption", number)


def decrypt(token: str) -> str | None:
    return data_key.unseal(b"grant-account-encryption", token)


def mask(number: str) -> str:
    """`***-***-1234`: the only form of an account number a page shows."""
    return f"***-***-{number[-4:]}"
