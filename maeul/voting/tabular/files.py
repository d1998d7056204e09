"""Reading an upload into rows of text: XLSX or CSV, the header, the lines, every problem.

A whole-file problem (not a spreadsheet, too large, no header) raises `TableError` at once;
a problem in a row is collected, so that the staff member sees every bad line together.
"""

from __future__ import annotations

import csv
import datetime
import io
import re
import zipfile
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import PurePath
from typing import TypeVar

import openpyxl
from django.utils.translation import gettext as _

from maeul.core.privacy import RESIDENT_NUMBER

MAX_ROWS = 20_000
MAX_ZIP_ENTRIES = 10_000
MAX_UNCOMPRESSED_BYTES = 100 * 1024 * 1024


def resident_number_message() -> str:
    return _("Please remove the resident registration number. Maeul must not store it.")


T = TypeVar("T")
Record = dict[str, str]
Rows = list[tuple[int, Record]]


@dataclass(frozen=True)
class RowError:
    """One problem in an upload: `line` as the spreadsheet numbers it, 0 for the whole file."""

    line: int
    column: str
    message: str

    def __str__(self) -> str:
        values = {"line": self.line, "column": self.column, "message": self.message}
        if not self.line:
            return self.message
        if self.column:
            return _("Line %(line)d (%(column)s): %(message)s") % values
        return _("Line %(line)d: %(message)s") % values


class TableError(Exception):
    """An upload that cannot be imported; `errors` lists every problem found, by line."""

    def __init__(self, errors: list[RowError]) -> None:
        super().__init__(errors)
        self.errors = errors

    def __str__(self) -> str:
        return "\n".join(str(error) for error in self.errors)


def read_table(data: bytes, filename: str, *, max_rows: int = MAX_ROWS) -> Rows:
    """(line, {header: cell text}) for every non-empty data row; raises TableError."""
    _header, rows, errors = read(data, filename, max_rows)
    raise_if_any(errors)
    return rows


class CellError(Exception):
    """A cell that cannot be read; the message is translated and user-facing."""


class Row:
    """One data row, read by the Korean column name, adding its errors to the file's list."""

    def __init__(self, line: int, record: Record, columns: dict[str, str], errors: list[RowError]):
        self.line, self.record, self.columns, self.errors = line, record, columns, errors
        self.ok = True

    def get(self, column: str) -> str:
        return self.record.get(self.columns.get(column, ""), "")

    def fail(self, column: str, message: str) -> None:
        self.errors.append(RowError(self.line, column, message))
        self.ok = False

    def check(self, column: str, parse: Callable[[str], T]) -> T | None:
        try:
            return parse(self.get(column))
        except CellError as error:
            self.fail(column, str(error))
            return None


def raise_if_any(errors: list[RowError]) -> None:
    if errors:
        raise TableError(sorted(errors, key=lambda error: error.line))


def file_error(message: str) -> TableError:
    return TableError([RowError(0, "", message)])


def read(data: bytes, filename: str, max_rows: int) -> tuple[list[str], Rows, list[RowError]]:
    """The header, the non-empty rows and the per-row problems; whole-file problems raise."""
    suffix = PurePath(filename).suffix.lower()
    if RESIDENT_NUMBER.search(filename):
        raise file_error(resident_number_message())
    if suffix not in (".xlsx", ".csv"):
        raise file_error(_("Only XLSX and CSV files can be read."))
    if not data:
        raise file_error(_("The file is empty."))
    lines = enumerate(_xlsx_lines(data) if suffix == ".xlsx" else _csv_lines(data), start=1)
    header = next(lines, (0, []))[1]
    if not any(header):
        if any(any(cells) for _line, cells in lines):
            raise file_error(_("The first line must hold the column names."))
        raise file_error(_("The file is empty."))
    rows: Rows = []
    errors: list[RowError] = []
    for line, cells in lines:
        if not any(cells):
            continue
        if len(rows) == max_rows:
            message = _("The file has more than %(count)d rows; split it into smaller files.")
            raise file_error(message % {"count": max_rows})
        if any(cell and (i >= len(header) or not header[i]) for i, cell in enumerate(cells)):
            message = _("This line has a value in a column that has no name in the first line.")
            errors.append(RowError(line, "", message))
        # Nothing holding a resident registration number is read, whatever its column.
        for name, cell in zip(header, cells, strict=False):
            if RESIDENT_NUMBER.search(cell):
                errors.append(RowError(line, name, resident_number_message()))
        padded = cells + [""] * (len(header) - len(cells))
        rows.append(
            (line, {name: cell for name, cell in zip(header, padded, strict=False) if name})
        )
    return header, rows, errors


def _xlsx_lines(data: bytes) -> Iterator[list[str]]:
    not_xlsx = _("This is not an XLSX file. Save it from Excel as an Excel workbook (.xlsx).")
    if not data.startswith(b"PK\x03\x04"):
        raise file_error(not_xlsx)
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            entries = archive.infolist()
    except (zipfile.BadZipFile, EOFError, OSError, ValueError):
        raise file_error(not_xlsx) from None
    # zipfile stops inflating an entry at its declared size, so the declared sizes bound the
    # memory a crafted file can make openpyxl use.
    unpacked = sum(entry.file_size for entry in entries)
    if len(entries) > MAX_ZIP_ENTRIES or unpacked > MAX_UNCOMPRESSED_BYTES:
        raise file_error(_("The XLSX file is too large once unpacked."))
    try:
        workbook = openpyxl.load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception:  # a broken workbook raises KeyError, ValueError, XML errors and more
        raise file_error(not_xlsx) from None
    try:
        sheet = workbook.worksheets[0]
        # Some writers record a wrong sheet size; without this, cells beyond it are dropped.
        sheet.reset_dimensions()
        for values in sheet.iter_rows(values_only=True):
            yield [_text(value) for value in values]
    except Exception:  # as above: the sheet itself is parsed only while it is read
        raise file_error(_("The XLSX file is damaged and cannot be read.")) from None
    finally:
        workbook.close()


def _csv_lines(data: bytes) -> Iterator[list[str]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        try:
            text = data.decode("cp949")  # what Korean Excel writes for "CSV (쉼표로 분리)"
        except UnicodeDecodeError:
            raise file_error(_("The CSV file is neither UTF-8 nor CP949 text.")) from None
    try:
        for cells in csv.reader(io.StringIO(text, newline="")):
            yield [cell.strip() for cell in cells]
    except csv.Error:
        raise file_error(_("The CSV file is malformed and cannot be read.")) from None


def _text(value: object) -> str:
    """A cell as text: Excel numbers without a needless '.0', dates as ISO dates."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()
    return str(value).strip()


def _key(header: str) -> str:
    return re.sub(r"\s+", "", header).casefold()


def locate(
    header: list[str], known: dict[str, tuple[str, ...]], *, required: Iterable[str]
) -> dict[str, str]:
    """Map each known column's Korean name to its header as written, in Korean or an alias."""
    keys = {_key(name): korean for korean, aliases in known.items() for name in (korean, *aliases)}
    found: dict[str, str] = {}
    errors: list[RowError] = []
    for written in header:
        korean = keys.get(_key(written))
        if korean in found:
            message = _("The column %(column)s appears more than once.")
            errors.append(RowError(0, korean, message % {"column": korean}))
        elif korean:
            found[korean] = written
    for korean in required:
        if korean not in found:
            message = _("The column %(column)s is missing.")
            errors.append(RowError(0, korean, message % {"column": korean}))
    raise_if_any(errors)
    return found
