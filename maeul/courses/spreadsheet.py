"""A programme's course table as XLSX, in the seeds' columns (연번, 교육명, 일시, 교육대상,
주요내용, then 실적: 건수(회), 시수(시간), 실인원(명), 연인원(명), 만족도 결과) with the 계
row, and a second sheet of its targets against the actuals. Headers are Korean whatever
the reader's language, as the file is handed on as it is; it holds figures only, never a
person."""

from typing import Any, Final

from maeul.core.dates import seoul_time
from maeul.core.spreadsheets import as_text, fill_sheet, new_workbook, workbook_bytes
from maeul.courses.figures import Figures, ProgrammeFigures
from maeul.courses.models import Course, Session

COLUMNS: Final = (
    "연번",
    "교육명",
    "일시",
    "교육대상",
    "주요내용",
    "건수(회)",
    "시수(시간)",
    "실인원(명)",
    "연인원(명)",
    "만족도 결과",
)
TARGET_COLUMNS: Final = ("구분", "목표", "실적", "달성률(%)")
TARGET_NAMES: Final = {
    "courses": "과정",
    "sessions": "건수(회)",
    "participants": "실인원(명)",
    "attendances": "연인원(명)",
    "satisfaction": "만족도",
}


def when(sessions: list[Session], year: int) -> str:
    """일시 as the seeds write it: one session's day and hours, or the first to last day."""
    if not sessions:
        return str(year)
    first, last = seoul_time(sessions[0].starts_at), seoul_time(sessions[-1].ends_at)
    if len(sessions) == 1:
        return f"{first:%Y.%m.%d} {first:%H:%M}-{seoul_time(sessions[0].ends_at):%H:%M}"
    return f"{first:%Y.%m.%d}~{last:%Y.%m.%d}"


def figure_cells(figures: Figures) -> list[Any]:
    return [
        figures.sessions,
        float(figures.hours),
        figures.participants,
        figures.attendances,
        float(figures.satisfaction) if figures.satisfaction is not None else "-",
    ]


def programme_xlsx(table: ProgrammeFigures) -> bytes:
    """The course table and the targets of one programme."""
    sessions: dict[int, list[Session]] = {}
    for session in Session.objects.filter(course__in=table.courses).order_by("number"):
        sessions.setdefault(session.course_id, []).append(session)
    rows: list[list[Any]] = []
    course: Course
    for number, course in enumerate(table.courses, start=1):
        rows.append(
            [
                number,
                as_text(course.title),
                as_text(when(sessions.get(course.pk, []), table.programme.year)),
                as_text(course.get_audience_display()),
                as_text(course.description),
                *figure_cells(table.by_course[course.pk]),
            ]
        )
    rows.append(["계", "", "", "", "", *figure_cells(table.total)])
    workbook, sheet = new_workbook("교육 실적")
    fill_sheet(sheet, COLUMNS, rows)
    targets = workbook.create_sheet("목표 대비 실적")
    fill_sheet(
        targets,
        TARGET_COLUMNS,
        (
            [
                TARGET_NAMES[t.label],
                float(t.target) if t.target is not None else "-",
                float(t.actual) if t.actual is not None else "-",
                t.percent if t.percent is not None else "-",
            ]
            for t in table.targets
        ),
    )
    return workbook_bytes(workbook, title=str(table.programme))
