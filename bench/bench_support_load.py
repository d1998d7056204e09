"""Support (공감) toggling from 32 concurrent clients against gunicorn, beside a bare INSERT.

Starts gunicorn (4 workers) on a free 127.0.0.1 port with bench settings
(`bench.bare_insert.settings`: Maeul's URLs plus `/bench/bare-insert`, a view that does one
INSERT), then, in alternating rounds, 32 client threads either
- toggle support through the API: `POST` then `DELETE /api/proposals/{id}/support` with a
  personal bearer token each, spread over 16 proposals (so counters are contended), or
- call the bare view with `POST` the same number of times.
Reported: throughput and latency (median, p95) of each, and their ratio (goal ≥ 0.5). At
the end every client supports one proposal more, and the run checks that each proposal's
support_count equals its Support rows and the supports the clients were told succeeded.

Only loopback traffic; bounded in requests and seconds; gunicorn is stopped at the end.
Usage: DATABASE_URL=postgres://…/maeul_bench python bench/bench_support_load.py
(without DATABASE_URL it runs on a scratch SQLite file and says so in the results).
Results: bench/results/support_load.json (support_load-postgres.json on PostgreSQL).
"""

import http.client
import os
import signal
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections import Counter
from datetime import timedelta
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

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.db.models import Count  # noqa: E402
from django.utils import timezone  # noqa: E402

from bench.bare_insert.urls import create_table  # noqa: E402
from maeul.accounts.models import User, VerificationMethod  # noqa: E402
from maeul.api.auth import issue_api_token  # noqa: E402
from maeul.places.demo import load_places  # noqa: E402
from maeul.places.models import District  # noqa: E402
from maeul.proposals.demo import _setup  # noqa: E402
from maeul.proposals.models import Proposal, Status, Support  # noqa: E402

CLIENTS = 32
PROPOSALS = 16
WORKERS = 4
REQUESTS_PER_CLIENT = 40  # per round; a support round makes 20 toggles (POST + DELETE)
ROUNDS = 2  # bare, support, bare, support: drift in the machine hits both alike
ROUND_SECONDS = 60  # a round starts no new toggle after this long
HOST = "127.0.0.1"


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((HOST, 0))
        return int(probe.getsockname()[1])


def prepare() -> tuple[list[int], list[str]]:
    call_command("migrate", verbosity=0)
    call_command("flush", interactive=False, verbosity=0)
    create_table()
    load_places()
    district = District.objects.get(code="1154500000")
    categories, _departments, _created = _setup(district)
    now = timezone.now()
    users = User.objects.bulk_create(
        [
            User(
                email=f"load{n:02d}@bench.maeul.kr",
                display_name=f"부하 주민 {n}",
                password="!",  # noqa: S106 -- unusable password
                date_joined=now,
                verified_at=now,
                verification_method=VerificationMethod.IN_PERSON,
            )
            for n in range(CLIENTS + 1)
        ]
    )
    author, clients = users[0], users[1:]
    proposals = Proposal.objects.bulk_create(
        [
            Proposal(
                district=district,
                category=categories["교통"],
                title=f"부하 시험 제안 {n}",
                body="공감 부하 시험",
                author=author,
                status=Status.PUBLISHED,
                created_at=now,
                published_at=now,
                support_until=now + timedelta(days=30),
            )
            for n in range(PROPOSALS)
        ]
    )
    return [p.pk for p in proposals], [issue_api_token(u) for u in clients]


