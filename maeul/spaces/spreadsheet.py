"""A month's usage of the spaces as an XLSX file for officials (공간 이용 현황), the same
figures as the statistics page (`statistics.usage`). Headers are Korean whatever the
reader's language; a cell starting like a formula is quoted (`core.spreadsheets`)."""

from typing import Any, Final

from maeul.core.spreadsheets import as_text, fill_sheet, new_workbook, workbook_bytes
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


def _line(row: Usage) -> list[Any]:
    space = row.space
    return [
        as_text(space.name),
        space.dong.name,
        as_text(space.operator),
        float(space.size_m2) if space.size_m2 else "",
        row.bookings,
        round(row.hours, 1),
        row.booked_visitors,
        row.walk_ins,
        row.visitors,
        row.loans,
        row.answers,
        row.satisfied_percent if row.satisfied_percent is not None else "",
    ]


def usage_workbook(title: str, rows: list[Usage]) -> bytes:
    """One sheet, 이용 현황: a line per space and a total line."""
    sums = totals(rows)
    total = [
        "합계",
        "",
        "",
        "",
        sums["bookings"],
        round(sums["hours"], 1),
        sums["booked_visitors"],
        sums["walk_ins"],
        sums["visitors"],
        sums["loans"],
        sums["answers"],
        "",
    ]
    workbook, sheet = new_workbook("이용 현황")
    fill_sheet(sheet, COLUMNS, [*(_line(row) for row in rows), total])
    sheet.freeze_panes = "A2"
    return workbook_bytes(workbook, title=title)
