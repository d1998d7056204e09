"""A person as an identity card or 본인확인 names them: name and full birth date.

Kept only as a keyed hash, never in plain text, so that a ballot-box check (staff reading
the 신분증) and an online account verified with the same name and birth date meet on the
same value without Maeul storing either. No resident registration number is involved.
"""

import hashlib
import hmac
import unicodedata
from datetime import date

from django.conf import settings


def normalize_name(name: str) -> str:
    """NFC and no spaces: "홍 길동" and "홍길동" typed by two staff members are one name."""
    return unicodedata.normalize("NFC", "".join((name or "").split()))


def person_hash(name: str, birth_date: date) -> str:
    """The keyed hash of a name and birth date (the site's data key decides it)."""
    key = hmac.new(settings.MAEUL_DATA_KEY.encode(), b"person-identity", hashlib.sha256).digest()
    message = f"{normalize_name(name)}|{birth_date.isoformat()}"
    return hmac.new(key, message.encode(), hashlib.sha256).hexdigest()
