"""A call's applications as an XLSX file for officials (신청 현황).

The public parts of each handed-in application (title, group, dong, amount asked, status)
and what only staff read: when it was submitted and how many similar applications were
found. Never the contact number, the account, the members or the files. A second sheet
holds the call's figures from `archive.statistics`, the same function as the statistics
page and the API. Headers are Korean whatever the reader's language, as in
`plans/exports.py`; a cell starting like a formula is quoted.
"""

from typing import Any, Final

from django.db.models import Count, QuerySet

from maeul.core.dates import seoul_minute
from maeul.core.money import in_thousands
from maeul.core.spreadsheets import NUMBER, as_text, bold_header, new_workbook, workbook_bytes
from maeul.grants.archive import StatRow, statistics
from maeul.grants.models import Application, GrantCall

APPLICATION_COLUMNS: Final = (
    "번호",
    "연도",
    "사업 유형",
    "사업명",
    "단체명",
    "동",
    "신청액(천원)",
    "신청액(원)",
    "상태",
    "제출 일시",
    "중복 의심 건수",
)
FIGURE_COLUMNS: Final = (
    "구분",
    "공고 수",
    "신청 수",
    "선정 수",
    "신청액(천원)",
    "선정액(천원)",
)


def _application_line(row: Application) -> list[Any]:
    submitted = seoul_minute(row.submitted_at) if row.submitted_at else ""
    return [
        row.pk,
        row.call.year,
        row.call.get_programme_display(),
        as_text(row.title),
        as_text(row.group.name),
        row.dong.name,
        in_thousands(row.amount),
        row.amount,
        row.get_status_display(),
        submitted,
        getattr(row, "match_count", 0),
    ]


def _figure_line(heading: str, row: StatRow) -> list[Any]:
    return [
        as_text(f"{heading} {row.label}".strip()),
        row.calls,
        row.applications,
        row.selected,
        in_thousands(row.asked),
        in_thousands(row.granted),
    ]


def call_applications(call: GrantCall, rows: QuerySet[Application]) -> bytes:
    """The workbook of `call`: 신청 현황 (one line per application) and 통계."""
    workbook, sheet = new_workbook("신청 현황")
    sheet.append(list(APPLICATION_COLUMNS))
    listed = (
        rows.select_related("call", "group", "dong")
        .annotate(match_count=Count("duplicate_matches"))
        .order_by("pk")
    )
    for row in listed:
        sheet.append(_application_line(row))
    for line in sheet.iter_rows(min_row=2, min_col=7, max_col=8):
        for cell in line:
            cell.number_format = NUMBER
    bold_header(sheet, wide="사업명")
    figures = statistics(call)
    totals = workbook.create_sheet("통계")
    totals.append(list(FIGURE_COLUMNS))
    for figure in figures.by_dong:
        totals.append(_figure_line("", figure))
    totals.append(_figure_line("", figures.total))
    bold_header(totals, wide="구분")
    return workbook_bytes(workbook, title=call.title)
