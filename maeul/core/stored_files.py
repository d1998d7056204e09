"""Files stored beside rows: written inside a change, removed with it.

A file is not part of the database transaction, so the service saving or deleting the row
that names it says what becomes of the file when the transaction does not end as planned.
"""

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.core.files import File
from django.db import transaction
from django.db.models.fields.files import FieldFile


def delete_file_later(file: Any) -> None:
    """Delete a replaced or removed file once the change is committed (a rollback keeps it)."""
    if not file:
        return
    storage, name = file.storage, file.name
    transaction.on_commit(lambda: storage.delete(name))


class NewFiles:
    """The files one change writes (see `new_files`)."""

    def __init__(self) -> None:
        self.written: list[FieldFile] = []

    def save(self, file: FieldFile, content: File[bytes], *, default_name: str) -> None:
        """Write `content` into a row's file field, under its own name or `default_name`;
        the caller saves the row."""
        file.save(content.name or default_name, content, save=False)
        self.written.append(file)


@contextmanager
def new_files() -> Iterator[NewFiles]:
    """The files saved inside the block (through `NewFiles.save`); deleted again if the
    block fails, since the rows that named them roll back."""
    files = NewFiles()
    try:
        yield files
    except BaseException:
        for stored in files.written:
            stored.delete(save=False)
        raise
