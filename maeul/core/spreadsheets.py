"""Files officials open in a spreadsheet: the XLSX and CSV types, cells kept from being read
as formulas, a new workbook, a plain sheet (a bold header, then the rows) or a header styled
on a filled sheet, the amounts' number format, and the finished file as bytes or CSV text."""

import csv
import io
from collections.abc import Iterable, Sequence
from typing import Any, Final

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

XLSX_TYPE: Final = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_TYPE: Final = "text/csv; charset=utf-8"
BOM: Final = "\ufeff"  # a byte-order mark, so that Excel reads a CSV file as UTF-8
NUMBER: Final = "#,##0"  # amounts, as officials read them
# A spreadsheet reads a cell starting with these as a formula (CSV/formula injection).
FORMULA_START: Final = ("=", "+", "-", "@", "\t", "\r")


def as_text(value: str | None) -> str:
    """`value` (empty for None) as a cell a spreadsheet shows as text, never runs as a formula."""
    text = value or ""
    return f"'{text}" if text.startswith(FORMULA_START) else text


def new_workbook(sheet_title: str) -> tuple[Workbook, Worksheet]:
    """A new workbook and its first sheet, named `sheet_title`."""
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None  # noqa: S101 -- a new workbook has one sheet
    sheet.title = sheet_title
    return workbook, sheet


def fill_sheet(sheet: Worksheet, header: Sequence[str], rows: Iterable[list[Any]]) -> None:
    """`header` in bold, then `rows`; each column wide enough for its header."""
    sheet.append(list(header))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append(row)
    for index, name in enumerate(header, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = max(12, len(name) * 3)


def bold_header(sheet: Worksheet, *, wide: str) -> None:
    """On a filled sheet: the header row in bold and kept in view, each column wide enough
    for its header, and the column headed `wide` (the titles) 40 characters wide."""
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for index, title in enumerate(next(sheet.iter_rows(max_row=1, values_only=True)), start=1):
        width = 40 if title == wide else max(10, len(str(title)) * 2 + 2)
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"


def workbook_bytes(workbook: Workbook, *, title: str | None = None) -> bytes:
    """The XLSX file of `workbook`; with `title`, the file's title (quoted, at most 200
    characters) and Maeul as its author."""
    if title is not None:
        workbook.properties.title = as_text(title)[:200]
        workbook.properties.creator = "Maeul"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def csv_text(lines: Iterable[Sequence[Any]]) -> str:
    """`lines` as CSV, with a byte-order mark so that Excel reads it as UTF-8."""
    out = io.StringIO()
    out.write(BOM)
    csv.writer(out, lineterminator="\r\n").writerows(lines)
    return out.getvalue()
