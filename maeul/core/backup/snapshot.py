"""A consistent copy of the database and, from the same moment, each table's fingerprint.

SQLite: the online backup API (`sqlite3.Connection.backup`) copies the live file while the
site keeps writing; the fingerprints are then read from the copy. PostgreSQL: one
REPEATABLE READ transaction exports its snapshot, `pg_dump -Fc --snapshot` dumps exactly
that, and the fingerprints are read in the same transaction.

A fingerprint is the row count and the SHA-256 of the rows in primary-key order (values as
the driver returns them, one JSON line a row); each vote's ballots are summarised too (the
count, the SHA-256 of the profile `content\tcount` and of the sorted receipts), so a
restore can be compared with the source vote by vote.
"""

import hashlib
import json
import os
import sqlite3
import subprocess
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from django.db import connection, transaction

from maeul.core.backup.crypto import BackupError

BALLOT_TABLE = "voting_ballot"
Fingerprints = dict[str, dict[str, Any]]


def _plain(value: Any) -> Any:
    if isinstance(value, bytes | bytearray | memoryview):
        return bytes(value).hex()
    return str(value)


def _digest_rows(rows: Iterable[tuple[Any, ...]]) -> tuple[int, str]:
    digest, count = hashlib.sha256(), 0
    for row in rows:
        line = json.dumps(list(row), default=_plain, ensure_ascii=False, sort_keys=True)
        digest.update(line.encode() + b"\n")
        count += 1
    return count, digest.hexdigest()


def _fetch(cursor: Any, sql: str) -> Iterable[tuple[Any, ...]]:
    cursor.execute(sql)
    while rows := cursor.fetchmany(5000):
        yield from rows


def _votes(rows: Iterable[tuple[Any, ...]]) -> Fingerprints:
    """Per vote: ballots, SHA-256 of the profile and of the sorted receipts."""
    profiles: dict[str, Counter[str]] = defaultdict(Counter)
    receipts: dict[str, list[str]] = defaultdict(list)
    for vote_id, content, receipt in rows:
        profiles[str(vote_id)][content] += 1
        receipts[str(vote_id)].append(receipt)
    summary: Fingerprints = {}
    for vote_id, profile in profiles.items():
        lines = "".join(f"{content}\t{n}\n" for content, n in sorted(profile.items()))
        summary[vote_id] = {
            "ballots": sum(profile.values()),
            "profile_sha256": hashlib.sha256(lines.encode()).hexdigest(),
            "receipts_sha256": hashlib.sha256(
                "\n".join(sorted(receipts[vote_id])).encode()
            ).hexdigest(),
        }
    return summary


# --- SQLite ----------------------------------------------------------------------------


def sqlite_path() -> Path:
    return Path(connection.settings_dict["NAME"])


def sqlite_copy(source: Path, target: Path) -> None:
    """Copy `source` into `target` with the online backup API (a consistent snapshot)."""
    src = sqlite3.connect(source, timeout=30)
    dst = sqlite3.connect(target)
    try:
        with dst:
            src.backup(dst, pages=4096)
    finally:
        dst.close()
        src.close()


def sqlite_fingerprints(path: Path) -> tuple[Fingerprints, Fingerprints]:
    """(tables, votes) of the SQLite file at `path`, read with plain sqlite3 (no converters)."""
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        names = [
            row[0]
            for row in conn.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' "
                "AND name NOT LIKE 'sqlite_%' ORDER BY name"
            )
        ]
        tables: Fingerprints = {}
        for name in names:
            info = conn.execute(f'PRAGMA table_info("{name}")').fetchall()
            keys = [row[1] for row in sorted(info, key=lambda r: r[5]) if row[5]]
            order = ", ".join(f'"{k}"' for k in keys) or "rowid"
            query = f'SELECT * FROM "{name}" ORDER BY {order}'  # noqa: S608 -- catalogue names
            rows, sha = _digest_rows(_fetch(conn.cursor(), query))
            tables[name] = {"rows": rows, "sha256": sha}
        votes: Fingerprints = {}
        if BALLOT_TABLE in tables:
            votes = _votes(
                _fetch(conn.cursor(), f"SELECT vote_id, content, receipt FROM {BALLOT_TABLE}")  # noqa: S608
            )
        return tables, votes
    finally:
        conn.close()


