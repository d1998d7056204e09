"""Ballot casting from 32 concurrent clients against gunicorn, beside a bare INSERT.

Starts gunicorn (4 sync workers) on a free 127.0.0.1 port with the bench settings
(`bench.bare_insert`: Maeul's URLs plus `/bench/bare-insert`, a view that does one INSERT)
and, in alternating rounds, 32 client threads either
- vote: each client is a fresh verified resident of 금천구 with a personal API token and
  submits its ballot twice through `POST /api/votes/{id}/ballot` (an open approval vote,
  30 options, up to 6 choices, with a budget). Half the clients send both submissions with
  the same Idempotency-Key and must get the same receipt back; the other half send no key,
  and the second submission must be refused with 409 (already voted); or
- call the bare view with `POST` the same number of times.
Reported: throughput and latency (median, p95) of each and their ratio. After the run the
invariant of docs/reliability.md is checked: count(Participation) == count(Ballot) == the
voters told 201, no voter twice, every receipt a client was given stored with the choices
it sent, and no 5xx.

Only loopback traffic; bounded in requests and seconds; gunicorn is stopped at the end.
Usage: DATABASE_URL=postgres://…/maeul_bench python bench/bench_ballot_load.py [--rounds N]
       [--quick]   (without DATABASE_URL it runs on a scratch SQLite file and says so)
Results: bench/results/ballot_load.json (ballot_load-postgres.json on PostgreSQL).
"""

import argparse
import os
import statistics
import sys
import threading
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ["DJANGO_SETTINGS_MODULE"] = "bench.bare_insert.settings"

from bench.bare_insert import use_bench_database  # noqa: E402
from bench.harness import write_results  # noqa: E402

BACKEND = use_bench_database()

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402

from bench.ballot_fixtures import (  # noqa: E402
    MAX_CHOICES,
    OPTIONS,
    Ledger,
    ballot_path,
    check_invariant,
    choose,
    endpoint_wired,
    prepare,
    receipt_of,
)
from bench.bare_insert.server import Reply, Server, request  # noqa: E402

CLIENTS = 32
WORKERS = 4
ROUNDS = 40  # vote rounds (each with 32 fresh voters), each beside a bare round
QUICK_ROUNDS = 2
ROUND_SECONDS = 60  # a client starts no new submission after this long
IDEMPOTENCY_HEADER = "Idempotency-Key"


@dataclass
class Round:
    seconds: float = 0.0
    latencies: list[float] = field(default_factory=list)
    statuses: Counter[int] = field(default_factory=Counter)
    first: list[float] = field(default_factory=list)  # latency of each first submission
    second: list[float] = field(default_factory=list)
    accepted: int = 0  # ballots stored (first submissions answered 201)


class StartLine:
    """The clients of a round start together; the round is timed from that moment on."""

    def __init__(self) -> None:
        self.started = 0.0
        self.barrier = threading.Barrier(CLIENTS, action=self._go)

    def _go(self) -> None:
        self.started = time.perf_counter()

    def wait(self) -> None:
        self.barrier.wait()

    def run(self, target: Any, argument_lists: list[tuple[Any, ...]]) -> float:
        """Run one thread per argument list; seconds from the start line to the last one."""
        threads = [threading.Thread(target=target, args=args) for args in argument_lists]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
        return time.perf_counter() - self.started


def run_bare_round(port: int, submissions: int) -> Round:
    result = Round()
    lock = threading.Lock()
    start_line = StartLine()
    deadline = time.monotonic() + ROUND_SECONDS

    def client() -> None:
        mine: list[Reply] = []
        start_line.wait()
        for _ in range(submissions):
            if time.monotonic() > deadline:
                break
            mine.append(request("POST", "/bench/bare-insert", port))
        with lock:
            result.latencies.extend(r.ms for r in mine)
            result.statuses.update(r.status for r in mine)

    result.seconds = start_line.run(client, [() for _ in range(CLIENTS)])
    return result


def run_ballot_round(
    port: int,
    vote_id: int,
    options: list[int],
    tokens: list[str],
    first_voter: int,
    ledger: Ledger,
) -> Round:
    """Voters first_voter … first_voter + 31 each submit their ballot twice."""
    result = Round()
    lock = threading.Lock()
    start_line = StartLine()
    deadline = time.monotonic() + ROUND_SECONDS
    path = ballot_path(vote_id)

    def voter(index: int) -> None:
        sent, content = choose(index, options)
        payload = {"options": sent}
        retry = index % 2 == 0  # the same Idempotency-Key both times: a retried request
        headers = {IDEMPOTENCY_HEADER: f"bench-{index}"} if retry else {}
        start_line.wait()
        replies: list[Reply] = []
        for _ in range(2):
            if time.monotonic() > deadline:
                break
            replies.append(
                request("POST", path, port, token=tokens[index], payload=payload, headers=headers)
            )
        with lock:
            result.latencies.extend(r.ms for r in replies)
            result.statuses.update(r.status for r in replies)
            if replies:
                result.first.append(replies[0].ms)
                result.accepted += replies[0].status == 201
            if len(replies) > 1:
                result.second.append(replies[1].ms)
        _judge(ledger, index, retry, replies, content)

    voters = range(first_voter, first_voter + CLIENTS)
    result.seconds = start_line.run(voter, [(i,) for i in voters])
    return result


