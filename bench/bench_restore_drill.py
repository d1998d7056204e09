"""Restore drill: back up during an open vote with ballots arriving, restore elsewhere, compare.

gunicorn (2 workers) takes ballots at 20/s (`--scale`) through the API for the whole drill.
After `--warmup` seconds, `manage.py backup` runs (as an operator would, in its own
process) and then `manage.py restore` into a separate database (`maeul_bench_restore` on
the same PostgreSQL server, or a second SQLite file). The restore itself checks every
table's row count and checksum against the backup's manifest; the drill then reads the
restored database directly and checks that the vote's tally (ballots by content), its
receipt list and its ballot count equal the source's at the moment of the backup (the
manifest was taken from the same snapshot), and that every receipt a client had been given
before the backup began is in the restored list. The ballots keep arriving meanwhile, and
the source's own invariant is checked at the end.

Database: DATABASE_URL when it names PostgreSQL, else a throwaway cluster under /tmp, else
SQLite. Usage: python bench/bench_restore_drill.py [--warmup 10] [--scale 1]
Results: bench/results/restore_drill.json
"""

import argparse
import hashlib
import os
import subprocess
import sys
import tempfile
import time
from collections import Counter
from contextlib import ExitStack
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ["DJANGO_SETTINGS_MODULE"] = "bench.bare_insert.settings"

from bench.services import ThrowawayPostgres  # noqa: E402

TARGET = "maeul_bench_restore"


