"""One backup file: a tar (manifest, database dump, uploaded files) encrypted as a stream.

Inside the tar: `manifest.json`; `database/maeul.sqlite3` or `database/maeul.pgdump`;
`media/…` (MEDIA_ROOT) and `private/…` (PRIVATE_ROOT). The manifest names the backend, the
time, each table's row count and checksum, each vote's ballot summary, and the SHA-256 of
every file in the tar. A restore decrypts and checks all of it in a private temporary folder
before it touches the database or the files; a wrong key or a damaged file changes nothing.
"""

import hashlib
import json
import os
import shutil
import tarfile
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connection

from maeul.core.backup import snapshot
from maeul.core.backup.crypto import CORRUPTED, BackupError, decrypt_chunks, encrypt_stream

FORMAT = 1
MANIFEST = "manifest.json"
DUMPS = {"sqlite": "database/maeul.sqlite3", "postgresql": "database/maeul.pgdump"}


@dataclass(frozen=True)
class Outcome:
    path: Path
    manifest: dict[str, Any]
    seconds: float


@contextmanager
def _workspace() -> Iterator[Path]:
    """A temporary folder readable by this account only, removed afterwards."""
    path = Path(tempfile.mkdtemp(prefix="maeul-backup-"))
    os.chmod(path, 0o700)
    try:
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        while block := handle.read(1 << 20):
            digest.update(block)
    return digest.hexdigest()


def _folders() -> dict[str, Path]:
    return {"media": Path(settings.MEDIA_ROOT), "private": Path(settings.PRIVATE_ROOT)}


def _dump(workspace: Path) -> tuple[Path, snapshot.Fingerprints, snapshot.Fingerprints]:
    target = workspace / DUMPS[connection.vendor]
    target.parent.mkdir()
    if connection.vendor == "sqlite":
        snapshot.sqlite_copy(snapshot.sqlite_path(), target)
        return target, *snapshot.sqlite_fingerprints(target)
    return target, *snapshot.pg_dump(target)


def make_backup(output: Path, *, key: bytes, now: datetime) -> Outcome:
    """Write an encrypted backup of the database and the uploaded files to `output`."""
    started = time.monotonic()
    if connection.vendor not in DUMPS:
        raise BackupError(
            f"지원하지 않는 데이터베이스입니다 / unsupported database: {connection.vendor}"
        )
    with _workspace() as workspace:
        dump, tables, votes = _dump(workspace)
        files = {DUMPS[connection.vendor]: _sha256(dump)}
        members: list[tuple[Path, str]] = [(dump, DUMPS[connection.vendor])]
        for label, root in _folders().items():
            if not root.is_dir():
                continue
            for path in sorted(p for p in root.rglob("*") if p.is_file()):
                name = f"{label}/{path.relative_to(root).as_posix()}"
                files[name] = _sha256(path)
                members.append((path, name))
        manifest = {
            "format": FORMAT,
            "created_at": now.isoformat(),
            "backend": connection.vendor,
            "tables": tables,
            "votes": votes,
            "files": files,
        }
        (workspace / MANIFEST).write_text(json.dumps(manifest, indent=1), encoding="utf-8")
        plain = workspace / "backup.tar"
        with tarfile.open(plain, "w") as tar:
            tar.add(workspace / MANIFEST, MANIFEST)
            for path, name in members:
                tar.add(path, name)
        output.parent.mkdir(parents=True, exist_ok=True)
        partial = output.with_name(output.name + ".partial")
        fd = os.open(partial, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with plain.open("rb") as source, os.fdopen(fd, "wb") as target:
            encrypt_stream(source, target, key)
            target.flush()
            os.fsync(target.fileno())
        partial.replace(output)
    return Outcome(output, manifest, time.monotonic() - started)


def _unpack(source: Path, key: bytes, workspace: Path) -> dict[str, Any]:
    """Decrypt and extract `source` into `workspace`; check every file against the manifest."""
    plain = workspace / "backup.tar"
    try:
        with source.open("rb") as encrypted, plain.open("wb") as target:
            for chunk in decrypt_chunks(encrypted, key):
                target.write(chunk)
    except FileNotFoundError:
        raise BackupError(f"백업 파일이 없습니다 / no such backup file: {source}") from None
    extracted = workspace / "content"
    try:
        with tarfile.open(plain) as tar:
            tar.extractall(extracted, filter="data")
        manifest: dict[str, Any] = json.loads((extracted / MANIFEST).read_text(encoding="utf-8"))
    except (tarfile.TarError, OSError, ValueError):
        raise BackupError(CORRUPTED) from None
    plain.unlink()
    if manifest.get("format") != FORMAT:
        raise BackupError(
            "이 백업 파일의 형식을 읽을 수 없습니다 / unknown backup format "
            f"{manifest.get('format')!r}."
        )
    for name, digest in manifest["files"].items():
        path = extracted / name
        if not path.is_file() or _sha256(path) != digest:
            raise BackupError(CORRUPTED)
    return manifest


def _compare(
    manifest: dict[str, Any], tables: snapshot.Fingerprints, votes: snapshot.Fingerprints
) -> list[str]:
    differences = [
        name for name, figures in manifest["tables"].items() if tables.get(name) != figures
    ]
    differences += [
        f"vote {v}" for v, figures in manifest["votes"].items() if votes.get(v) != figures
    ]
    return differences


def restore_backup(source: Path, *, key: bytes) -> Outcome:
    """Put the database and the uploaded files of `source` back; check them afterwards."""
    started = time.monotonic()
    with _workspace() as workspace:
        manifest = _unpack(source, key, workspace)
        content = workspace / "content"
        if manifest["backend"] != connection.vendor:
            raise BackupError(
                f"이 백업은 {manifest['backend']} 데이터베이스의 것입니다. 지금 설정은 "
                f"{connection.vendor}입니다. 아무것도 바꾸지 않았습니다. "
                f"The backup is of a {manifest['backend']} database, this site uses "
                f"{connection.vendor}; nothing was changed."
            )
        dump = content / DUMPS[connection.vendor]
        if connection.vendor == "sqlite":
            if _compare(manifest, *snapshot.sqlite_fingerprints(dump)):
                raise BackupError(CORRUPTED)
            connection.close()
            snapshot.sqlite_copy(dump, snapshot.sqlite_path())
        else:
            snapshot.pg_restore(dump)
        for label, root in _folders().items():
            _replace_folder(content / label, root)
        differences = _compare(manifest, *snapshot.live_fingerprints())
        if differences:
            raise BackupError(
                "복원한 데이터가 백업의 목록과 다릅니다 / the restored data differs from the "
                f"manifest: {', '.join(differences[:10])}"
            )
    return Outcome(source, manifest, time.monotonic() - started)


def _replace_folder(new: Path, root: Path) -> None:
    """Swap `root` for the backup's copy (an empty folder when the backup had none)."""
    root.parent.mkdir(parents=True, exist_ok=True)
    staged = root.with_name(root.name + ".restoring")
    shutil.rmtree(staged, ignore_errors=True)
    if new.is_dir():
        shutil.copytree(new, staged)
    else:
        staged.mkdir(mode=0o700)
    old = root.with_name(root.name + ".before-restore")
    shutil.rmtree(old, ignore_errors=True)
    if root.exists():
        root.rename(old)
    staged.rename(root)
    shutil.rmtree(old, ignore_errors=True)
