"""Throwaway PostgreSQL and Redis servers for the soak, fault and drill benches.

`ThrowawayPostgres` makes a cluster of its own with initdb under /tmp on a free port (as
the `postgres` account when the bench runs as root), so that killing it with SIGKILL
never touches a cluster other work shares; `kill()` sends SIGKILL to the postmaster and
every backend, `start()` brings it back (PostgreSQL's crash recovery replays the WAL).
`ThrowawayRedis` runs redis-server on a free port without persistence. Both are removed
when their `with` block ends.
"""

import contextlib
import os
import shutil
import signal
import subprocess
import tempfile
import time
from pathlib import Path
from types import TracebackType

from bench.bare_insert.server import HOST, children_of, free_port

ROLE = "maeul"
PASSWORD = "bench"  # noqa: S105 -- a throwaway cluster on loopback


def _binary(name: str) -> str | None:
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"), reverse=True)
    return str(candidates[0]) if candidates else None


class ThrowawayPostgres:
    def __init__(self) -> None:
        self.port = free_port()
        self.root = Path(tempfile.mkdtemp(prefix="maeul-bench-pg-"))
        self.data = self.root / "data"
        self.log = self.root / "server.log"
        self.as_postgres = os.geteuid() == 0

    @staticmethod
    def available() -> str | None:
        """None when initdb and pg_ctl exist, else why the cluster cannot be made."""
        missing = [name for name in ("initdb", "pg_ctl") if not _binary(name)]
        return f"{', '.join(missing)} not found" if missing else None

    @property
    def url(self) -> str:
        return f"postgres://{ROLE}:{PASSWORD}@{HOST}:{self.port}/postgres"

    def _run(self, *command: str) -> None:
        prefix = ["runuser", "-u", "postgres", "--"] if self.as_postgres else []
        subprocess.run([*prefix, *command], check=True, capture_output=True)

    def __enter__(self) -> "ThrowawayPostgres":
        if self.as_postgres:
            shutil.chown(self.root, "postgres")
        self._run(
            str(_binary("initdb")),
            "-D",
            str(self.data),
            "-U",
            ROLE,
            "--auth=trust",
            "-E",
            "UTF8",
            "--locale=C.UTF-8",
        )
        with (self.data / "postgresql.conf").open("a") as conf:
            conf.write(
                f"port = {self.port}\nlisten_addresses = '{HOST}'\n"
                f"unix_socket_directories = '{self.root}'\nmax_connections = 200\n"
                "shared_buffers = 64MB\n"
            )
        self.start()
        return self

    def start(self) -> None:
        self._run(
            str(_binary("pg_ctl")),
            "-D",
            str(self.data),
            "-l",
            str(self.log),
            "-w",
            "-t",
            "120",
            "start",
        )

    def postmaster(self) -> int | None:
        try:
            return int((self.data / "postmaster.pid").read_text().split()[0])
        except (OSError, ValueError, IndexError):
            return None

    def kill(self) -> int:
        """SIGKILL the postmaster and its backends at once; how many processes died."""
        master = self.postmaster()
        if master is None:
            return 0
        victims = [master, *children_of(master)]
        for pid in victims:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and any(Path(f"/proc/{p}").exists() for p in victims):
            time.sleep(0.05)
        return len(victims)

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        try:
            self._run(str(_binary("pg_ctl")), "-D", str(self.data), "-m", "immediate", "stop")
        except subprocess.CalledProcessError:
            self.kill()
        shutil.rmtree(self.root, ignore_errors=True)


class ThrowawayRedis:
    def __init__(self) -> None:
        self.port = free_port()
        self.process: subprocess.Popen[bytes] | None = None

    @staticmethod
    def available() -> str | None:
        return None if shutil.which("redis-server") else "redis-server not found"

    @property
    def url(self) -> str:
        return f"redis://{HOST}:{self.port}/0"

    def __enter__(self) -> "ThrowawayRedis":
        self.process = subprocess.Popen(
            [
                str(shutil.which("redis-server")),
                "--port",
                str(self.port),
                "--bind",
                HOST,
                "--save",
                "",
                "--appendonly",
                "no",
            ],
            stdout=subprocess.DEVNULL,
        )
        import socket

        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            try:
                with socket.create_connection((HOST, self.port), timeout=1):
                    return self
            except OSError:
                time.sleep(0.1)
        raise SystemExit("redis-server did not start within 20 s")

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)
