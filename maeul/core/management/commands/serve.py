"""Serve Maeul with gunicorn on the loopback address, after checking that the port is free."""

import errno
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from django.core import checks
from django.core.management.base import BaseCommand, CommandError, CommandParser

from maeul.core.checks import TAG as FILE_CHECKS

# gunicorn refuses longer request lines with its own English page; ours (MAEUL_MAX_URI_LENGTH,
# in Korean) must come first. 8190 is gunicorn's maximum.
REQUEST_LINE_LIMIT = 8190

# The path without its query string (%(U)s): a receipt look-up (?code=…) or a search beside
# an address in the log would say who looked up what. docs/deployment.md uses the same format.
ACCESS_LOG_FORMAT = '%(h)s "%(m)s %(U)s" %(s)s %(B)s %(M)sms'


def gunicorn_command(host: str, port: int, workers: int) -> list[str]:
    """How `serve` starts gunicorn from this virtualenv: access log on stdout, no queries."""
    return [
        str(Path(sys.executable).parent / "gunicorn"),
        "maeul.wsgi:application",
        "--bind",
        f"{host}:{port}",
        "--workers",
        str(workers),
        "--access-logfile",
        "-",
        "--access-logformat",
        ACCESS_LOG_FORMAT,
        "--limit-request-line",
        str(REQUEST_LINE_LIMIT),
    ]


def port_is_free(host: str, port: int) -> bool:
    """True when gunicorn could listen on the port now.

    SO_REUSEADDR as gunicorn sets it: a port whose last server was killed a moment ago has
    only connections in TIME_WAIT left, and those do not stop a new server from listening.
    """
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                return False
            raise
    return True


class Command(BaseCommand):
    help = "gunicorn으로 마을을 실행합니다 (serve Maeul with gunicorn)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--host", default="127.0.0.1")
        parser.add_argument("--port", type=int, default=int(os.environ.get("PORT", "8000")))
        parser.add_argument("--workers", type=int, default=2)

    def handle(self, *args: Any, **options: Any) -> None:
        host, port = options["host"], options["port"]
        if not 0 < port < 65536:
            raise CommandError(f"포트 번호가 올바르지 않습니다: {port} / invalid port: {port}")
        if not port_is_free(host, port):
            raise CommandError(
                f"포트 {port}을(를) 이미 다른 프로그램이 쓰고 있습니다. "
                f"PORT=8001 make run 처럼 다른 포트를 지정하세요. / "
                f"Port {port} is already in use; choose another, e.g. PORT=8001 make run."
            )
        # Production start-up: say what is wrong with where the keys and database live.
        for message in checks.run_checks(include_deployment_checks=True, tags=[FILE_CHECKS]):
            self.stderr.write(f"{message}")
        self.stdout.write(
            f"마을을 http://{host}:{port} 에서 실행합니다. 멈추려면 Ctrl+C를 누르세요."
        )
        self.stdout.flush()
        web = subprocess.Popen(  # noqa: S603 -- our own gunicorn from the virtualenv
            gunicorn_command(host, port, options["workers"])
        )
        # The background worker runs the tasks the site enqueues (notification e-mails).
        worker = subprocess.Popen(
            [sys.executable, "manage.py", "db_worker", "--queue-name", "*", "--no-reload"]
        )
        processes = [web, worker]
        signal.signal(signal.SIGTERM, lambda *_: self._stop(processes))
        try:
            while all(process.poll() is None for process in processes):
                time.sleep(0.5)
        except KeyboardInterrupt:
            pass
        finally:
            self._stop(processes)

    @staticmethod
    def _stop(processes: list[subprocess.Popen[bytes]]) -> None:
        for process in processes:
            if process.poll() is None:
                process.terminate()
        for process in processes:
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
