"""A month's usage of the spaces as an XLSX file for officials (공간 이용 현황), the same
figures as the statistics page (`statistics.usage`). Headers are Korean whatever the
reader's language, as in `grants/spreadsheet.py`; a cell starting like a formula is quoted."""

import io
from typing import Final

import openpyxl
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter

from maeul.plans.exports import _text  # `_text` quotes a formula-like cell
from maeul.spaces.statistics import Usage, totals

COLUMNS: Final = (
    "공간",
    "동",
    "운영",
    "면적(㎡)",
    "대관 건수",
    "대관 시간",
    "대관 이용자",
    "자유 이용자",
    "이용자 합계",
    "물품 대여",
    "만족도 응답",
    "만족 비율(%)",
)


def usage_workbook(title: str, rows: list[Usage]) -> bytes:
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "이용 현황"
    sheet.append(list(COLUMNS))
    for row in rows:
        sheet.append([
            _text(row.space.name), row.space.dong.name, _text(row.space.operator),
            float(row.space.size_m2) if row.space.size_m2 else "", row.bookings,
            round(row.hours, 1), row.booked_visitors,
            row.walk_ins, row.visitors, row.loans, row.answers,
            row.satisfied_percent if row.satisfied_percent is not None else "",
        ])  # fmt: skip
    sums = totals(rows)
    sheet.append([
        "합계", "", "", "", sums["bookings"], round(sums["hours"], 1), sums["booked_visitors"],
        sums["walk_ins"], sums["visitors"], sums["loans"], sums["answers"], "",
    ])  # fmt: skip
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for index, heading in enumerate(COLUMNS, start=1):
        width = 30 if heading in ("공간", "운영") else max(10, len(heading) * 2 + 2)
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    workbook.properties.title = _text(title)[:200]
    workbook.properties.creator = "Maeul"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
