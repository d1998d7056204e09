"""A council's roster as an XLSX file for the dong office (위원 명부, 신청자 명단).

Personal data: only staff download it, only with a reason, and each download is written
to the personal-data access log (the view does that). The file holds what the desk shows,
the names members and applicants chose to show and their council details, never an
e-mail address or a phone number. Headers are Korean whatever the reader's language, as
the file is handed on as it is.
"""

from typing import Final

from maeul.core.dates import seoul_minute
from maeul.core.spreadsheets import as_text, fill_sheet, new_workbook, workbook_bytes
from maeul.councils.models import Council, Recruitment, Term

MEMBER_COLUMNS: Final = ("기수", "이름", "직위", "분과", "선정 방식", "위촉일", "해촉일")
APPLICATION_COLUMNS: Final = (
    "신청 번호",
    "이름",
    "신청 경로",
    "추천 단체",
    "희망 분과",
    "신청 일시",
    "추첨 순위",
    "결과",
    "신청 동기",
)


def roster_xlsx(*, council: Council, term: Term | None, recruitment: Recruitment | None) -> bytes:
    """The members of `term` and the applications of `recruitment`, one sheet each."""
    members = (
        term.members.select_related("section").order_by("left_on", "role", "public_name")
        if term is not None
        else []
    )
    member_rows = [
        [
            term.number if term is not None else "",
            as_text(member.public_name),
            as_text(member.get_role_display()),
            as_text(member.section.name if member.section else ""),
            as_text(member.get_route_display()),
            member.joined_on,
            member.left_on or "",
        ]
        for member in members
    ]
    applications = (
        recruitment.applications.select_related("wanted_section").order_by("created_at")
        if recruitment is not None
        else []
    )
    application_rows = [
        [
            application.pk,
            as_text(application.public_name),
            as_text(application.get_route_display()),
            as_text(application.recommended_by),
            as_text(application.wanted_section.name if application.wanted_section else ""),
            seoul_minute(application.created_at),
            application.lottery_rank or "",
            as_text(application.get_status_display()),
            as_text(application.motivation),
        ]
        for application in applications
    ]
    workbook, members_sheet = new_workbook("위원")
    fill_sheet(members_sheet, MEMBER_COLUMNS, member_rows)
    fill_sheet(workbook.create_sheet("신청자"), APPLICATION_COLUMNS, application_rows)
    return workbook_bytes(workbook, title=council.name)
