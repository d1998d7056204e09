"""Typed readers for settings taken from the environment.

Each reader fails loudly with a one-line Korean and English message that names the
variable, so a typo in a deployment never silently falls back to a default.
"""

import os
import secrets
import tempfile
from pathlib import Path
from typing import Any

import dj_database_url
from django.core.exceptions import ImproperlyConfigured


class ConfigError(ImproperlyConfigured):
    """A setting read from the environment has a value we cannot use."""


TRUE_WORDS = {"1", "true", "yes", "on"}
FALSE_WORDS = {"0", "false", "no", "off", ""}


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in TRUE_WORDS:
        return True
    if value in FALSE_WORDS:
        return False
    raise ConfigError(
        f"환경 변수 {name}의 값이 올바르지 않습니다(true/false). "
        f"Invalid value for {name}: expected true or false."
    )


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_str(name: str, default: str) -> str:
    return os.environ.get(name, default)


def env_database(name: str, default_sqlite: Path) -> dict[str, Any]:
    """Parse a database URL; the default is an SQLite file (embedded database)."""
    raw = os.environ.get(name, "").strip()
    if not raw:
        return {"ENGINE": "django.db.backends.sqlite3", "NAME": str(default_sqlite)}
    try:
        config: dict[str, Any] = dict(dj_database_url.parse(raw, conn_max_age=60))
    except Exception as exc:
        raise ConfigError(
            f"환경 변수 {name}의 데이터베이스 주소를 읽을 수 없습니다. "
            f"Invalid {name}: cannot parse the database URL ({type(exc).__name__})."
        ) from None
    engine = config.get("ENGINE", "")
    if engine not in {"django.db.backends.sqlite3", "django.db.backends.postgresql"}:
        raise ConfigError(
            f"환경 변수 {name}는 sqlite:// 또는 postgres:// 주소여야 합니다. "
            f"Invalid {name}: only sqlite:// and postgres:// URLs are supported."
        )
    if not config.get("NAME"):
        raise ConfigError(
            f"환경 변수 {name}에 데이터베이스 이름이 없습니다. "
            f"Invalid {name}: the URL names no database."
        )
    return config


def private_directory(path: Path) -> Path:
    """Create `path` readable by its owner only (0700) when it does not exist yet.

    An existing directory keeps its mode: the operator may have opened it on purpose, and a
    deploy check (maeul.W002) reports one that others can read.
    """
    path.mkdir(mode=0o700, parents=True, exist_ok=True)
    return path


def private_file(path: Path) -> Path:
    """Create an empty file readable by its owner only (0600) when it does not exist yet.

    For the SQLite database: SQLite gives its -wal and -shm files the database file's mode,
    so creating the file first keeps all three private whatever the umask.
    """
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return path
    os.close(fd)
    return path


def secret_from_file(name: str, path: Path, *, create: bool = True) -> str:
    """Read a secret from the environment, else from `path`.

    With `create` (development) a missing file is made once with a fresh random value; without
    it a missing or empty file stops start-up: a key the operator placed must never be
    silently replaced, or the data it encrypts becomes unreadable.
    """
    raw = os.environ.get(name)
    if raw:
        return raw
    if path.exists():
        value = path.read_text(encoding="utf-8").strip()
        if value or create:
            return value
    if not create:
        raise ConfigError(
            f"{name}_FILE이 가리키는 키 파일이 없거나 비어 있습니다: {path}. "
            f"Invalid {name}_FILE: no key in {path}."
        )
    private_directory(path.parent)
    value = secrets.token_urlsafe(50)
    # Written whole to a private temporary file (mode 0600: it holds a key), then linked into
    # place: several processes starting at once (gunicorn workers, pytest-xdist) all end up
    # with the one value that won, and none reads a half-written file.
    fd, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(value)
        try:
            os.link(temporary, path)
        except FileExistsError:
            return path.read_text(encoding="utf-8").strip()
    finally:
        os.unlink(temporary)
    return value
