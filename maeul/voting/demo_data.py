"""Projects of the demo votes, written from the kinds of projects in the seed documents;
the texts and figures are in `demo_projects.toml`.

District projects are 금천구's 지역사회혁신계획 candidates (the seeds: 9억원 a year, 19 projects
carried out in 2020, such as 일회용 비닐봉투 없는 우리마을); dong projects are 동단위 시민참여예산
candidates (the seeds: 구비 300백만원 a year, 28 projects chosen across the ten dongs in 2021).
"""

import tomllib
from pathlib import Path
from typing import Any, NamedTuple

DATA_FILE = Path(__file__).resolve().parent / "demo_projects.toml"


class DemoProject(NamedTuple):
    title: str
    section: str  # the 분과 (district) or 주민자치회 분과 (dong) that proposed it
    cost: int  # 원
    dong: str | None  # None: district-wide
    description: str


def _project(row: dict[str, Any]) -> DemoProject:
    return DemoProject(
        row["title"], row["section"], row["cost"], row.get("dong"), row["description"]
    )


_DATA = tomllib.loads(DATA_FILE.read_text(encoding="utf-8"))

DISTRICT_PROJECTS = [_project(row) for row in _DATA["district"]]

# 동단위 시민참여예산: 구비 300백만원 a year across the ten dongs (seeds: 2019-2022).
DONG_BUDGET = 300_000_000
DONG_PROJECTS = [_project(row) for row in _DATA["dong"]]

# 영등포구's 주민자치회 시범동 (seed 002: '19.6 to '21.5) and their 2021 agenda (총 47개 의제,
# 245,723천원), of which the 동단위 계획형 시민참여예산 was 30 projects, 144,000천원.
PILOT_DONGS = ["여의동", "문래동", "양평2동", "신길5동", "대림1동"]
PILOT_BUDGET = 144_000_000
PILOT_KINDS = [_project({**row, "dong": "{dong}"}) for row in _DATA["pilot"]]


def pilot_projects() -> list[DemoProject]:
    """The 시범동 projects: each kind in each dong, costs varied a little by dong."""
    return [
        DemoProject(
            f"{dong} {kind.title}",
            kind.section,
            kind.cost + 250_000 * ((index * 3 + order) % 5),
            dong,
            kind.description.format(dong=dong),
        )
        for index, dong in enumerate(PILOT_DONGS)
        for order, kind in enumerate(PILOT_KINDS)
    ]
