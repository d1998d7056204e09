"""A person as an identity card or 본인확인 names them: name and full birth date.

Kept only as a keyed hash, never in plain text, so that a ballot-box check (staff reading
the 신분증) and an online account verified with the same name and birth date meet on the
same value without Maeul storing either. No resident registration number is involved.
"""

import unicodedata
from datetime import date

from django.utils.translation import gettext as _

from maeul.core import data_key
from maeul.core.errors import RuleViolation


def normalize_name(name: str) -> str:
    """NFC and no spaces: "홍 길동" and "홍길동" typed by two staff members are one name."""
    return unicodedata.normalize("NFC", "".join((name or "").split()))


def person_hash(name: str, birth_date: date) -> str:
    """The keyed hash of a name and birth date (the site's data key decides it)."""
    message = f"{normalize_name(name)}|{birth_date.isoformat()}"
    return data_key.keyed_hash(b"person-identity", message)


EARLIEST_BIRTH_DATE = date(1900, 1, 1)


def check_birth_date(birth_date: date, *, today: date) -> date:
    """`birth_date` if it can be a living person's; else RuleViolation with the reason."""
    if birth_date > today:
        raise RuleViolation(
            _("A birth date cannot be in the future."), code="birth_date", field="birth_date"
        )
    if birth_date < EARLIEST_BIRTH_DATE:
        raise RuleViolation(
            _("Enter a birth date from 1900 onwards."), code="birth_date", field="birth_date"
        )
    return birth_date


def checked_person_hash(name: str, birth_date: date, *, today: date) -> str:
    """`person_hash` of a name and birth date; RuleViolation when either cannot be a person's."""
    if not normalize_name(name):
        raise RuleViolation(_("Enter the name as on the identity card."), code="name", field="name")
    check_birth_date(birth_date, today=today)
    return person_hash(name, birth_date)


def parse_birth_date(text: str) -> date:
    """A birth date as people type it: 1960-03-15, 1960.3.15 or 19600315."""
    cleaned = (text or "").strip().rstrip(".").replace(".", "-").replace("/", "-")
    cleaned = "-".join(part.strip() for part in cleaned.split("-"))
    try:
        if cleaned.isdigit() and len(cleaned) == 8:
            return date(int(cleaned[:4]), int(cleaned[4:6]), int(cleaned[6:]))
        year, month, day = (int(part) for part in cleaned.split("-"))
        return date(year, month, day)
    except ValueError:
        raise RuleViolation(_("Enter the birth date as 1990-03-15."), code="birth_date") from None
