"""Files officials open in a spreadsheet: the XLSX type, cells kept from being read as
formulas, and a plain sheet (a bold header, then the rows) saved as bytes."""

import io
from collections.abc import Iterable, Sequence
from typing import Any, Final

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

XLSX_TYPE: Final = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
# A spreadsheet reads a cell starting with these as a formula (CSV/formula injection).
FORMULA_START: Final = ("=", "+", "-", "@", "\t", "\r")


def as_text(value: str | None) -> str:
    """`value` (empty for None) as a cell a spreadsheet shows as text, never runs as a formula."""
    text = value or ""
    return f"'{text}" if text.startswith(FORMULA_START) else text


def fill_sheet(sheet: Worksheet, header: Sequence[str], rows: Iterable[list[Any]]) -> None:
    """`header` in bold, then `rows`; each column wide enough for its header."""
    sheet.append(list(header))
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in rows:
        sheet.append(row)
    for index, name in enumerate(header, start=1):
        sheet.column_dimensions[get_column_letter(index)].width = max(12, len(name) * 3)


def workbook_bytes(workbook: Workbook) -> bytes:
    """The XLSX file of `workbook`."""
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