# --- PostgreSQL ------------------------------------------------------------------------


def pg_environment() -> tuple[list[str], dict[str, str]]:
    """libpq arguments and environment (the password travels in PGPASSWORD, not argv)."""
    config = connection.settings_dict
    args = ["--dbname", str(config["NAME"])]
    if config.get("HOST"):
        args += ["--host", str(config["HOST"])]
    if config.get("PORT"):
        args += ["--port", str(config["PORT"])]
    if config.get("USER"):
        args += ["--username", str(config["USER"])]
    env = {**os.environ}
    if config.get("PASSWORD"):
        env["PGPASSWORD"] = str(config["PASSWORD"])
    return args, env


def _pg_tables(cursor: Any) -> list[tuple[str, list[str]]]:
    cursor.execute(
        "SELECT c.relname, coalesce(array_agg(a.attname ORDER BY k.n) "
        "FILTER (WHERE a.attname IS NOT NULL), '{}') "
        "FROM pg_class c JOIN pg_namespace s ON s.oid = c.relnamespace "
        "LEFT JOIN pg_index i ON i.indrelid = c.oid AND i.indisprimary "
        "LEFT JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, n) ON true "
        "LEFT JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum = k.attnum "
        "WHERE c.relkind IN ('r', 'p') AND s.nspname = current_schema() "
        "GROUP BY c.relname ORDER BY c.relname"
    )
    return [(name, list(keys)) for name, keys in cursor.fetchall()]


def pg_fingerprints(cursor: Any) -> tuple[Fingerprints, Fingerprints]:
    tables: Fingerprints = {}
    for name, keys in _pg_tables(cursor):
        quoted = connection.ops.quote_name(name)
        order = ", ".join(connection.ops.quote_name(k) for k in keys) or quoted + "::text"
        rows, sha = _digest_rows(_fetch(cursor, f"SELECT * FROM {quoted} ORDER BY {order}"))  # noqa: S608
        tables[name] = {"rows": rows, "sha256": sha}
    votes: Fingerprints = {}
    if BALLOT_TABLE in tables:
        votes = _votes(_fetch(cursor, f"SELECT vote_id, content, receipt FROM {BALLOT_TABLE}"))  # noqa: S608
    return tables, votes


def pg_dump(target: Path) -> tuple[Fingerprints, Fingerprints]:
    """`pg_dump -Fc` of one exported snapshot into `target`, and that snapshot's fingerprints."""
    args, env = pg_environment()
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        snapshot = cursor.fetchone()[0]
        _run(
            [
                "pg_dump",
                "--format=custom",
                "--no-owner",
                "--no-privileges",
                f"--snapshot={snapshot}",
                "--file",
                str(target),
                *args,
            ],
            env,
        )
        return pg_fingerprints(cursor)


def pg_restore(dump: Path) -> None:
    """Replace the database's objects with the dump's, in one transaction (all or nothing)."""
    args, env = pg_environment()
    connection.close()
    _run(
        [
            "pg_restore",
            "--clean",
            "--if-exists",
            "--no-owner",
            "--no-privileges",
            "--single-transaction",
            "--exit-on-error",
            *args,
            str(dump),
        ],
        env,
    )


def live_fingerprints() -> tuple[Fingerprints, Fingerprints]:
    """The current database's fingerprints (after a restore, to compare with the manifest)."""
    if connection.vendor == "sqlite":
        connection.close()
        return sqlite_fingerprints(sqlite_path())
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        return pg_fingerprints(cursor)


def _run(
    command: list[str], env: dict[str, str], runner: Callable[..., Any] = subprocess.run
) -> None:
    try:
        result = runner(command, env=env, capture_output=True, text=True, check=False)
    except FileNotFoundError:
        raise BackupError(
            f"{command[0]}을(를) 찾을 수 없습니다. PostgreSQL 클라이언트를 설치하세요. "
            f"{command[0]} not found: install the PostgreSQL client tools."
        ) from None
    if result.returncode != 0:
        raise BackupError(
            f"{command[0]}이(가) 실패했습니다 / {command[0]} failed: {result.stderr.strip()[-800:]}"
        )
