"""The data step of `archive.0002_record_files_in_private_storage`: existing records' photos
and documents move from public media to private storage (the rows keep pointing at them, a
name already taken there gets another and the row follows); a missing file is left alone;
going back moves them back."""

from datetime import UTC, datetime
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("archive", "0001_initial")]
AFTER = [("archive", "0002_record_files_in_private_storage")]
AT = datetime(2025, 6, 1, tzinfo=UTC)


def _put(root, name: str, data: bytes) -> None:
    path = Path(root) / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


@pytest.mark.django_db(transaction=True)
def test_existing_record_files_move_to_private_storage_and_back(places):
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    Dong = old.get_model("places", "Dong")
    record = old.get_model("archive", "ArchiveRecord").objects.create(
        title="기록",
        kind="photo",
        status="submitted",
        district_id=Dong.objects.get(name="독산1동").district_id,
        year=2025,
        created_at=AT,
    )
    photo_rows = old.get_model("archive", "RecordPhoto").objects
    document_rows = old.get_model("archive", "RecordDocument").objects
    photo = photo_rows.create(
        record=record, image="archive/photos/a.jpg", alt="골목", uploaded_at=AT
    )
    taken = photo_rows.create(
        record=record, image="archive/photos/b.jpg", alt="화분", uploaded_at=AT
    )
    missing = photo_rows.create(
        record=record, image="archive/photos/gone.jpg", alt="없음", uploaded_at=AT
    )
    document = document_rows.create(
        record=record,
        file="archive/documents/d.pdf",
        original_name="회의록.pdf",
        extension="pdf",
        size=3,
        uploaded_at=AT,
    )
    for name, data in [
        ("archive/photos/a.jpg", b"A"),
        ("archive/photos/b.jpg", b"B"),
        ("archive/documents/d.pdf", b"PDF"),
    ]:
        _put(settings.MEDIA_ROOT, name, data)
    _put(settings.PRIVATE_ROOT, "archive/photos/b.jpg", b"someone else's")

    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)

    from maeul.archive.models import RecordDocument, RecordPhoto

    media, private = Path(settings.MEDIA_ROOT), Path(settings.PRIVATE_ROOT)
    moved = RecordPhoto.objects.get(pk=photo.pk)
    assert moved.image.name == "archive/photos/a.jpg" and moved.image.read() == b"A"
    assert Path(moved.image.path).is_relative_to(private.resolve())
    renamed = RecordPhoto.objects.get(pk=taken.pk)
    assert renamed.image.name != "archive/photos/b.jpg" and renamed.image.read() == b"B"
    assert (private / "archive/photos/b.jpg").read_bytes() == b"someone else's"
    assert RecordPhoto.objects.get(pk=missing.pk).image.name == "archive/photos/gone.jpg"
    assert RecordDocument.objects.get(pk=document.pk).file.read() == b"PDF"
    assert not [path for path in media.rglob("*") if path.is_file()]

    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    assert (media / "archive/photos/a.jpg").read_bytes() == b"A"
    assert (media / "archive/documents/d.pdf").read_bytes() == b"PDF"
    assert not (private / "archive/photos/a.jpg").exists()

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
