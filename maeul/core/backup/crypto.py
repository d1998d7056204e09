"""The backup key and the encrypted file format: streamed AES-256-GCM in 1 MiB chunks.

File layout: MAGIC, a random 16-byte salt, a 32-byte key check, then chunks, each
`length (4 bytes) · nonce (12) · ciphertext with its tag`. The chunk's number and whether it
is the last are authenticated with it (associated data), so a reordered, cut or extended
file is refused like a changed one. The two keys (encryption, key check) are derived from
MAEUL_BACKUP_KEY with HKDF and the salt; the key check tells a wrong key apart from a
damaged file.
"""

import base64
import hashlib
import hmac
import os
import secrets
import struct
from collections.abc import Iterator
from typing import BinaryIO

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from django.conf import settings

MAGIC = b"MAEUL-BACKUP-1\n"
SALT_BYTES = 16
CHECK_BYTES = 32
NONCE_BYTES = 12
CHUNK = 1 << 20
KEY_ENV = "MAEUL_BACKUP_KEY"
KEY_FILE_ENV = "MAEUL_BACKUP_KEY_FILE"


class BackupError(Exception):
    """A refusal with a message for the operator (Korean, then English)."""


def new_key() -> str:
    """A fresh backup key: 32 random bytes, URL-safe base64 (the form Fernet keys take)."""
    return base64.urlsafe_b64encode(secrets.token_bytes(32)).decode()


def backup_key(explicit: str | None = None) -> bytes:
    """The backup key's 32 bytes, from the argument, MAEUL_BACKUP_KEY or MAEUL_BACKUP_KEY_FILE.

    Refused: no key, a key that is not 32 bytes in URL-safe base64, and a key equal to the
    data key or SECRET_KEY (a backup must not travel with the key that opens it).
    """
    raw = explicit or os.environ.get(KEY_ENV, "")
    if not raw and os.environ.get(KEY_FILE_ENV):
        try:
            with open(os.environ[KEY_FILE_ENV], encoding="utf-8") as handle:
                raw = handle.read()
        except OSError as exc:
            raise BackupError(
                f"백업 열쇠 파일을 읽을 수 없습니다: {exc.strerror}. "
                f"Cannot read {KEY_FILE_ENV}: {exc.strerror}."
            ) from None
    raw = raw.strip()
    if not raw:
        raise BackupError(
            f"백업 열쇠가 없습니다. {KEY_ENV} 또는 {KEY_FILE_ENV}를 설정하세요 "
            "(새 열쇠: manage.py backup --new-key). "
            f"No backup key: set {KEY_ENV} or {KEY_FILE_ENV} (make one with --new-key)."
        )
    if raw in {settings.MAEUL_DATA_KEY.strip(), settings.SECRET_KEY.strip()}:
        raise BackupError(
            "백업 열쇠가 데이터 열쇠(또는 SECRET_KEY)와 같습니다. 백업에는 따로 만든 열쇠를 "
            "쓰고 데이터 열쇠와 다른 곳에 보관하세요. "
            "The backup key equals the data key (or SECRET_KEY); use a separate key."
        )
    try:
        key = base64.urlsafe_b64decode(raw.encode())
    except ValueError:
        key = b""
    if len(key) != 32:
        raise BackupError(
            "백업 열쇠의 형식이 맞지 않습니다 (32바이트, URL-safe base64). "
            "manage.py backup --new-key로 만드세요. "
            "The backup key must be 32 bytes in URL-safe base64 (see --new-key)."
        )
    return key


def _derive(key: bytes, salt: bytes) -> tuple[bytes, bytes]:
    material = HKDF(algorithm=hashes.SHA256(), length=64, salt=salt, info=b"maeul-backup").derive(
        key
    )
    return material[:32], material[32:]


def _check(check_key: bytes) -> bytes:
    return hmac.new(check_key, b"maeul backup key check", hashlib.sha256).digest()


def _aad(index: int, last: bool) -> bytes:
    return MAGIC + struct.pack(">QB", index, int(last))


def encrypt_stream(source: BinaryIO, target: BinaryIO, key: bytes) -> None:
    """Encrypt `source` into `target` chunk by chunk; memory stays at about two chunks."""
    salt = secrets.token_bytes(SALT_BYTES)
    enc_key, check_key = _derive(key, salt)
    aead = AESGCM(enc_key)
    target.write(MAGIC + salt + _check(check_key))
    index = 0
    chunk = source.read(CHUNK)
    while True:
        following = source.read(CHUNK)
        last = not following
        nonce = secrets.token_bytes(NONCE_BYTES)
        sealed = aead.encrypt(nonce, chunk, _aad(index, last))
        target.write(struct.pack(">I", len(sealed)) + nonce + sealed)
        if last:
            return
        chunk, index = following, index + 1


CORRUPTED = (
    "백업 파일이 손상되었거나 잘렸습니다. 아무것도 바꾸지 않았습니다. "
    "The backup file is damaged or truncated; nothing was changed."
)


def decrypt_chunks(source: BinaryIO, key: bytes) -> Iterator[bytes]:
    """The plain chunks of `source`, each authenticated before it is given out.

    Raises BackupError for another file, a wrong key, or any change to the file. A caller
    must not act on the plain text before the iterator is exhausted (the last chunk proves
    the file is whole).
    """
    header = source.read(len(MAGIC) + SALT_BYTES + CHECK_BYTES)
    if not header.startswith(MAGIC) or len(header) < len(MAGIC) + SALT_BYTES + CHECK_BYTES:
        raise BackupError(
            "마을 백업 파일이 아닙니다. 아무것도 바꾸지 않았습니다. "
            "This is not a Maeul backup file; nothing was changed."
        )
    salt = header[len(MAGIC) : len(MAGIC) + SALT_BYTES]
    enc_key, check_key = _derive(key, salt)
    if not hmac.compare_digest(header[len(MAGIC) + SALT_BYTES :], _check(check_key)):
        raise BackupError(
            "백업 열쇠가 맞지 않습니다. 이 파일을 만들 때 쓴 열쇠를 넣으세요. "
            "아무것도 바꾸지 않았습니다. "
            "Wrong backup key for this file; nothing was changed."
        )
    aead = AESGCM(enc_key)
    index = 0
    while True:
        prefix = source.read(4)
        if len(prefix) < 4:
            raise BackupError(CORRUPTED)
        (length,) = struct.unpack(">I", prefix)
        nonce = source.read(NONCE_BYTES)
        sealed = source.read(length)
        if len(nonce) < NONCE_BYTES or len(sealed) < length:
            raise BackupError(CORRUPTED)
        for last in (False, True):
            try:
                plain = aead.decrypt(nonce, sealed, _aad(index, last))
            except InvalidTag:
                continue
            break
        else:
            raise BackupError(CORRUPTED)
        yield plain
        if last:
            if source.read(1):
                raise BackupError(CORRUPTED)
            return
        index += 1
