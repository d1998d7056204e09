"""The soak's timeline, its faults and its checks (see bench/bench_soak.py for what and why).

Import after `django.setup()`.
"""

import argparse
import http.client
import os
import random
import signal
import tempfile
import threading
import time
from contextlib import ExitStack
from datetime import timedelta
from pathlib import Path
from typing import Any

from django.db import close_old_connections, connection
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from bench import soak_upload
from bench.ballot_fixtures import check_invariant, endpoint_wired, prepare
from bench.bare_insert.server import Server
from bench.harness import write_results
from bench.services import ThrowawayPostgres, ThrowawayRedis
from bench.soak_load import Clock, Flood, Stream, Voters, reader, summary
from maeul.accounts.models import PhoneCode, User

BALLOTS_PER_S = 20.0
READS_PER_S = 200.0
FLOOD_PER_S = 1000.0
BURST = 100
SURGE, SURGE_SECONDS = 500, 60.0
VOTER_MARGIN = 1.3


class Timeline:
    def __init__(self, minutes: float) -> None:
        steady = minutes * 60
        self.burst = min(10.0, steady * 0.2)
        self.surge = self.burst + 5
        self.flood = self.surge + 10
        self.flood_seconds = min(30.0, max(10.0, steady / 2))
        self.end = max(steady, self.surge + SURGE_SECONDS + 2, self.flood + self.flood_seconds + 2)

    def windows(self) -> dict[str, tuple[float, float]]:
        return {
            "burst": (self.burst, self.burst + 5),
            "surge": (self.surge, self.surge + SURGE_SECONDS),
            "flood": (self.flood, self.flood + self.flood_seconds),
        }


def _otp_session() -> tuple[User, str]:
    """An unverified resident signed in (the session is stored in the shared database)."""
    user = User.objects.create_user(
        email="otp-flood@bench.maeul.kr", password=None, display_name="문자 인증 주민"
    )
    client = Client()
    client.force_login(user)
    return user, client.cookies["sessionid"].value