def _target_url(source: str, work: Path) -> str:
    if source.startswith("sqlite"):
        return f"sqlite:///{work / 'restored.sqlite3'}"
    import psycopg

    parts = urlsplit(source)
    with psycopg.connect(urlunsplit(parts._replace(path="/postgres")), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{TARGET}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{TARGET}"')
    return urlunsplit(parts._replace(path=f"/{TARGET}"))


def _manage(*command: str, env: dict[str, str]) -> float:
    started = time.monotonic()
    result = subprocess.run(
        [sys.executable, str(ROOT / "manage.py"), *command],
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "maeul.settings", **env},
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise SystemExit(f"manage.py {command[0]} failed: {result.stderr[-2000:]}")
    print(f"  {result.stdout.strip()}", flush=True)
    return time.monotonic() - started


def _restored(url: str, vote_id: int) -> dict[str, Any]:
    """The restored vote, read straight from the database (no Django)."""
    query = "SELECT content, receipt FROM voting_ballot WHERE vote_id = "
    if url.startswith("sqlite"):
        import sqlite3

        with sqlite3.connect(url.removeprefix("sqlite:///")) as conn:
            rows = conn.execute(query + "?", [vote_id]).fetchall()
    else:
        import psycopg

        with psycopg.connect(url) as conn:
            rows = conn.execute(query + "%s", [vote_id]).fetchall()
    profile = Counter(content for content, _receipt in rows)
    lines = "".join(f"{content}\t{n}\n" for content, n in sorted(profile.items()))
    tally: Counter[str] = Counter()
    for content, n in profile.items():
        for option in content.split(","):
            tally[option] += n
    return {
        "ballots": len(rows),
        "profile_sha256": hashlib.sha256(lines.encode()).hexdigest(),
        "receipts": {receipt for _content, receipt in rows},
        "tally": tally,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--warmup", type=float, default=10.0, help="seconds of voting first")
    parser.add_argument("--scale", type=float, default=1.0, help="multiply 20 ballots/s")
    args = parser.parse_args()
    with ExitStack() as stack:
        given = os.environ.get("DATABASE_URL", "")
        if not given.startswith(("postgres://", "postgresql://")) and not (
            ThrowawayPostgres.available()
        ):
            os.environ["DATABASE_URL"] = stack.enter_context(ThrowawayPostgres()).url
        from bench.bare_insert import use_bench_database

        backend = use_bench_database()
        import django

        django.setup()
        from django.db import close_old_connections, connection

        from bench.ballot_fixtures import check_invariant, prepare
        from bench.bare_insert.server import Server
        from bench.harness import write_results
        from bench.soak_load import Clock, Stream, Voters, percentiles
        from maeul.core.backup.crypto import new_key

        rate = 20.0 * args.scale
        work = Path(tempfile.mkdtemp(prefix="maeul-drill-"))
        media = work / "media"
        (media / "votes").mkdir(parents=True)
        (media / "votes" / "option-photo.jpg").write_bytes(os.urandom(200_000))
        env = {"MAEUL_MEDIA_ROOT": str(media), "MAEUL_BACKUP_KEY": new_key()}
        source_url = os.environ["DATABASE_URL"]
        vote_id, options, tokens = prepare(int(rate * (args.warmup + 120)) + 100)
        connection.close()
        server = stack.enter_context(Server(workers=2, env=env, log=work / "gunicorn.log"))
        voters = Voters(vote_id=vote_id, options=options, tokens=tokens)
        clock = Clock()
        ballots = Stream("ballots", rate, 6, lambda k: voters.cast(clock, [server.port]))
        waiter = ballots.run(start=clock.start, begin=0, seconds=args.warmup + 110)
        time.sleep(args.warmup)

        with voters.ledger.lock:
            told_before = dict(voters.ledger.receipts)
        archive = work / "drill.backup"
        backup_s = _manage("backup", str(archive), env=env)
        target_url = _target_url(source_url, work)
        restore_env = {
            **env,
            "DATABASE_URL": target_url,
            "MAEUL_MEDIA_ROOT": str(work / "restored-media"),
            # A separate instance: its own var/ (private files, keys), as on another host.
            "MAEUL_VAR_DIR": str(work / "restored-var"),
        }
        restore_s = _manage("restore", str(archive), "--yes", env=restore_env)
        ballots.stop.set()
        waiter.join()

        import json

        from maeul.core.backup.crypto import backup_key, decrypt_chunks

        manifest = _manifest(archive, backup_key(env["MAEUL_BACKUP_KEY"]), decrypt_chunks, work)
        restored = _restored(target_url, vote_id)
        expected = manifest["votes"][str(vote_id)]
        close_old_connections()
        invariant = check_invariant(vote_id, voters.ledger, unanswered=len(voters.unanswered))
        source = _restored(source_url, vote_id)
        checks = {
            "tables_checked_by_restore": len(manifest["tables"]),
            "ballots_in_backup": expected["ballots"],
            "ballots_restored": restored["ballots"],
            "tally_equal": restored["profile_sha256"] == expected["profile_sha256"],
            "receipts_equal": hashlib.sha256(
                "\n".join(sorted(restored["receipts"])).encode()
            ).hexdigest()
            == expected["receipts_sha256"],
            "receipts_told_before_backup": len(told_before),
            "of_them_missing_in_restore": len(set(told_before.values()) - restored["receipts"]),
            "restored_receipts_unknown_to_source": len(restored["receipts"] - source["receipts"]),
            "media_restored": (work / "restored-media" / "votes" / "option-photo.jpg").read_bytes()
            == (media / "votes" / "option-photo.jpg").read_bytes(),
        }
        checks["holds"] = (
            checks["ballots_restored"] == checks["ballots_in_backup"]
            and checks["tally_equal"]
            and checks["receipts_equal"]
            and not checks["of_them_missing_in_restore"]
            and not checks["restored_receipts_unknown_to_source"]
            and checks["media_restored"]
        )
        results = {
            "backend": backend,
            "ballots_per_s_target": rate,
            "ballots_per_s_achieved": round(source["ballots"] / clock.now(), 1),
            "ballot_latency": percentiles(ballots.records),
            "backup_seconds": round(backup_s, 2),
            "restore_seconds": round(restore_s, 2),
            "backup_bytes": archive.stat().st_size,
            "rows_in_backup": sum(t["rows"] for t in manifest["tables"].values()),
            "ballots_in_source_at_end": source["ballots"],
            "restore_checks": checks,
            "source_invariant": invariant,
            "tally_top5": restored["tally"].most_common(5),
            "manifest_created_at": manifest["created_at"],
        }
        write_results("restore_drill", json.loads(json.dumps(results, default=str)))
        connection.close()
        assert checks["holds"], f"the restored instance differs: {checks}"
        assert invariant["holds"], f"the ballot invariant does not hold: {invariant}"


def _manifest(archive: Path, key: bytes, decrypt: Any, work: Path) -> dict[str, Any]:
    import json
    import tarfile

    plain = work / "plain.tar"
    with archive.open("rb") as source, plain.open("wb") as target:
        for chunk in decrypt(source, key):
            target.write(chunk)
    with tarfile.open(plain) as tar:
        member = tar.extractfile("manifest.json")
        assert member is not None
        manifest: dict[str, Any] = json.load(member)
    plain.unlink()
    return manifest


if __name__ == "__main__":
    main()
