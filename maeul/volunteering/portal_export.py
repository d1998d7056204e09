"""Confirmed hours as an XLSX for the 1365 portal's bulk entry of results (실적 일괄등록).

The portal's own upload template is given to registered organisations (수요처) inside the
portal and is not published, so these columns are our reading of what a bulk entry needs:
who (the volunteer's 1365 ID, their name and birth year to check it), when (the date, start
and end, and the minutes credited: the portal keeps time in minutes), what (field, activity,
place, organiser) and who confirmed it. See docs/volunteering.md, "The 1365 export".
Headers are Korean, as the file is handed on as it is; every text cell is kept from running
as a formula (`as_text`).
"""

from datetime import date
from typing import Final

from django.db.models import QuerySet

from maeul.core.dates import seoul_day, seoul_time
from maeul.core.spreadsheets import as_text, fill_sheet, new_workbook, workbook_bytes
from maeul.volunteering.figures import started_within
from maeul.volunteering.models import HoursRecord

COLUMNS: Final = (
    "순번",
    "1365 아이디",
    "성명",
    "출생연도",
    "봉사일자",
    "시작시간",
    "종료시간",
    "봉사시간(분)",
    "봉사분야",
    "봉사활동명",
    "봉사장소",
    "활동처",
    "동",
    "확인자",
    "확인일",
)


def export_rows(
    records: QuerySet[HoursRecord], starts_on: date, ends_on: date
) -> QuerySet[HoursRecord]:
    """The records of shifts that started from `starts_on` to `ends_on` (Seoul days)."""
    return (
        started_within(records, starts_on, ends_on)
        .select_related(
            "user__volunteer",
            "confirmed_by",
            "shift__activity__camp",
            "shift__activity__club",
            "shift__activity__dong",
        )
        .order_by("shift__starts_at", "shift_id", "pk")
    )


def _portal_id(record: HoursRecord) -> str:
    volunteer = getattr(record.user, "volunteer", None)
    return volunteer.portal_id if volunteer is not None else ""


def hours_xlsx(records: QuerySet[HoursRecord]) -> bytes:
    """One row per confirmed record, in `COLUMNS`."""
    rows = []
    for number, record in enumerate(records, start=1):
        shift, activity = record.shift, record.shift.activity
        start, end = seoul_time(shift.starts_at), seoul_time(shift.ends_at)
        rows.append(
            [
                number,
                as_text(_portal_id(record)),
                as_text(record.user.public_name),
                record.user.birth_year or "",
                seoul_day(start),
                start.strftime("%H:%M"),
                end.strftime("%H:%M"),
                record.minutes,
                as_text(str(activity.get_field_display())),
                as_text(activity.title),
                as_text(shift.place),
                as_text(str(activity.organiser or "")),
                as_text(activity.dong.name if activity.dong else ""),
                as_text(record.confirmed_by.public_name),
                seoul_day(record.confirmed_at),
            ]
        )
    workbook, sheet = new_workbook("봉사실적")
    fill_sheet(sheet, COLUMNS, rows)
    return workbook_bytes(workbook)