def _burst(voters: Voters, clock: Clock, ports: list[int], stream: Stream) -> None:
    """BURST voters submit at the same moment."""
    barrier = threading.Barrier(BURST)

    def one() -> None:
        barrier.wait()
        done = voters.cast(clock, ports)
        with stream.lock:
            stream.records.extend(done)

    threads = [threading.Thread(target=one, daemon=True) for _ in range(BURST)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


class Faults:
    """SIGKILL for every gunicorn worker at a random moment, and for PostgreSQL once."""

    def __init__(self, servers: list[Server], pg: ThrowawayPostgres | None, end: float) -> None:
        self.rng = random.Random(18)  # noqa: S311 -- reproducible moments
        self.events: list[dict[str, Any]] = []
        self.plan: list[tuple[float, str, Any]] = []
        for server in servers:
            for pid in server.worker_pids():
                self.plan.append((self.rng.uniform(3, end - 8), "worker", pid))
        if pg is not None:
            self.plan.append((self.rng.uniform(end * 0.35, end * 0.7), "postgres", pg))
        self.plan.sort(key=lambda item: item[0])

    def run(self, clock: Clock) -> threading.Thread:
        def go() -> None:
            for at, kind, target in self.plan:
                time.sleep(max(0.0, at - clock.now()))
                if kind == "worker":
                    try:
                        os.kill(target, signal.SIGKILL)
                        self.events.append({"at_s": round(clock.now(), 1), "killed": "worker"})
                    except ProcessLookupError:
                        pass
                else:
                    processes = target.kill()
                    killed_at = clock.now()
                    time.sleep(2)
                    target.start()
                    self.events.append(
                        {
                            "at_s": round(killed_at, 1),
                            "killed": f"postgres ({processes} processes)",
                            "back_after_s": round(clock.now() - killed_at, 1),
                        }
                    )

        thread = threading.Thread(target=go, daemon=True)
        thread.start()
        return thread


class DiskFull:
    """Uploads onto a full MEDIA_ROOT while the vote goes on (bench/soak_upload.py)."""

    def __init__(self, media: Path, stack: ExitStack) -> None:
        self.media = media
        self.skipped = soak_upload.mount_small_disk(media)
        if self.skipped is None:
            stack.callback(soak_upload.unmount, media)
            self.uploader = soak_upload.prepare_uploader()
        self.answers: list[dict[str, Any]] = []

    def run(self, clock: Clock, ports: list[int], *, at: float) -> threading.Thread:
        def go() -> None:
            if self.skipped is not None:
                return
            for n in range(3):
                time.sleep(max(0.0, at + 3 * n - clock.now()))
                started = clock.now()
                # Like a person, try again while the server itself fails (a killed worker,
                # PostgreSQL restarting); the full disk must then answer 507.
                for attempt in range(8):
                    try:
                        status, plain = soak_upload.upload_once(
                            ports[(n + attempt) % len(ports)], *self.uploader
                        )
                    except (OSError, RuntimeError, http.client.HTTPException):
                        status, plain = 0, False
                    if status not in (0, 500, 502, 503):
                        break
                    time.sleep(1 + attempt)
                self.answers.append(
                    {
                        "at_s": round(started, 1),
                        "attempts": attempt + 1,
                        "status": status,
                        "korean_message": plain,
                    }
                )

        thread = threading.Thread(target=go, daemon=True)
        thread.start()
        return thread

    def report(self) -> dict[str, Any]:
        if self.skipped is not None:
            return {"skipped": self.skipped}
        close_old_connections()
        left = soak_upload.leftovers(self.media)
        return {
            "tmpfs": soak_upload.TMPFS_SIZE,
            "answers": self.answers,
            **left,
            "holds": bool(self.answers)
            and all(a["status"] == 507 and a["korean_message"] for a in self.answers)
            and not left["proposals_stored"]
            and not left["files_left"],
        }


def run(
    args: argparse.Namespace,
    *,
    backend: str,
    pg: ThrowawayPostgres | None,
    redis: ThrowawayRedis | None,
    stack: ExitStack,
) -> None:
    if not endpoint_wired():
        raise SystemExit("POST /api/votes/{id}/ballot is not wired: nothing to measure")
    timeline = Timeline(args.minutes)
    scale = args.scale
    voters_needed = int((BALLOTS_PER_S * scale * timeline.end + BURST + SURGE) * VOTER_MARGIN)
    print(f"  preparing {voters_needed} voters on {backend} …", flush=True)
    vote_id, options, tokens = prepare(voters_needed)
    otp_user, session = _otp_session()
    work = Path(tempfile.mkdtemp(prefix="maeul-soak-"))
    media = work / "media"
    env = {"MAEUL_MEDIA_ROOT": str(media)}
    disk_full: DiskFull | None = None
    if args.faults:
        disk_full = DiskFull(media, stack)
    if redis is not None:
        env["MAEUL_REDIS_URL"] = redis.url
    servers = [
        stack.enter_context(Server(workers=args.workers, env=env, log=work / f"gunicorn{n}.log"))
        for n in range(args.hosts)
    ]
    ports = [server.port for server in servers]
    connection.close()  # the bench's own connection must not hold PostgreSQL up

    voters = Voters(vote_id=vote_id, options=options, tokens=tokens)
    flood = Flood.open(
        ports[0],
        session=session,
        signup_path=reverse("account_signup"),
        otp_path=reverse("accounts:verify_phone"),
    )
    paths = [
        "/votes/",
        f"/votes/{vote_id}/",
        f"/votes/{vote_id}/receipts/",
        "/",
        f"/api/votes/{vote_id}",
    ]
    clock = Clock()
    ballots = Stream("ballots", BALLOTS_PER_S * scale, 8, lambda k: voters.cast(clock, ports))
    reads = Stream("reads", READS_PER_S * scale, 16, reader(clock, ports, paths))
    surge = Stream("surge", SURGE / SURGE_SECONDS, 8, lambda k: voters.cast(clock, ports))
    flooding = Stream(
        "flood", FLOOD_PER_S * scale, 32, lambda k: flood.send(clock, ports[k % len(ports)], k)
    )
    burst = Stream("burst", float(BURST), BURST, lambda k: [])
    faults = Faults(servers, pg, timeline.end) if args.faults else None
    load_before = os.getloadavg()
    waiting = [
        ballots.run(start=clock.start, begin=0, seconds=timeline.end),
        reads.run(start=clock.start, begin=0, seconds=timeline.end),
        surge.run(start=clock.start, begin=timeline.surge, seconds=SURGE_SECONDS),
        flooding.run(start=clock.start, begin=timeline.flood, seconds=timeline.flood_seconds),
    ]
    if faults:
        waiting.append(faults.run(clock))
    if disk_full:
        waiting.append(disk_full.run(clock, ports, at=timeline.surge + 5))
    time.sleep(max(0.0, timeline.burst - clock.now()))
    _burst(voters, clock, ports, burst)
    print(f"  burst done at {clock.now():.0f} s; soak ends at {timeline.end:.0f} s", flush=True)
    for thread in waiting:
        thread.join()
    seconds = clock.now()
    load_after = os.getloadavg()

    close_old_connections()
    invariant = check_invariant(vote_id, voters.ledger, unanswered=len(voters.unanswered))
    since = timezone.now() - timedelta(seconds=seconds + 60)
    flood_checks = {
        "accounts_created_by_flood": User.objects.filter(email__startswith="flood").count(),
        "phone_codes_sent": PhoneCode.objects.filter(user=otp_user, created_at__gte=since).count(),
        "phone_codes_allowed": int(timeline.flood_seconds // 60) + 2,
    }
    flood_checks["holds"] = (
        flood_checks["accounts_created_by_flood"] == 0
        and flood_checks["phone_codes_sent"] <= flood_checks["phone_codes_allowed"]
    )
    windows = timeline.windows()
    results = {
        "backend": backend,
        "database": "throwaway cluster under /tmp" if pg else "DATABASE_URL's server",
        "hosts": args.hosts,
        "shared_cache": "redis" if redis else "database",
        "gunicorn_workers_per_host": args.workers,
        "minutes": args.minutes,
        "scale": scale,
        "seconds": round(seconds, 1),
        "cpus": os.cpu_count(),
        "load_average": {"before": load_before, "after": load_after},
        "timeline_s": {"burst": timeline.burst, **{k: list(v) for k, v in windows.items()}},
        "ballots_steady": summary(ballots, seconds, windows),
        "burst_100": summary(burst, 1.0, {}),
        "surge_500_in_60s": summary(surge, SURGE_SECONDS, {}),
        "page_reads": summary(reads, seconds, windows),
        "flood_signup_otp": summary(flooding, timeline.flood_seconds, {}),
        "ballots_stored_per_s": round(invariant["ballots"] / seconds, 1),
        "ballot_retries": voters.retried,
        "outcomes": dict(voters.ledger.outcomes),
        "surprises": voters.ledger.surprises,
        "invariant": invariant,
        "flood_checks": flood_checks,
        "faults": faults.events if faults else None,
        "disk_full_upload": disk_full.report() if disk_full else None,
    }
    name = "soak" + ("-faults" if args.faults else "") + ("-2hosts" if args.hosts == 2 else "")
    if args.minutes != 1.0:
        name += f"-{args.minutes:g}min"
    write_results(name, results)
    connection.close()
    assert invariant["holds"], f"the ballot invariant does not hold: {invariant}"
    assert flood_checks["holds"], f"the flood was not shed: {flood_checks}"
    assert not voters.ledger.surprises, f"unexpected answers: {voters.ledger.surprises}"
    if disk_full and disk_full.skipped is None:
        assert disk_full.report()["holds"], f"the full disk was not handled: {disk_full.report()}"
