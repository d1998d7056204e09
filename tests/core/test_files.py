"""Files: var/ and its keys and database are private, the data key can live elsewhere, a deploy
check warns about a key beside the database, and public uploads are served safely."""

import importlib
import io
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.urls import clear_url_caches
from PIL import Image

from maeul.core.checks import check_private_files
from maeul.core.env import private_directory, private_file
from maeul.core.storage import PrivateStorage
from tests.korean import HANGUL


def mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def manage(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    """manage.py on a var/ folder of its own, with the embedded SQLite database whatever
    database the suite itself runs on (these tests are about the files in var/)."""
    dropped = {"MAEUL_DATA_KEY", "SECRET_KEY", "DATABASE_URL"}
    clean = {k: v for k, v in os.environ.items() if k not in dropped}
    return subprocess.run(  # noqa: S603 -- our own manage.py, arguments from the tests
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def png(size: tuple[int, int] = (8, 6)) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", size, (30, 120, 60)).save(out, format="PNG")
    return out.getvalue()


# --- var/, keys and the database ---------------------------------------------------------
def test_a_fresh_var_folder_its_keys_and_database_are_owner_only(tmp_path):
    var = tmp_path / "var"

    result = manage("check", MAEUL_VAR_DIR=str(var))

    assert result.returncode == 0, result.stderr
    assert mode(var) == 0o700
    for name in ["secret_key", "data_key", "maeul.sqlite3"]:
        assert mode(var / name) == 0o600, name


def test_the_database_files_stay_private_after_migrating(tmp_path):
    var = tmp_path / "var"

    result = manage("migrate", "--no-input", "-v", "0", MAEUL_VAR_DIR=str(var))

    assert result.returncode == 0, result.stderr
    written = [p for p in var.iterdir() if p.name.startswith("maeul.sqlite3")]
    assert written
    for path in written:
        assert mode(path) & 0o077 == 0, f"{path.name} is {oct(mode(path))}"


def test_existing_folders_and_files_keep_their_mode(tmp_path):
    folder = tmp_path / "shared"
    folder.mkdir(mode=0o755)
    os.chmod(folder, 0o755)  # noqa: S103 -- an operator's deliberately shared folder
    file = folder / "db"
    file.write_text("kept", encoding="utf-8")

    private_directory(folder)
    private_file(file)

    assert mode(folder) == 0o755
    assert file.read_text(encoding="utf-8") == "kept"


def test_data_key_is_read_from_its_own_file_outside_var(tmp_path):
    var = tmp_path / "var"
    key = tmp_path / "keys" / "data_key"
    key.parent.mkdir()
    key.write_text("a-key-kept-apart\n", encoding="utf-8")

    result = manage(
        "shell",
        "-c",
        "from django.conf import settings; print(settings.MAEUL_DATA_KEY)",
        MAEUL_VAR_DIR=str(var),
        MAEUL_DATA_KEY_FILE=str(key),
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "a-key-kept-apart"
    assert not (var / "data_key").exists()


@pytest.mark.parametrize("content", [None, ""])
def test_a_missing_or_empty_data_key_file_stops_start_up_without_making_a_new_key(
    tmp_path, content
):
    key = tmp_path / "keys" / "data_key"
    if content is not None:
        key.parent.mkdir()
        key.write_text(content, encoding="utf-8")

    result = manage("check", MAEUL_VAR_DIR=str(tmp_path / "var"), MAEUL_DATA_KEY_FILE=str(key))

    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "MAEUL_DATA_KEY_FILE" in lines[0]
    assert HANGUL.search(lines[0])
    assert (key.read_text(encoding="utf-8") if key.exists() else None) == content


# --- The deploy check -------------------------------------------------------------------
@pytest.fixture
def production_files(settings, tmp_path, monkeypatch):
    """DEBUG off, an SQLite database and its data key in tmp_path, both private."""
    from maeul.core import checks

    settings.DEBUG = False
    settings.VAR_DIR = private_directory(tmp_path / "var")
    database = private_file(settings.VAR_DIR / "maeul.sqlite3")
    # The database the check looks at (settings.DATABASES is the test database's own dict).
    monkeypatch.setattr(checks, "_sqlite_file", lambda: database)
    key = settings.VAR_DIR / "data_key"
    key.write_text("key", encoding="utf-8")
    key.chmod(0o600)
    settings.MAEUL_DATA_KEY_PATH = key
    return settings


def ids(messages) -> list[str]:
    return [message.id for message in messages]


def test_key_beside_the_database_is_a_deploy_warning(production_files):
    messages = check_private_files()

    assert ids(messages) == ["maeul.W001"]
    assert HANGUL.search(messages[0].msg)
    assert "MAEUL_DATA_KEY_FILE" in messages[0].hint


def test_key_kept_elsewhere_passes(production_files, tmp_path):
    elsewhere = private_directory(tmp_path / "keys") / "data_key"
    elsewhere.write_text("key", encoding="utf-8")
    elsewhere.chmod(0o600)
    production_files.MAEUL_DATA_KEY_PATH = elsewhere

    assert check_private_files() == []


def test_key_from_the_environment_passes(production_files):
    production_files.MAEUL_DATA_KEY_PATH = None

    assert check_private_files() == []


def test_development_is_not_warned(production_files):
    production_files.DEBUG = True

    assert check_private_files() == []


def test_a_database_others_can_read_is_a_deploy_warning(production_files, tmp_path):
    production_files.MAEUL_DATA_KEY_PATH = None
    (production_files.VAR_DIR / "maeul.sqlite3").chmod(0o644)

    assert ids(check_private_files()) == ["maeul.W002"]


def test_the_check_runs_with_deploy_checks_only(tmp_path):
    var = tmp_path / "var"

    plain = manage("check", "--fail-level", "WARNING", MAEUL_VAR_DIR=str(var))
    deploy = manage("check", "--deploy", MAEUL_VAR_DIR=str(var))

    assert plain.returncode == 0, plain.stderr  # `make lint` stays clean in development
    assert "maeul.W001" in deploy.stderr + deploy.stdout


# --- Private storage ----------------------------------------------------------------------
def test_private_files_are_owner_only(settings, tmp_path):
    settings.PRIVATE_ROOT = tmp_path / "private"
    storage = PrivateStorage()

    name = storage.save("plans/receipts/r.png", ContentFile(png()))

    assert mode(Path(storage.path(name))) == 0o600
    assert mode(Path(storage.path(name)).parent) == 0o700


# --- Serving public media ---------------------------------------------------------------
@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_ROOT = tmp_path / "private"
    (settings.MEDIA_ROOT / "proposals").mkdir(parents=True)
    (settings.MEDIA_ROOT / "proposals" / "photo.png").write_bytes(png())
    (settings.MEDIA_ROOT / "proposals" / "plan.pdf").write_bytes(b"%PDF-1.4\n%%EOF\n")
    (settings.MEDIA_ROOT / "proposals" / ".hidden.png").write_bytes(png())
    (settings.MEDIA_ROOT / "page.html").write_bytes(b"<script>alert(1)</script>")
    settings.PRIVATE_ROOT.mkdir()
    (settings.PRIVATE_ROOT / "receipt.png").write_bytes(png())
    (settings.MEDIA_ROOT / "proposals" / "link.png").symlink_to(
        settings.PRIVATE_ROOT / "receipt.png"
    )
    return settings.MEDIA_ROOT


def test_public_photo_is_served_inline_with_nosniff(client, media):
    response = client.get("/media/proposals/photo.png")

    assert response.status_code == 200
    assert response["Content-Type"] == "image/png"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "attachment" not in response.get("Content-Disposition", "")
    assert b"".join(response.streaming_content) == (media / "proposals" / "photo.png").read_bytes()


@pytest.mark.parametrize("name", ["proposals/plan.pdf", "page.html"])
def test_anything_but_an_image_is_a_download(client, media, name):
    response = client.get(f"/media/{name}")

    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize(
    "path",
    [
        "/media/proposals/missing.png",
        "/media/proposals/",
        "/media/proposals/.hidden.png",
        "/media/proposals/link.png",  # a symbolic link to a private file
        "/media/../private/receipt.png",
        "/media/proposals/%2e%2e/%2e%2e/private/receipt.png",
        "/media//etc/passwd",
        "/media/receipt.png",
    ],
)
def test_only_regular_public_files_are_served(client, media, path):
    assert client.get(path).status_code == 404


def test_media_answers_only_reads(client, media):
    assert client.post("/media/proposals/photo.png").status_code == 405


def test_an_uploaded_proposal_photo_is_reachable_at_its_url(client, settings, tmp_path):
    from maeul.proposals.models import Attachment

    settings.MEDIA_ROOT = tmp_path / "media"
    stored = Attachment._meta.get_field("file").storage.save(
        "proposals/2026/12/x.png", ContentFile(png())
    )

    response = client.get(f"{settings.MEDIA_URL}{stored}")

    assert response.status_code == 200


def test_media_is_not_routed_when_the_proxy_serves_it(client, media, settings):
    import maeul.urls

    settings.MAEUL_SERVE_MEDIA = False
    try:
        importlib.reload(maeul.urls)
        clear_url_caches()
        assert client.get("/media/proposals/photo.png").status_code == 404
    finally:
        settings.MAEUL_SERVE_MEDIA = True
        importlib.reload(maeul.urls)
        clear_url_caches()