class Server:
    def __init__(self) -> None:
        self.port = free_port()
        env = {**os.environ, "PYTHONPATH": str(ROOT)}
        self.process = subprocess.Popen(
            [
                str(Path(sys.executable).with_name("gunicorn")),
                "bench.bare_insert.wsgi:application",
                "--bind",
                f"{HOST}:{self.port}",
                "--workers",
                str(WORKERS),
                "--log-level",
                "warning",
                "--chdir",
                str(ROOT),
            ],
            env=env,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                status, _ = request("GET", "/api/", self.port)
                if status < 500:
                    return
            except OSError:
                time.sleep(0.3)
        self.stop()
        raise SystemExit("gunicorn did not start within 60 s")

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def request(method: str, path: str, port: int, token: str | None = None) -> tuple[int, float]:
    headers = {"Content-Type": "application/json", "Content-Length": "0"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    started = time.perf_counter()
    conn = http.client.HTTPConnection(HOST, port, timeout=30)
    try:
        conn.request(method, path, body=b"", headers=headers)
        response = conn.getresponse()
        response.read()
        status = response.status
    finally:
        conn.close()
    return status, (time.perf_counter() - started) * 1000


def run_round(
    kind: str,
    port: int,
    proposals: list[int],
    tokens: list[str],
    state: dict[tuple[int, int], bool],
) -> dict[str, Any]:
    """One round of `kind` ("bare" or "support"); `state` keeps, per (client, proposal),
    whether the client's last successful answer left it supporting the proposal."""
    latencies: list[float] = []
    statuses: Counter[int] = Counter()
    lock = threading.Lock()
    start_line = threading.Barrier(CLIENTS)
    deadline = time.monotonic() + ROUND_SECONDS

    def client(index: int) -> None:
        mine: list[float] = []
        codes: Counter[int] = Counter()
        token = tokens[index]
        start_line.wait()
        for n in range(REQUESTS_PER_CLIENT // 2):
            if time.monotonic() > deadline:
                break
            if kind == "bare":
                for _ in range(2):
                    status, ms = request("POST", "/bench/bare-insert", port)
                    mine.append(ms)
                    codes[status] += 1
                continue
            proposal = proposals[(index + n) % len(proposals)]
            for method in ("POST", "DELETE"):  # a toggle is always completed
                status, ms = request(method, f"/api/proposals/{proposal}/support", port, token)
                mine.append(ms)
                codes[status] += 1
                if status == 200:
                    state[(index, proposal)] = method == "POST"
        with lock:
            latencies.extend(mine)
            statuses.update(codes)

    threads = [threading.Thread(target=client, args=(i,)) for i in range(CLIENTS)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    latencies.sort()
    return {
        "requests": len(latencies),
        "seconds": round(elapsed, 2),
        "statuses": {str(k): v for k, v in sorted(statuses.items())},
        "latencies": latencies,
    }


def summarise(rounds: list[dict[str, Any]]) -> dict[str, Any]:
    latencies = sorted(ms for r in rounds for ms in r["latencies"])
    requests = sum(r["requests"] for r in rounds)
    seconds = sum(r["seconds"] for r in rounds)
    statuses: Counter[str] = Counter()
    for r in rounds:
        statuses.update(r["statuses"])
    return {
        "requests": requests,
        "seconds": round(seconds, 2),
        "throughput_rps": round(requests / seconds, 1),
        "median_ms": round(statistics.median(latencies), 1),
        "p95_ms": round(latencies[max(0, int(len(latencies) * 0.95) - 1)], 1),
        "statuses": dict(statuses),
    }


def main() -> None:
    proposals, tokens = prepare()
    server = Server()
    try:
        # Warm every worker (imports, connections) before anything is timed.
        for _ in range(WORKERS * 4):
            request("POST", "/bench/bare-insert", server.port)
            request("GET", f"/api/proposals/{proposals[0]}", server.port)
        rounds: dict[str, list[dict[str, Any]]] = {"bare": [], "support": []}
        state: dict[tuple[int, int], bool] = {}
        for _ in range(ROUNDS):
            for kind in ("bare", "support"):
                rounds[kind].append(run_round(kind, server.port, proposals, tokens, state))
                print(
                    f"  {kind}: {rounds[kind][-1]['requests']} requests "
                    f"in {rounds[kind][-1]['seconds']} s",
                    flush=True,
                )
        # Every client leaves one support, so the final counts are not all zero.
        final: Counter[int] = Counter()
        for index, token in enumerate(tokens):
            proposal = proposals[index % len(proposals)]
            if state.get((index, proposal)):
                continue
            status, _ms = request("POST", f"/api/proposals/{proposal}/support", server.port, token)
            final[status] += 1
            if status == 200:
                state[(index, proposal)] = True
        told = Counter(proposal for (_index, proposal), on in state.items() if on)
    finally:
        server.stop()

    bare, support = summarise(rounds["bare"]), summarise(rounds["support"])
    rows = dict(
        Support.objects.filter(proposal_id__in=proposals)
        .values_list("proposal_id")
        .annotate(n=Count("id"))
        .values_list("proposal_id", "n")
    )
    counters = dict(Proposal.objects.filter(pk__in=proposals).values_list("pk", "support_count"))
    supporters = dict(
        Support.objects.filter(proposal_id__in=proposals)
        .values_list("proposal_id")
        .annotate(n=Count("user_id", distinct=True))
        .values_list("proposal_id", "n")
    )
    mismatched = [
        pk
        for pk in proposals
        if not counters[pk] == rows.get(pk, 0) == supporters.get(pk, 0) == told[pk]
    ]
    errors = {k: v for k, v in (support["statuses"] | final).items() if not str(k).startswith("2")}
    ratio = round(support["throughput_rps"] / bare["throughput_rps"], 2)
    results = {
        "backend": BACKEND,
        "note": "" if BACKEND == "postgres" else "PostgreSQL not configured: ran on SQLite",
        "clients": CLIENTS,
        "gunicorn_workers": WORKERS,
        "proposals": PROPOSALS,
        "cpus": os.cpu_count(),
        "support_toggle": support,
        "bare_insert": bare,
        "ratio": ratio,
        "goal_ratio": 0.5,
        "counts_exact": not mismatched,
        "final_supports": sum(counters.values()),
        "supports_told_ok": sum(told.values()),
        "non_2xx": errors,
    }
    name = "support_load" if BACKEND == "sqlite" else f"support_load-{BACKEND}"
    write_results(name, results)
    assert not mismatched, f"support_count differs from the supports for {mismatched}"
    assert not errors, f"support requests failed: {errors}"
    if connection.vendor == "postgresql":
        connection.close()


if __name__ == "__main__":
    main()
