"""Accountability tables as files officials open in Excel: XLSX and CSV (UTF-8 with BOM).

The columns follow the seeds' tables (사업명, 예산액, 집행액, 집행률) with the amounts twice:
in 천원 as the reports print them, and in exact 원 so that a reader can add them up. The
headers are Korean whatever the reader's language, as the files are handed on as they
are; the totals are the page's (`accountability.summarise`), never a spreadsheet formula.
"""

import csv
import io
from collections.abc import Iterator
from decimal import Decimal
from typing import Any, Final

import openpyxl
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from maeul.core.money import in_thousands
from maeul.core.spreadsheets import XLSX_TYPE as XLSX_TYPE  # read here by grants
from maeul.core.spreadsheets import as_text, workbook_bytes
from maeul.plans.accountability import Accountability, Amounts, Group, ProjectRow

CSV_TYPE: Final = "text/csv; charset=utf-8"
BOM: Final = "\ufeff"
TOTAL: Final = "합계"
NUMBER: Final = "#,##0"
PERCENT: Final = "0.0"
_text = as_text  # read here by grants (spreadsheet.py); core.spreadsheets holds it

PROJECT_COLUMNS: Final = (
    "연도",
    "구",
    "동",
    "사업명",
    "사업유형",
    "재원",
    "담당 분과",
    "진행 상태",
    "예산액(천원)",
    "집행액(천원)",
    "집행률(%)",
    "예산액(원)",
    "집행액(원)",
)
GROUP_COLUMNS: Final = (
    "사업 수",
    "예산액(천원)",
    "집행액(천원)",
    "집행률(%)",
    "예산액(원)",
    "집행액(원)",
)
# Where the amounts start in PROJECT_COLUMNS (0-based), for number formats.
_AMOUNT_START: Final = PROJECT_COLUMNS.index("예산액(천원)")


def _amount_cells(amounts: Amounts) -> list[Any]:
    """예산액(천원), 집행액(천원), 집행률(%), 예산액(원), 집행액(원)."""
    percent: Decimal | None = amounts.percent
    return [
        in_thousands(amounts.budget),
        in_thousands(amounts.spent),
        percent if percent is not None else "-",
        amounts.budget,
        amounts.spent,
    ]


def _project_line(row: ProjectRow) -> list[Any]:
    return [
        row.year,
        as_text(row.district_name),
        as_text(row.place),
        as_text(row.title),
        row.programme_label,
        row.budget_source_label,
        as_text(row.section_name),
        row.status_label,
        *_amount_cells(row.amounts),
    ]


def project_lines(table: Accountability) -> Iterator[list[Any]]:
    """The header, one line per project, and the totals line."""
    yield list(PROJECT_COLUMNS)
    for row in table.rows:
        yield _project_line(row)
    blanks = [""] * (_AMOUNT_START - 1)
    yield [TOTAL, *blanks, *_amount_cells(table.total)]


def _group_lines(heading: str, groups: list[Group], total: Amounts) -> Iterator[list[Any]]:
    yield [heading, *GROUP_COLUMNS]
    for group in groups:
        yield [as_text(group.label), group.amounts.projects, *_amount_cells(group.amounts)]
    yield [TOTAL, total.projects, *_amount_cells(total)]


def _fill(sheet: Worksheet, lines: Iterator[list[Any]], first_amount: int) -> None:
    """Append `lines`; bold header and totals; `#,##0` on amounts, `0.0` on rates."""
    for line in lines:
        sheet.append(line)
    last = sheet.max_row
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for cell in sheet[last]:
        cell.font = Font(bold=True)
    rate_column = first_amount + 2
    for row in sheet.iter_rows(min_row=2, min_col=first_amount + 1):
        for offset, cell in enumerate(row):
            cell.number_format = PERCENT if offset == rate_column - first_amount else NUMBER
    for index, title in enumerate(next(sheet.iter_rows(max_row=1, values_only=True)), start=1):
        width = 40 if title == "사업명" else max(10, len(str(title)) * 2 + 2)
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"


def export_xlsx(table: Accountability, *, title: str) -> bytes:
    """A workbook: 사업별 (every project and the total), 동별 and 사업유형별 subtotals."""
    workbook = openpyxl.Workbook()
    projects = workbook.active
    projects.title = "사업별"
    _fill(projects, project_lines(table), _AMOUNT_START)
    by_dong = workbook.create_sheet("동별")
    _fill(by_dong, _group_lines("동", table.by_dong, table.total), 2)
    by_programme = workbook.create_sheet("사업유형별")
    _fill(by_programme, _group_lines("사업유형", table.by_programme, table.total), 2)
    if len(table.by_year) > 1:
        by_year = workbook.create_sheet("연도별")
        _fill(by_year, _group_lines("연도", table.by_year, table.total), 2)
    workbook.properties.title = title[:200]
    workbook.properties.creator = "Maeul"
    return workbook_bytes(workbook)


def export_csv(table: Accountability) -> str:
    """The 사업별 table as CSV, with a byte-order mark so that Excel reads it as UTF-8."""
    out = io.StringIO()
    out.write(BOM)
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerows(project_lines(table))
    return out.getvalue()
