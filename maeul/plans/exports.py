"""Accountability tables as files officials open in Excel: XLSX and CSV (UTF-8 with BOM).

The columns follow the seeds' tables (사업명, 예산액, 집행액, 집행률) with the amounts twice:
in 천원 as the reports print them, and in exact 원 so that a reader can add them up. The
headers are Korean whatever the reader's language, as the files are handed on as they
are; the totals are the page's (`accountability.summarise`), never a spreadsheet formula.
"""

from collections.abc import Iterator
from decimal import Decimal
from typing import Any, Final

from openpyxl.styles import Font
from openpyxl.worksheet.worksheet import Worksheet

from maeul.core.money import in_thousands
from maeul.core.spreadsheets import (
    NUMBER,
    as_text,
    bold_header,
    csv_text,
    new_workbook,
    workbook_bytes,
)
from maeul.plans.accountability import Accountability, Amounts, Group, ProjectRow

TOTAL: Final = "합계"
PERCENT: Final = "0.0"

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
    """Append `lines`; totals in bold, `#,##0` on amounts, `0.0` on rates; the header's style."""
    for line in lines:
        sheet.append(line)
    for cell in sheet[sheet.max_row]:
        cell.font = Font(bold=True)
    rate_column = first_amount + 2
    for row in sheet.iter_rows(min_row=2, min_col=first_amount + 1):
        for offset, cell in enumerate(row):
            cell.number_format = PERCENT if offset == rate_column - first_amount else NUMBER
    bold_header(sheet, wide="사업명")


def export_xlsx(table: Accountability, *, title: str) -> bytes:
    """A workbook: 사업별 (every project and the total), 동별 and 사업유형별 subtotals."""
    workbook, projects = new_workbook("사업별")
    _fill(projects, project_lines(table), _AMOUNT_START)
    by_dong = workbook.create_sheet("동별")
    _fill(by_dong, _group_lines("동", table.by_dong, table.total), 2)
    by_programme = workbook.create_sheet("사업유형별")
    _fill(by_programme, _group_lines("사업유형", table.by_programme, table.total), 2)
    if len(table.by_year) > 1:
        by_year = workbook.create_sheet("연도별")
        _fill(by_year, _group_lines("연도", table.by_year, table.total), 2)
    return workbook_bytes(workbook, title=title)


def export_csv(table: Accountability) -> str:
    """The 사업별 table as CSV that Excel reads as UTF-8."""
    return csv_text(project_lines(table))