def _judge(ledger: Ledger, index: int, retry: bool, replies: list[Reply], content: str) -> None:
    """Record what voter `index` was told and whether it is what the API promises."""
    receipts = [receipt_of(r) for r in replies]
    with ledger.lock:
        for reply, receipt in zip(replies, receipts, strict=True):
            if reply.status == 201 and receipt:
                ledger.receipts.setdefault(index, receipt)
                ledger.contents[index] = content
        if len(replies) < 2:
            ledger.outcomes["stopped_by_deadline"] += 1
            return
        first, second = replies
        if first.status != 201 or not receipts[0]:
            outcome = "first_not_201"
        elif retry:
            same = 200 <= second.status < 300 and receipts[1] == receipts[0]
            outcome = "retry_same_receipt" if same else "retry_other_answer"
        else:
            outcome = "second_refused_409" if second.status == 409 else "second_not_409"
        ledger.outcomes[outcome] += 1
        if (
            outcome not in ("retry_same_receipt", "second_refused_409")
            and len(ledger.surprises) < 10
        ):
            ledger.surprises.append(
                f"voter {index} {outcome}: {first.status} {first.body[:200]!r} / "
                f"{second.status} {second.body[:200]!r}"
            )


def _percentiles(latencies: list[float]) -> dict[str, float]:
    ordered = sorted(latencies)
    if not ordered:
        return {"median_ms": 0.0, "p95_ms": 0.0}
    return {
        "median_ms": round(statistics.median(ordered), 1),
        "p95_ms": round(ordered[max(0, int(len(ordered) * 0.95) - 1)], 1),
    }


def summarise(rounds: list[Round]) -> dict[str, Any]:
    latencies = [ms for r in rounds for ms in r.latencies]
    seconds = sum(r.seconds for r in rounds)
    statuses: Counter[int] = Counter()
    for r in rounds:
        statuses.update(r.statuses)
    figures: dict[str, Any] = {
        "requests": len(latencies),
        "seconds": round(seconds, 2),
        "throughput_rps": round(len(latencies) / seconds, 1),
        **_percentiles(latencies),
        "statuses": {str(k): v for k, v in sorted(statuses.items())},
    }
    if any(r.first for r in rounds):
        figures["first_submission"] = _percentiles([ms for r in rounds for ms in r.first])
        figures["second_submission"] = _percentiles([ms for r in rounds for ms in r.second])
        figures["ballots_stored"] = sum(r.accepted for r in rounds)
        figures["ballots_per_s"] = round(figures["ballots_stored"] / seconds, 1)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--rounds", type=int, default=ROUNDS, help="vote rounds (32 voters each)")
    parser.add_argument("--quick", action="store_true", help=f"{QUICK_ROUNDS} rounds, trial file")
    args = parser.parse_args()
    rounds_wanted = QUICK_ROUNDS if args.quick else max(1, args.rounds)
    if not endpoint_wired():
        raise SystemExit(
            f"{ballot_path(1)} is not wired yet (maeul/api/voting.py): nothing to measure"
        )
    # One untimed warm-up round of each kind first: every worker imports and connects.
    vote_id, options, tokens = prepare(CLIENTS * (rounds_wanted + 1))
    ledger = Ledger()
    rounds: dict[str, list[Round]] = {"bare": [], "ballot": []}
    load_before = os.getloadavg()
    with Server(workers=WORKERS) as server:
        run_bare_round(server.port, 2)
        run_ballot_round(server.port, vote_id, options, tokens, 0, ledger)
        for n in range(1, rounds_wanted + 1):
            rounds["bare"].append(run_bare_round(server.port, 2))
            rounds["ballot"].append(
                run_ballot_round(server.port, vote_id, options, tokens, n * CLIENTS, ledger)
            )
            print(
                f"  round {n}: bare {rounds['bare'][-1].seconds:.2f} s, "
                f"ballot {rounds['ballot'][-1].seconds:.2f} s",
                flush=True,
            )
    load_after = os.getloadavg()

    bare, ballot = summarise(rounds["bare"]), summarise(rounds["ballot"])
    invariant = check_invariant(vote_id, ledger)
    server_errors = {k: v for k, v in ballot["statuses"].items() if k.startswith("5")}
    results = {
        "backend": BACKEND,
        "note": "" if BACKEND == "postgres" else "PostgreSQL not configured: ran on SQLite",
        "clients": CLIENTS,
        "gunicorn_workers": WORKERS,
        "rounds": rounds_wanted,
        "voters": CLIENTS * (rounds_wanted + 1),
        "vote": {"options": OPTIONS, "max_choices": MAX_CHOICES, "ballot_type": "approval"},
        "cpus": os.cpu_count(),
        "load_average": {"before": load_before, "after": load_after},
        "ballot": ballot,
        "bare_insert": bare,
        "ratio": round(ballot["throughput_rps"] / bare["throughput_rps"], 2),
        "reference": "reliability target: 20 ballot writes/s sustained, p95 < 1 s, no 5xx",
        "outcomes": dict(ledger.outcomes),
        "surprises": ledger.surprises,
        "invariant": invariant,
        "server_errors": server_errors,
    }
    name = "ballot_load" if BACKEND == "sqlite" else f"ballot_load-{BACKEND}"
    if args.quick:  # a trial run never replaces the figures docs/ quotes
        name += "-quick"
    write_results(name, results)
    assert invariant["holds"], f"the ballot invariant does not hold: {invariant}"
    assert not server_errors, f"ballot requests failed: {server_errors}"
    assert not ledger.surprises, f"unexpected answers: {ledger.surprises}"
    if connection.vendor == "postgresql":
        connection.close()


if __name__ == "__main__":
    main()
