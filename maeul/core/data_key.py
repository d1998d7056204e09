"""Keys derived from the site's one data key (`MAEUL_DATA_KEY`), one per purpose.

Every keyed hash and every encrypted personal value (phone numbers, bank accounts, the
ballot links of an open vote, identity hashes) takes its key from here, so that a key is
never derived two ways and the data key never leaves this module.
"""

import base64
import hashlib
import hmac

from cryptography.fernet import Fernet, InvalidToken
from django.conf import settings


def derived_key(purpose: bytes) -> bytes:
    return hmac.new(settings.MAEUL_DATA_KEY.encode(), purpose, hashlib.sha256).digest()


def keyed_hash(purpose: bytes, message: str) -> str:
    """HMAC-SHA256 of `message` under the purpose's key, in hex."""
    return hmac.new(derived_key(purpose), message.encode(), hashlib.sha256).hexdigest()


def _fernet(purpose: bytes) -> Fernet:
    return Fernet(base64.urlsafe_b64encode(derived_key(purpose)))


def seal(purpose: bytes, text: str) -> str:
    return _fernet(purpose).encrypt(text.encode()).decode()


def unseal(purpose: bytes, token: str) -> str | None:
    """The sealed text, or None when the token is not one of ours (or the key changed)."""
    try:
        return _fernet(purpose).decrypt(token.encode()).decode()
    except InvalidToken:
        return None
