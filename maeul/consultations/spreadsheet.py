"""Participation statistics as an XLSX file (참여 통계), as `grants/spreadsheet.py` writes
its workbook: Korean headers whatever the reader's language, a cell starting like a
formula quoted, and the figures from `statistics`, the same as the statistics page."""

from typing import Any, Final

from maeul.consultations.statistics import consultation_figures, forum_figures
from maeul.core.dates import seoul_day
from maeul.core.spreadsheets import as_text, bold_header, csv_text, new_workbook, workbook_bytes

HIDDEN: Final = "5명 미만"
CONSULTATION_COLUMNS: Final = ("여론수렴", "시작", "마감", "응답자 수", "토론 의견 수")
GROUP_COLUMNS: Final = ("여론수렴", "구분", "집단", "응답자 수")
FORUM_COLUMNS: Final = ("공론장", "종류", "일시", "신청", "참석", "참여 대상", "인원")


def group_lines() -> list[list[Any]]:
    """The 동·연령대별 table: one line per consultation and group (the CSV file's lines)."""
    lines: list[list[Any]] = []
    for row in consultation_figures():
        title = as_text(row.consultation.title)
        for kind, breakdown in (
            ("동", row.participation.by_dong),
            ("연령대", row.participation.by_age_group),
        ):
            lines += [
                [title, kind, as_text(group), HIDDEN if n is None else n] for group, n in breakdown
            ]
    return lines


def participation_csv() -> str:
    """The 동·연령대별 table as CSV that Excel reads as UTF-8."""
    return csv_text([list(GROUP_COLUMNS), *group_lines()])


def participation_workbook() -> bytes:
    """Sheets 여론수렴 참여, 동·연령대별 and 공론장 참여."""
    workbook, sheet = new_workbook("여론수렴 참여")
    sheet.append(list(CONSULTATION_COLUMNS))
    for row in consultation_figures():
        sheet.append(
            [
                as_text(row.consultation.title),
                seoul_day(row.consultation.opens_at),
                seoul_day(row.consultation.closes_at),
                row.participation.respondents,
                row.arguments,
            ]
        )
    groups = workbook.create_sheet("동·연령대별")
    groups.append(list(GROUP_COLUMNS))
    for line in group_lines():
        groups.append(line)
    forums = workbook.create_sheet("공론장 참여")
    forums.append(list(FORUM_COLUMNS))
    for figure in forum_figures():
        forum = figure.forum
        head = [
            as_text(forum.title),
            forum.get_kind_display(),
            seoul_day(forum.starts_at),
            figure.registered,
            figure.attended,
        ]
        for group, n in figure.by_group or [("", 0)]:
            forums.append([*head, as_text(group), HIDDEN if n is None else n])
    for each, wide in ((sheet, "여론수렴"), (groups, "여론수렴"), (forums, "공론장")):
        bold_header(each, wide=wide)
    return workbook_bytes(workbook, title="참여 통계")
