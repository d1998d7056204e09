"""Settings from the environment, the database connection, `serve`, and security headers."""

import os
import socket
import sqlite3
import stat
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import connection, transaction
from django.test import Client

from maeul.core.env import secret_from_file
from tests.conftest import PASSWORD
from tests.korean import HANGUL

on_sqlite = pytest.mark.skipif(
    connection.vendor != "sqlite", reason="SQLite connection settings; CI runs this on SQLite"
)


def _manage_check(**env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=settings.BASE_DIR,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def _assert_one_line_config_error(result: subprocess.CompletedProcess[str], name: str) -> None:
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    message = lines[0]
    assert name in message
    assert HANGUL.search(message), "the message has a Korean part"
    assert "Invalid" in message, "the message has an English part"


@pytest.mark.parametrize("url", ["mysql://x", "not a url", "postgres://host/"])
def test_invalid_database_url_stops_with_a_one_line_message(url):
    result = _manage_check(DATABASE_URL=url)

    _assert_one_line_config_error(result, "DATABASE_URL")


def test_invalid_debug_flag_stops_with_a_one_line_message():
    result = _manage_check(MAEUL_DEBUG="maybe")

    _assert_one_line_config_error(result, "MAEUL_DEBUG")


@on_sqlite
def test_sqlite_runs_in_wal_mode_with_full_sync(db):
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA journal_mode")
        journal_mode = cursor.fetchone()[0]
        cursor.execute("PRAGMA synchronous")
        synchronous = cursor.fetchone()[0]

    assert journal_mode.lower() == "wal"
    assert synchronous == 2  # FULL


@on_sqlite
@pytest.mark.django_db(transaction=True)
def test_sqlite_transactions_take_the_write_lock_when_they_begin():
    path = connection.settings_dict["NAME"]
    if connection.is_in_memory_db():
        pytest.skip("needs a database file that a second connection can open")
    with transaction.atomic():
        # Nothing written yet: only a BEGIN IMMEDIATE holds the write lock at this point.
        connection.cursor().execute("SELECT 1")
        other = sqlite3.connect(path, timeout=0)
        try:
            with pytest.raises(sqlite3.OperationalError, match="locked"):
                other.execute("BEGIN IMMEDIATE")
        finally:
            other.close()


def test_serve_refuses_a_port_in_use():
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]

        with pytest.raises(CommandError) as refused:
            call_command("serve", host="127.0.0.1", port=port)

    message = str(refused.value)
    assert f"포트 {port}" in message
    assert "이미 다른 프로그램이 쓰고 있습니다" in message
    assert "already in use" in message


def _port_left_in_time_wait() -> int:
    """A port whose server just closed its side of a connection first, as after `kill -9`.

    The server sets SO_REUSEADDR as gunicorn does; its closed connections inherit it.
    """
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as server:
        server.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        server.bind(("127.0.0.1", 0))
        server.listen()
        port = server.getsockname()[1]
        with socket.create_connection(("127.0.0.1", port)) as client:
            accepted, _address = server.accept()
            accepted.close()  # the side that closes first keeps the port in TIME_WAIT
            assert client.recv(1) == b""
    return port


class _FinishedProcess:
    """Stands in for gunicorn and the task worker: started, then already finished."""

    started: list[list[str]] = []

    def __init__(self, args: list[str]) -> None:
        self.started.append(args)

    def poll(self) -> int:
        return 0

    def wait(self, timeout: float | None = None) -> int:
        return 0

    def terminate(self) -> None: ...

    def kill(self) -> None: ...


def test_serve_starts_on_a_port_in_time_wait_after_a_crash(monkeypatch, capsys):
    from maeul.core.management.commands import serve

    port = _port_left_in_time_wait()
    # The old check, a bind without SO_REUSEADDR, refused it.
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as plain, pytest.raises(OSError):
        plain.bind(("127.0.0.1", port))
    _FinishedProcess.started = []
    monkeypatch.setattr(serve.subprocess, "Popen", _FinishedProcess)

    call_command("serve", host="127.0.0.1", port=port)

    gunicorn = _FinishedProcess.started[0]
    assert f"127.0.0.1:{port}" in gunicorn
    # gunicorn's own (English) limit sits above ours, so the Korean 414 page answers first.
    limit = int(gunicorn[gunicorn.index("--limit-request-line") + 1])
    assert limit > settings.MAEUL_MAX_URI_LENGTH
    assert f"http://127.0.0.1:{port}" in capsys.readouterr().out


def test_serve_warns_at_start_up_about_a_data_key_beside_the_database(
    monkeypatch, capsys, settings
):
    from maeul.core import checks
    from maeul.core.management.commands import serve

    settings.DEBUG = False
    settings.MAEUL_DATA_KEY_PATH = settings.VAR_DIR / "data_key"
    monkeypatch.setattr(checks, "_sqlite_file", lambda: settings.VAR_DIR / "maeul.sqlite3")
    monkeypatch.setattr(serve.subprocess, "Popen", _FinishedProcess)

    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as free:
        free.bind(("127.0.0.1", 0))
        port = free.getsockname()[1]
    call_command("serve", host="127.0.0.1", port=port)

    assert "maeul.W001" in capsys.readouterr().err


def test_serve_refuses_an_invalid_port():
    with pytest.raises(CommandError, match="포트 번호가 올바르지 않습니다"):
        call_command("serve", port=70000)


def test_pages_carry_security_headers(client, places):
    response = client.get("/")

    assert response.status_code == 200
    policy = {
        directive.split()[0]: directive.split()[1:]
        for directive in response["Content-Security-Policy"].split(";")
        if directive.strip()
    }
    assert "script-src" in policy
    assert "'unsafe-inline'" not in policy["script-src"]
    assert "'unsafe-eval'" not in policy["script-src"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"


def test_session_cookie_is_http_only_and_same_site_lax(client, resident):
    response = client.post("/accounts/login/", {"login": resident.email, "password": PASSWORD})

    assert response.status_code == 302
    cookie = response.cookies[settings.SESSION_COOKIE_NAME]
    assert cookie.value
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Lax"


def test_post_without_csrf_token_is_refused(unverified_resident):
    browser = Client(enforce_csrf_checks=True)
    browser.force_login(unverified_resident)

    response = browser.post("/me/", {"display_name": "바뀐 이름", "birth_year": "1990"})

    assert response.status_code == 403
    unverified_resident.refresh_from_db()
    assert unverified_resident.display_name == "새 주민"


def test_secret_is_created_once_and_kept_private(tmp_path, monkeypatch):
    monkeypatch.delenv("MAEUL_TEST_SECRET", raising=False)
    path = tmp_path / "var" / "secret"

    first = secret_from_file("MAEUL_TEST_SECRET", path)

    assert len(first) >= 50
    assert path.read_text(encoding="utf-8") == first
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert secret_from_file("MAEUL_TEST_SECRET", path) == first
    assert [p.name for p in path.parent.iterdir()] == ["secret"]
    monkeypatch.setenv("MAEUL_TEST_SECRET", "from-the-environment")
    assert secret_from_file("MAEUL_TEST_SECRET", path) == "from-the-environment"


def test_processes_starting_together_share_one_secret(tmp_path, monkeypatch):
    monkeypatch.delenv("MAEUL_TEST_SECRET", raising=False)
    path = tmp_path / "secret"

    with ThreadPoolExecutor(max_workers=8) as pool:
        values = list(pool.map(lambda _n: secret_from_file("MAEUL_TEST_SECRET", path), range(32)))

    assert set(values) == {path.read_text(encoding="utf-8")}
