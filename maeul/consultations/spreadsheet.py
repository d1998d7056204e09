"""Participation statistics as an XLSX file (참여 통계), as `grants/spreadsheet.py` writes
its workbook: Korean headers whatever the reader's language, a cell starting like a
formula quoted, and the figures from `statistics`, the same as the statistics page."""

import csv
import io
from datetime import datetime
from typing import Any, Final

import openpyxl
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from maeul.consultations.statistics import consultation_figures, forum_figures
from maeul.core.dates import SEOUL
from maeul.plans.exports import BOM, _text  # `_text` quotes a formula-like cell

HIDDEN: Final = "5명 미만"
CONSULTATION_COLUMNS: Final = ("여론수렴", "시작", "마감", "응답자 수", "토론 의견 수")
GROUP_COLUMNS: Final = ("여론수렴", "구분", "집단", "응답자 수")
FORUM_COLUMNS: Final = ("공론장", "종류", "일시", "신청", "참석", "참여 대상", "인원")


def _day(moment: datetime) -> str:
    return moment.astimezone(SEOUL).strftime("%Y-%m-%d")


def _bold_header(sheet: Worksheet, wide: str) -> None:
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for index, title in enumerate(next(sheet.iter_rows(max_row=1, values_only=True)), start=1):
        sheet.column_dimensions[get_column_letter(index)].width = (
            40 if title == wide else max(10, len(str(title)) * 2 + 2)
        )
    sheet.freeze_panes = "A2"


def group_lines() -> list[list[Any]]:
    """The 동·연령대별 table: one line per consultation and group (the CSV file's lines)."""
    lines: list[list[Any]] = []
    for row in consultation_figures():
        title = _text(row.consultation.title)
        for kind, breakdown in (("동", row.participation.by_dong),
                                ("연령대", row.participation.by_age_group)):  # fmt: skip
            lines += [[title, kind, _text(group), HIDDEN if n is None else n]
                      for group, n in breakdown]  # fmt: skip
    return lines


def participation_csv() -> str:
    """The 동·연령대별 table as CSV, with a byte-order mark so that Excel reads it as UTF-8."""
    out = io.StringIO()
    out.write(BOM)
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerows([list(GROUP_COLUMNS), *group_lines()])
    return out.getvalue()


def participation_workbook() -> bytes:
    """Sheets 여론수렴 참여, 동·연령대별 and 공론장 참여."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "여론수렴 참여"
    sheet.append(list(CONSULTATION_COLUMNS))
    for row in consultation_figures():
        sheet.append([_text(row.consultation.title), _day(row.consultation.opens_at),
                      _day(row.consultation.closes_at), row.participation.respondents,
                      row.arguments])  # fmt: skip
    groups = workbook.create_sheet("동·연령대별")
    groups.append(list(GROUP_COLUMNS))
    for line in group_lines():
        groups.append(line)
    forums = workbook.create_sheet("공론장 참여")
    forums.append(list(FORUM_COLUMNS))
    for figure in forum_figures():
        forum = figure.forum
        head = [_text(forum.title), forum.get_kind_display(), _day(forum.starts_at),
                figure.registered, figure.attended]  # fmt: skip
        for group, n in figure.by_group or [("", 0)]:
            forums.append([*head, _text(group), HIDDEN if n is None else n])
    for each, wide in ((sheet, "여론수렴"), (groups, "여론수렴"), (forums, "공론장")):
        _bold_header(each, wide)
    workbook.properties.title = "참여 통계"
    workbook.properties.creator = "Maeul"
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()
