"""Bench-only Django pieces: a settings module, a URLconf with a bare one-INSERT view, and
the PostgreSQL scratch database (`maeul_bench`) the benchmarks use.

Nothing here is imported by Maeul itself; `maeul/urls.py` stays untouched.
"""

import os
from urllib.parse import SplitResult, urlsplit, urlunsplit

BENCH_DATABASE = "maeul_bench"


def use_bench_database() -> str:
    """Point DATABASE_URL at the scratch database; return the backend ("sqlite"/"postgres").

    Without DATABASE_URL, bench.harness gives a throwaway SQLite file. With a PostgreSQL
    URL, the benchmark never touches the named database: it uses `maeul_bench` on the same
    server and creates it when the role may (CREATEDB), else it stops with a clear message.
    """
    from bench.harness import use_scratch_database

    raw = os.environ.get("DATABASE_URL", "")
    if not raw.startswith(("postgres://", "postgresql://")):
        use_scratch_database()
        return "sqlite"
    parts = urlsplit(raw)
    if parts.path.lstrip("/") != BENCH_DATABASE:
        parts = parts._replace(path=f"/{BENCH_DATABASE}")
        os.environ["DATABASE_URL"] = urlunsplit(parts)
    _ensure_postgres_database(parts)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "maeul.settings")
    return "postgres"


def _ensure_postgres_database(parts: SplitResult) -> None:
    import psycopg

    admin = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        exists = conn.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [BENCH_DATABASE]
        ).fetchone()
        if exists:
            return
        try:
            conn.execute(f'CREATE DATABASE "{BENCH_DATABASE}"')
        except psycopg.Error as exc:
            raise SystemExit(
                f"Create the scratch database first: createdb -O <role> {BENCH_DATABASE} ({exc})"
            ) from None
