"""gunicorn on a free loopback port with the bench settings, and a one-request HTTP client.

The server is stopped when the `with` block ends, however it ends (an exception, Ctrl-C, or
SIGTERM, which is turned into SystemExit so that the block's exit still runs).
"""

import http.client
import json
import os
import signal
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from types import FrameType, TracebackType
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
HOST = "127.0.0.1"


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((HOST, 0))
        return int(probe.getsockname()[1])


def children_of(pid: int) -> list[int]:
    """Pids whose parent is `pid` (read from /proc)."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if int(fields[1]) == pid:
            found.append(int(stat.parent.name))
    return found


@dataclass(frozen=True)
class Reply:
    status: int
    ms: float
    body: bytes

    def json(self) -> Any:
        try:
            return json.loads(self.body)
        except ValueError:
            return None


def request(
    method: str,
    path: str,
    port: int,
    *,
    token: str | None = None,
    payload: Any = None,
    headers: dict[str, str] | None = None,
) -> Reply:
    """One request on a fresh connection (gunicorn's sync workers close it anyway)."""
    body = b"" if payload is None else json.dumps(payload).encode()
    sent = {"Content-Type": "application/json", "Content-Length": str(len(body)), **(headers or {})}
    if token:
        sent["Authorization"] = f"Bearer {token}"
    started = time.perf_counter()
    conn = http.client.HTTPConnection(HOST, port, timeout=30)
    try:
        conn.request(method, path, body=body, headers=sent)
        response = conn.getresponse()
        data = response.read()
        status = response.status
    finally:
        conn.close()
    return Reply(status, (time.perf_counter() - started) * 1000, data)


def _exit_on_sigterm(signum: int, frame: FrameType | None) -> None:
    raise SystemExit(128 + signum)


class Server:
    """`with Server(workers=4) as server:` serves `bench.bare_insert.wsgi` on `server.port`."""

    def __init__(
        self,
        *,
        workers: int,
        ready_path: str = "/api/",
        env: dict[str, str] | None = None,
        log: Path | None = None,
    ) -> None:
        self.workers = workers
        self.ready_path = ready_path
        self.port = free_port()
        self.process: subprocess.Popen[bytes] | None = None
        self.env = env or {}  # added to the environment (e.g. MAEUL_REDIS_URL)
        self.log = log  # gunicorn's output goes here instead of the terminal

    def worker_pids(self) -> list[int]:
        """The pids of gunicorn's workers now (the master's children, read from /proc)."""
        return children_of(self.process.pid) if self.process else []

    def __enter__(self) -> "Server":
        signal.signal(signal.SIGTERM, _exit_on_sigterm)
        path = [str(ROOT), *filter(None, [os.environ.get("PYTHONPATH")])]
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(path), **self.env}
        output = self.log.open("ab") if self.log else None
        self.process = subprocess.Popen(
            [
                str(Path(sys.executable).with_name("gunicorn")),
                "bench.bare_insert.wsgi:application",
                "--bind",
                f"{HOST}:{self.port}",
                "--workers",
                str(self.workers),
                "--log-level",
                "warning",
                "--chdir",
                str(ROOT),
            ],
            env=env,
            stdout=output,
            stderr=output,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if request("GET", self.ready_path, self.port).status < 500:
                    return self
            except OSError:
                time.sleep(0.3)
        self.stop()
        raise SystemExit("gunicorn did not start within 60 s")

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        self.stop()

    def stop(self) -> None:
        process = self.process
        if process is None or process.poll() is not None:
            return
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
