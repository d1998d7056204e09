"""`manage.py serve` keeps query strings out of its access log.

A receipt look-up (`?code=…`) or a search logged beside the visitor's address would say who
looked up what. The test starts gunicorn exactly as `serve` does and reads what it logs.
"""

import os
import socket
import subprocess
import time
import urllib.error
import urllib.request
from pathlib import Path

from maeul.core.management.commands.serve import gunicorn_command

SECRET = "RECEIPT-7Q2K-SECRET"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_access_log_names_the_path_but_not_the_query(tmp_path: Path) -> None:
    port = _free_port()
    env = {
        **os.environ,
        "MAEUL_VAR_DIR": str(tmp_path),
        "DATABASE_URL": f"sqlite:///{tmp_path / 'serve.sqlite3'}",
    }
    log = tmp_path / "access.log"
    with log.open("wb") as out:
        server = subprocess.Popen(  # noqa: S603 -- the project's own gunicorn
            gunicorn_command("127.0.0.1", port, 1), stdout=out, stderr=subprocess.STDOUT, env=env
        )
        try:
            status = _get_when_up(
                f"http://127.0.0.1:{port}/health?code={SECRET}&q=%EC%A3%BC%EC%B0%A8"
            )
        finally:
            server.terminate()
            server.wait(timeout=30)
    logged = log.read_text(encoding="utf-8", errors="replace")
    assert status in (200, 503)  # an empty database has no cache table: still logged
    assert '"GET /health"' in logged
    assert SECRET not in logged
    assert "code=" not in logged and "q=" not in logged


def _get_when_up(url: str) -> int:
    deadline = time.monotonic() + 60
    while True:
        try:
            with urllib.request.urlopen(url, timeout=10) as answer:  # noqa: S310 -- loopback
                return int(answer.status)
        except urllib.error.HTTPError as answer:
            return int(answer.code)
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(0.3)
