"""A dong's data as an XLSX file (동단위 DB): facilities, council members, agenda, projects
with 집행률, spaces, groups, resources and records, a sheet each.

Headers are Korean whatever the reader's language, as the file is handed on as it is. It
holds only what the public dong page shows (members by the name they chose to show).
"""

from typing import Any, Final

import openpyxl

from maeul.archive.dong_page import DongOverview
from maeul.core.spreadsheets import as_text, fill_sheet, workbook_bytes

SHEETS: Final = {
    "facilities": (
        "시설",
        ("구분", "시설명", "소재지", "대지(㎡)", "건물(㎡)", "층수", "준공일자"),
    ),
    "members": ("주민자치회", ("이름", "직위", "분과")),
    "agenda": ("의제", ("연도", "의제", "분과", "상태")),
    "projects": (
        "실행사업",
        ("연도", "사업명", "분과", "상태", "예산액(원)", "집행액(원)", "집행률(%)"),
    ),
    "spaces": ("마을공간", ("공간", "운영", "소재지", "면적(㎡)")),
    "groups": ("단체", ("단체명", "구분")),
    "resources": ("자원조사", ("구분", "자원", "설명", "조사일")),
    "records": ("마을기록", ("연도", "제목", "종류", "주소")),
}


def _rows(overview: DongOverview, base_url: str) -> dict[str, list[list[Any]]]:
    table = overview.projects
    return {
        "facilities": [
            [
                as_text(f.get_kind_display()),
                as_text(f.name),
                as_text(f.address),
                float(f.land_m2),
                float(f.building_m2),
                f.floors,
                f.completed_on or "",
            ]
            for f in overview.facilities
        ],
        "members": [
            [
                as_text(m.public_name),
                as_text(m.get_role_display()),
                as_text(m.section.name if m.section else ""),
            ]
            for m in overview.members
        ],
        "agenda": [
            [
                a.year,
                as_text(a.title),
                as_text(a.section.name if a.section else ""),
                as_text(a.get_status_display()),
            ]
            for a in overview.agenda
        ],
        "projects": [
            [
                r.year,
                as_text(r.title),
                as_text(r.section_name),
                as_text(r.status_label),
                r.budget,
                r.spent,
                float(r.percent) if r.percent is not None else "",
            ]
            for r in (table.rows if table else [])
        ],
        "spaces": [
            [as_text(s.name), as_text(s.operator), as_text(s.address), float(s.size_m2 or 0)]
            for s in overview.spaces
        ],
        "groups": [[as_text(g.name), as_text(g.get_kind_display())] for g in overview.groups],
        "resources": [
            [as_text(r.get_kind_display()), as_text(r.name), as_text(r.description), r.surveyed_on]
            for r in overview.resources
        ],
        "records": [
            [
                r.year,
                as_text(r.title),
                as_text(r.get_kind_display()),
                base_url + r.get_absolute_url(),
            ]
            for r in overview.records
        ],
    }


def dong_xlsx(overview: DongOverview, *, base_url: str = "") -> bytes:
    """The workbook of `overview` (read with `full=True`), one sheet per topic."""
    workbook = openpyxl.Workbook()
    workbook.remove(workbook.active)
    rows = _rows(overview, base_url)
    for key, (title, header) in SHEETS.items():
        fill_sheet(workbook.create_sheet(title), header, rows[key])
    return workbook_bytes(workbook)
