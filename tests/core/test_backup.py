"""manage.py backup / restore: encrypted, with a key apart from the data key, all or nothing.

Runs on the configured database: SQLite always, PostgreSQL in CI's PostgreSQL pass (the
dump and restore then go through pg_dump and pg_restore).
"""

import base64
import io
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from maeul.core.backup import BackupError, archive
from maeul.core.backup.archive import make_backup, restore_backup
from maeul.core.backup.crypto import CHUNK, backup_key, decrypt_chunks, encrypt_stream, new_key
from maeul.places.models import District

pytestmark = pytest.mark.django_db(transaction=True)

KEY = new_key()


@pytest.fixture
def key(monkeypatch):
    monkeypatch.setenv("MAEUL_BACKUP_KEY", KEY)
    return backup_key()


@pytest.fixture
def uploads(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.PRIVATE_ROOT = tmp_path / "private"
    (settings.MEDIA_ROOT / "proposals").mkdir(parents=True)
    (settings.MEDIA_ROOT / "proposals" / "photo.jpg").write_bytes(b"\xff\xd8 a photo")
    settings.PRIVATE_ROOT.mkdir()
    (settings.PRIVATE_ROOT / "receipt.pdf").write_bytes(b"%PDF receipt")
    return settings


def _districts() -> list[str]:
    return sorted(District.objects.values_list("name", flat=True))


def test_stream_round_trip_over_several_chunks():
    data = bytes(range(256)) * (CHUNK // 100)  # about 2.6 chunks
    key = base64.urlsafe_b64decode(KEY)
    sealed = io.BytesIO()
    encrypt_stream(io.BytesIO(data), sealed, key)
    assert data[:64] not in sealed.getvalue()
    assert b"".join(decrypt_chunks(io.BytesIO(sealed.getvalue()), key)) == data


@pytest.mark.parametrize("cut", ["truncate", "flip", "append"])
def test_stream_refuses_a_changed_file(cut):
    key = base64.urlsafe_b64decode(KEY)
    sealed = io.BytesIO()
    encrypt_stream(io.BytesIO(b"x" * (CHUNK + 10)), sealed, key)
    raw = bytearray(sealed.getvalue())
    if cut == "truncate":
        raw = raw[: len(raw) - 40]  # the last chunk is missing: the file was cut short
    elif cut == "flip":
        raw[200] ^= 1
    else:
        raw += b"more"
    with pytest.raises(BackupError, match="손상"):
        b"".join(decrypt_chunks(io.BytesIO(bytes(raw)), key))


def test_the_key_must_exist_and_differ_from_the_data_key(monkeypatch, settings):
    monkeypatch.delenv("MAEUL_BACKUP_KEY", raising=False)
    monkeypatch.delenv("MAEUL_BACKUP_KEY_FILE", raising=False)
    with pytest.raises(BackupError, match="백업 열쇠가 없습니다"):
        backup_key()
    settings.MAEUL_DATA_KEY = KEY
    with pytest.raises(BackupError, match="데이터 열쇠"):
        backup_key(KEY)
    with pytest.raises(BackupError, match="형식"):
        backup_key("not a key")


def test_backup_refuses_to_run_without_a_key(monkeypatch, tmp_path):
    monkeypatch.delenv("MAEUL_BACKUP_KEY", raising=False)
    with pytest.raises(CommandError, match="백업 열쇠가 없습니다"):
        call_command("backup", str(tmp_path / "b.backup"))
    assert not (tmp_path / "b.backup").exists()


def test_backup_and_restore_give_back_the_rows_and_files(places, key, uploads, tmp_path):
    before = _districts()
    target = tmp_path / "site.backup"
    call_command("backup", str(target), stdout=io.StringIO())
    assert b"a photo" not in target.read_bytes()  # encrypted, files included
    District.objects.filter(name=before[0]).update(name="바뀐 구")
    (uploads.MEDIA_ROOT / "proposals" / "photo.jpg").unlink()
    (uploads.MEDIA_ROOT / "later.jpg").write_bytes(b"after the backup")

    out = io.StringIO()
    call_command("restore", str(target), "--yes", stdout=out)

    assert "복원했습니다" in out.getvalue()
    assert _districts() == before
    assert (uploads.MEDIA_ROOT / "proposals" / "photo.jpg").read_bytes() == b"\xff\xd8 a photo"
    assert not (uploads.MEDIA_ROOT / "later.jpg").exists()
    assert (uploads.PRIVATE_ROOT / "receipt.pdf").read_bytes() == b"%PDF receipt"


def test_the_manifest_counts_and_checksums_each_table(places, key, uploads, tmp_path):
    outcome = make_backup(tmp_path / "m.backup", key=key, now=_now())
    tables = outcome.manifest["tables"]
    assert tables["places_district"]["rows"] == District.objects.count()
    assert len(tables["places_district"]["sha256"]) == 64
    assert "media/proposals/photo.jpg" in outcome.manifest["files"]


@pytest.mark.parametrize("damage", ["wrong key", "corrupted", "not a backup"])
def test_restore_refuses_and_changes_nothing(places, key, uploads, tmp_path, damage):
    target = tmp_path / "site.backup"
    make_backup(target, key=key, now=_now())
    District.objects.filter(name=_districts()[0]).update(name="바뀐 구")
    after_delete = _districts()
    use = key
    if damage == "wrong key":
        use = base64.urlsafe_b64decode(new_key())
        message = "열쇠가 맞지 않습니다"
    elif damage == "corrupted":
        raw = bytearray(target.read_bytes())
        raw[len(raw) // 2] ^= 0xFF
        target.write_bytes(bytes(raw))
        message = "손상"
    else:
        target.write_bytes(b"PK\x03\x04 a zip file")
        message = "마을 백업 파일이 아닙니다"

    with pytest.raises(BackupError, match=message):
        restore_backup(target, key=use)

    assert _districts() == after_delete
    assert (uploads.MEDIA_ROOT / "proposals" / "photo.jpg").exists()


def test_restore_command_reports_a_wrong_key_plainly(places, key, uploads, tmp_path, monkeypatch):
    target = tmp_path / "site.backup"
    make_backup(target, key=key, now=_now())
    monkeypatch.setenv("MAEUL_BACKUP_KEY", new_key())
    with pytest.raises(CommandError, match="백업 열쇠가 맞지 않습니다"):
        call_command("restore", str(target), "--yes")


def test_restore_refuses_a_backup_of_the_other_backend(places, key, uploads, tmp_path, monkeypatch):
    target = tmp_path / "site.backup"
    make_backup(target, key=key, now=_now())
    other = "postgresql" if connection.vendor == "sqlite" else "sqlite"
    unpack = archive._unpack

    def unpack_from_the_other_backend(*args):
        return {**unpack(*args), "backend": other}

    monkeypatch.setattr(archive, "_unpack", unpack_from_the_other_backend)
    with pytest.raises(BackupError, match="아무것도 바꾸지 않았습니다"):
        restore_backup(target, key=key)


def _now():
    from django.utils import timezone

    return timezone.now()


def test_new_key_prints_a_usable_key():
    out = io.StringIO()
    call_command("backup", "--new-key", stdout=out)
    assert len(base64.urlsafe_b64decode(out.getvalue().strip())) == 32


def test_backup_file_is_private(places, key, uploads, tmp_path):
    target = tmp_path / "private.backup"
    make_backup(target, key=key, now=_now())
    assert Path(target).stat().st_mode & 0o077 == 0
