"""The personal-data access log (개인정보 접속기록): one function, called by staff views.

Every staff view, search, entry, change or export of personal data writes one row: who,
when, from where, whose data, what and why. The row names its subject by account (a
foreign key, kept even after the account is gone) or, for a person without an account
such as a paper voter, by a description that identifies nobody: never an e-mail address,
a phone number or a resident registration number.
"""

import re
from datetime import datetime
from typing import Any

from maeul.core.models import AccessAction, PersonalDataAccess
from maeul.core.privacy import PHONE_NUMBER, RESIDENT_NUMBER

EMAIL = re.compile(r"[^@\s]+@[^@\s]+")


def identifying(text: str) -> bool:
    """Whether `text` holds an e-mail address, a phone number or a resident registration number."""
    return bool(EMAIL.search(text) or PHONE_NUMBER.search(text) or RESIDENT_NUMBER.search(text))


def record_access(
    *,
    staff: Any,
    subject: Any,
    action: AccessAction | str,
    what: str,
    reason: str,
    ip: str | None,
    now: datetime,
) -> PersonalDataAccess:
    """Write one access-log row.

    `subject` is the account whose data was seen, or a short description that identifies
    nobody (`"paper voter"`, `"council 12: members and applicants"`), or None when a search
    found nobody. A description or reason holding an e-mail address or a phone or resident
    registration number is a programming error (ValueError): the log must not leak.
    """
    description = subject if isinstance(subject, str) else ""
    account = subject if getattr(subject, "pk", None) is not None else None
    if identifying(description) or identifying(what) or identifying(reason):
        raise ValueError("An access-log row must not hold an e-mail address or a number.")
    if not reason.strip():
        raise ValueError("An access-log row needs a reason.")
    return PersonalDataAccess.objects.create(
        staff=staff,
        subject=account,
        subject_description=description[:200],
        action=AccessAction(action),
        what=what[:200],
        reason=reason[:300],
        ip_address=ip,
        at=now,
    )
