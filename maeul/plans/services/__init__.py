"""State changes of plans: `planning` (a plan: started, from the assembly, submitted,
approved), `projects` (a plan's projects), `spending` (payments and receipts), `progress`
(progress updates). Each takes the acting staff member and `now`, checks `enforce`, and audits."""

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction

from maeul.core.errors import RuleViolation
from maeul.proposals.attachments import CheckedFile, check_upload


def checked_upload(upload: UploadedFile | None, *, field: str) -> CheckedFile | None:
    """`upload` judged by its content (a photo re-encoded, or a PDF), refused beside `field`."""
    if upload is None:
        return None
    try:
        return check_upload(upload)
    except RuleViolation as refusal:
        raise RuleViolation(refusal.message, code=refusal.code, field=field) from None


def delete_file_later(file: Any) -> None:
    """Delete a replaced or removed file once the change is committed (a rollback keeps it)."""
    if not file:
        return
    storage, name = file.storage, file.name
    transaction.on_commit(lambda: storage.delete(name))


@contextmanager
def new_files() -> Iterator[list[Any]]:
    """The files saved inside the block (append them); deleted again if the block fails,
    since the rows that named them roll back."""
    written: list[Any] = []
    try:
        yield written
    except BaseException:
        for stored in written:
            stored.delete(save=False)
        raise
