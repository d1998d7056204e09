"""A city-wide vote under sustained load: ballots, page reads, a burst, a surge and a flood.

gunicorn (4 sync workers a host) and PostgreSQL on 127.0.0.1. From the start to the end:
20 ballots/s (each a fresh verified resident with an API token, `POST
/api/votes/{id}/ballot` with an Idempotency-Key, sent again with the same key when the
connection breaks) and 200 page reads/s (the vote list, the vote, the receipt list, the
home page, the API's vote); at 10 s a burst of 100 simultaneous submissions; from 15 s
500 submissions within 60 s; from 25 s a flood of sign-up and phone-code (OTP) requests at
1,000/s from one address, which the rate limits must shed (allauth's `signup: 20/m/ip`,
`phone_code`'s 1 a minute per account and phone, 30 an hour per address). `--scale`
multiplies the three rates; the report gives target and achieved rates side by side.

Checked at the end: participations = ballots = voters told 201 (= distinct receipts), no
voter key twice, every receipt a client was given stored with its choices; the flood made
no account and sent no more codes than the limits allow.

Modes: `--faults` kills every gunicorn worker with SIGKILL at random moments and
PostgreSQL itself (postmaster and backends) once, then restarts it; `--hosts 2` runs two
gunicorn instances on two ports sharing PostgreSQL and Redis (skipped with a message when
redis-server is absent). The database: DATABASE_URL when it names PostgreSQL (the bench
uses `maeul_bench` on that server); else a throwaway cluster of its own under /tmp (always
in `--faults` mode: the bench never kills a server other work shares); else SQLite.

Usage: python bench/bench_soak.py [--minutes 10] [--scale 0.5] [--faults] [--hosts 2]
Results: bench/results/soak[-faults][-2hosts][-<minutes>min].json
"""

import argparse
import os
import sys
from contextlib import ExitStack
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ["DJANGO_SETTINGS_MODULE"] = "bench.bare_insert.settings"

from bench.services import ThrowawayPostgres, ThrowawayRedis  # noqa: E402


def parse(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--minutes", type=float, default=1.0, help="steady load (default 1)")
    parser.add_argument("--scale", type=float, default=1.0, help="multiply the three rates")
    parser.add_argument("--faults", action="store_true", help="kill workers and PostgreSQL")
    parser.add_argument("--hosts", type=int, choices=(1, 2), default=1)
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers a host")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> None:
    args = parse(argv)
    with ExitStack() as stack:
        pg: ThrowawayPostgres | None = None
        given = os.environ.get("DATABASE_URL", "")
        if args.faults or not given.startswith(("postgres://", "postgresql://")):
            missing = ThrowawayPostgres.available()
            if missing and args.faults:
                print(f"skipped: the fault mode needs a PostgreSQL of its own ({missing})")
                return
            if not missing:
                pg = stack.enter_context(ThrowawayPostgres())
                os.environ["DATABASE_URL"] = pg.url
        redis: ThrowawayRedis | None = None
        if args.hosts == 2:
            missing = ThrowawayRedis.available()
            if missing:
                print(f"skipped: two application hosts share Redis, and {missing}")
                return
            redis = stack.enter_context(ThrowawayRedis())
            # The bench's own process (prepare, checks) shares the cache with the hosts.
            os.environ["MAEUL_REDIS_URL"] = redis.url

        from bench.bare_insert import use_bench_database

        backend = use_bench_database()
        import django

        django.setup()
        from bench.soak_run import run

        run(args, backend=backend, pg=pg, redis=redis, stack=stack)


if __name__ == "__main__":
    main()
