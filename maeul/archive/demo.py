"""Demo archive of 금천구 and the facility table of 영등포구, from the seeds.

Records of the seeds' activities across the ten dongs of 금천구: the 마을공동체기록관's
소소한 마을공동체 전시 (금빛노을 인형극단 and three more groups), the 금천 마을기록가 학교
(12회 144명), 동네방넷 (19회 143명), the 서울마을주간 〈금자씨와 함께하는 싱글벙글 마을시대〉
(911명), 주민총회 in May and 성과공유회 in November with the dong booklets, the 공구도서관 and
안심택배 of 새재미마을활력소, the 코로나19 마을연계 활동 (마스크 1,250개, 방역 24회), a
마을신문 and a video. Two exhibitions; one record by a community recorder awaits approval.
The records' texts are in `demo_records.toml`; their photos are drawn here (plain shapes),
each with its description.

The facility table is the seeds' 〈동주민센터 및 자치회관 현황〉 of 영등포구 (대지/건물 ㎡, 층수,
준공일자). Idempotent: nothing is added once 금천구 has a record.
"""

import io
import tomllib
from datetime import date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any, NamedTuple

from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image, ImageDraw

from maeul.accounts.demo import DEMO_PASSWORD, demo_resident, district_to_fill
from maeul.accounts.models import Role, RoleAssignment, User
from maeul.archive.models import (
    ArchiveRecord,
    Facility,
    FacilityKind,
    RecordKind,
    ResourceKind,
)
from maeul.archive.services import exhibitions, records, survey
from maeul.archive.services.records import Documents
from maeul.councils.models import CouncilEvent
from maeul.places.models import District, Dong
from maeul.plans.accountability import public_projects

RECORDER_EMAIL = "recorder@demo.maeul.kr"
DATA_FILE = Path(__file__).resolve().parent / "demo_records.toml"


class RecordSpec(NamedTuple):
    """A demo record, as `demo_records.toml` gives it."""

    dong: str
    year: int
    kind: RecordKind
    title: str
    body: str
    tags: str
    photo: str  # the description of its drawn photo ("": no photo)
    video: str  # a video link ("": none)


def _spec(row: dict[str, Any]) -> RecordSpec:
    return RecordSpec(
        row["dong"],
        row["year"],
        RecordKind(row["kind"]),
        row["title"],
        row["body"],
        row["tags"],
        row.get("photo", ""),
        row.get("video", ""),
    )


_DATA = tomllib.loads(DATA_FILE.read_text(encoding="utf-8"))
RECORDS = [_spec(row) for row in _DATA["records"]]
SUBMITTED = _spec(_DATA["submitted"])  # the recorder's record, waiting for approval

# 영등포구 〈동주민센터 및 자치회관 현황〉: name, dong, kind, address, 대지, 건물, floors, 준공일자
F = FacilityKind
FACILITIES = [
    (
        "영등포본동 주민센터",
        "영등포본동",
        F.DONG_OFFICE,
        "신길로61길 17",
        "565.00",
        "1886.77",
        "1/6",
        "2006-08-21",
    ),
    (
        "영등포동 주민센터",
        "영등포동",
        F.DONG_OFFICE,
        "영등포로53길 22",
        "990.30",
        "985.50",
        "1/2",
        "1995-08-03",
    ),
    (
        "여의동 주민센터",
        "여의동",
        F.DONG_OFFICE,
        "국제금융로 124",
        "618.00",
        "2134.97",
        "2/5",
        "2010-04-28",
    ),
    (
        "당산1동 주민센터",
        "당산1동",
        F.DONG_OFFICE,
        "양산로23길 11",
        "1064.50",
        "1855.47",
        "1/4",
        "1996-07-04",
    ),
    (
        "당산2동 주민센터",
        "당산2동",
        F.DONG_OFFICE,
        "당산로41가길 7",
        "800.00",
        "2992.79",
        "2/5",
        "2015-11-11",
    ),
    (
        "도림동 주민센터",
        "도림동",
        F.DONG_OFFICE,
        "도영로7길 10",
        "992.00",
        "2246.47",
        "1/5",
        "2002-01-10",
    ),
    (
        "문래동 주민센터",
        "문래동",
        F.DONG_OFFICE,
        "문래로28길 15",
        "171.16",
        "1001.04",
        "0/4",
        "2007-08-30",
    ),
    (
        "양평1동 주민센터",
        "양평1동",
        F.DONG_OFFICE,
        "영등포로11길 12",
        "670.10",
        "796.37",
        "1/3",
        "1989-05-24",
    ),
    (
        "양평2동 주민센터",
        "양평2동",
        F.DONG_OFFICE,
        "선유로47길 30",
        "1804.60",
        "7029.11",
        "3/4",
        "2018-12-14",
    ),
    (
        "신길1동 주민센터",
        "신길1동",
        F.DONG_OFFICE,
        "영등포로84길 24-5",
        "1989.40",
        "6287.35",
        "2/4",
        "2003-09-24",
    ),
    (
        "신길3동 주민센터",
        "신길3동",
        F.DONG_OFFICE,
        "신길로41라길 13-8",
        "1167.00",
        "1046.30",
        "1/4",
        "1992-06-10",
    ),
    (
        "신길4동 주민센터",
        "신길4동",
        F.DONG_OFFICE,
        "신길로42길 1",
        "792.00",
        "2306.41",
        "2/4",
        "2020-09-15",
    ),
    (
        "신길5동 주민센터",
        "신길5동",
        F.DONG_OFFICE,
        "도림로 264",
        "842.00",
        "1261.35",
        "1/3",
        "1993-12-31",
    ),
    (
        "신길6동 주민센터",
        "신길6동",
        F.DONG_OFFICE,
        "대방천로 169",
        "900.00",
        "1322.63",
        "1/4",
        "1984-11-20",
    ),
    (
        "신길7동 주민센터",
        "신길7동",
        F.DONG_OFFICE,
        "여의대방로43길 10",
        "765.40",
        "2644.52",
        "2/6",
        "2006-02-09",
    ),
    (
        "대림1동 주민센터",
        "대림1동",
        F.DONG_OFFICE,
        "디지털로 441",
        "2409.00",
        "1853.80",
        "1/3",
        "1987-04-30",
    ),
    (
        "대림2동 주민센터",
        "대림2동",
        F.DONG_OFFICE,
        "대림로23길 25",
        "984.20",
        "844.00",
        "1/3",
        "1980-07-30",
    ),
    (
        "대림3동 주민센터",
        "대림3동",
        F.DONG_OFFICE,
        "대림로 197",
        "726.90",
        "1136.93",
        "1/4",
        "1981-10-30",
    ),
    (
        "영등포본동자치회관",
        "영등포본동",
        F.COMMUNITY_HALL,
        "영등포로64길 21",
        "332.00",
        "659.25",
        "1/3",
        "1983-12-23",
    ),
    (
        "영등포동자치회관",
        "영등포동",
        F.COMMUNITY_HALL,
        "국회대로44길 4",
        "336.40",
        "945.26",
        "1/4",
        "1990-11-02",
    ),
    (
        "도림동자치회관",
        "도림동",
        F.COMMUNITY_HALL,
        "도신로33길 4",
        "380.00",
        "680.93",
        "1/3",
        "1991-04-30",
    ),
    (
        "문래동자치회관",
        "문래동",
        F.COMMUNITY_HALL,
        "도림로141가길 16",
        "364.60",
        "517.22",
        "1/3",
        "1978-12-31",
    ),
    (
        "舊)영1 청사",
        "영등포본동",
        F.FORMER_OFFICE,
        "영신로9나길 16",
        "318.00",
        "552.98",
        "1/3",
        "1983-12-24",
    ),
    (
        "舊)문1 청사",
        "문래동",
        F.FORMER_OFFICE,
        "경인로 759",
        "446.30",
        "760.35",
        "1/4",
        "1977-12-24",
    ),
]

R = ResourceKind
RESOURCES = [
    (
        "시흥4동",
        R.PLACE,
        "새재미마을활력소 공구도서관",
        "전동드릴 3대, 공구세트 5개, 접이식 사다리 2개를 빌려 줍니다.",
    ),
    (
        "시흥4동",
        R.SKILL,
        "집수리 재능기부",
        "공구를 다룰 줄 아는 주민 4명이 이웃의 작은 수리를 돕습니다.",
    ),
    ("독산1동", R.PERSON, "마을기록가 학교 수료 주민 6명", "사진과 인터뷰로 동네 기록을 남깁니다."),
    ("독산1동", R.GROUP, "독산 텃밭모임", "골목 화분 텃밭을 함께 가꿉니다."),
    ("독산1동", R.PLACE, "공유공간 잇슈", "6명이 쓸 수 있는 작은 모임 공간입니다."),
]

COLOURS = [(46, 110, 180), (210, 120, 60), (70, 150, 90), (160, 80, 150), (200, 170, 40)]


def _drawing(seed: int) -> SimpleUploadedFile:
    """A small picture of plain shapes (the demo holds no real photos)."""
    image = Image.new("RGB", (480, 320), (245, 243, 236))
    draw = ImageDraw.Draw(image)
    colour = COLOURS[seed % len(COLOURS)]
    draw.rectangle((40, 200, 440, 290), fill=colour)
    draw.ellipse(
        (60 + seed * 17 % 200, 40, 200 + seed * 17 % 200, 180), fill=COLOURS[(seed + 2) % 5]
    )
    out = io.BytesIO()
    image.save(out, format="PNG")
    return SimpleUploadedFile(f"demo-{seed}.png", out.getvalue(), content_type="image/png")


def _recorder(district: District, dong: Dong, now: datetime) -> User:
    # Signs in like the other demo accounts (README), to try the recorder's pages.
    user = demo_resident(
        RECORDER_EMAIL,
        "마을기록가",
        1968,
        dong,
        password=DEMO_PASSWORD,
        verified_at=now - timedelta(days=300),
        lives_since=now - timedelta(days=400),
    )
    RoleAssignment.objects.get_or_create(user=user, role=Role.RECORDER, district=district)
    return user


def _documents(dong: Dong, year: int, title: str) -> Documents:
    """The dong's first public project of the year, and its assembly or results sharing."""
    project = public_projects().filter(dong=dong, year=year).order_by("pk").first()
    event = None
    if "주민총회" in title or "성과공유회" in title:
        kind = "assembly" if "주민총회" in title else "results_sharing"
        event = CouncilEvent.objects.filter(council__dong=dong, kind=kind).order_by("pk").first()
    return Documents(project=project, event=event)


def _record(spec: RecordSpec, dong: Dong, author: User, seed: int, now: datetime) -> ArchiveRecord:
    return records.submit_record(
        place=dong,
        title=spec.title,
        body=spec.body,
        kind=spec.kind,
        year=spec.year,
        tags=spec.tags,
        documents=_documents(dong, spec.year, spec.title),
        video_url=spec.video,
        photo=_drawing(seed) if spec.photo else None,
        photo_alt=spec.photo,
        author=author,
        now=now,
    )


def load_facilities() -> int:
    """The seeds' facility table of 영등포구 (idempotent)."""
    dongs = {d.name: d for d in Dong.objects.filter(district__name="영등포구")}
    made = 0
    for name, dong_name, kind, address, land, building, floors, completed in FACILITIES:
        dong = dongs.get(dong_name)
        if dong is None:
            continue
        below, above = (int(n) for n in floors.split("/"))
        _, created = Facility.objects.get_or_create(
            dong=dong,
            name=name,
            defaults={
                "district_id": dong.district_id,
                "kind": kind,
                "address": f"서울특별시 영등포구 {address}",
                "land_m2": Decimal(land),
                "building_m2": Decimal(building),
                "floors_below": below,
                "floors_above": above,
                "completed_on": date.fromisoformat(completed),
            },
        )
        made += created
    return made


def load_archive(*, now: datetime) -> int:
    """Records, exhibitions and the resource survey of 금천구, and the facility table of
    영등포구; returns the records made."""
    load_facilities()
    scene = district_to_fill("금천구", ArchiveRecord)
    if scene is None:
        return 0
    district, staff, dongs = scene.district, scene.staff, scene.dongs
    made = [_record(spec, dongs[spec.dong], staff, n, now) for n, spec in enumerate(RECORDS)]
    recorder = _recorder(district, dongs["독산1동"], now)
    _record(SUBMITTED, dongs[SUBMITTED.dong], recorder, len(RECORDS), now)
    by_title = {record.title: record for record in made}
    exhibitions.create_exhibition(
        place=district,
        title="소소한 마을공동체 전시",
        introduction="마을공동체기록관이 금빛노을 인형극단 등 4개 단체와 함께 연 전시입니다. "
        "마을에서 태어난 작은 공동체들의 이야기를 모았습니다.",
        records=[
            by_title[t]
            for t in (
                "소소한 마을공동체 전시: 금빛노을 인형극단",
                "새재미마을활력소 공구도서관과 안심택배",
                "박미사랑마을회관 헬스카페",
                "독산4동 마을영화관 상영회",
            )
        ],
        staff=staff,
        now=now,
    )
    exhibitions.create_exhibition(
        place=district,
        title="2021 성과공유회: 열 개 동의 한 해",
        introduction="2021년 열 개 동 주민자치회가 주민총회에서 정하고 실행한 일들을 "
        "성과공유회에 맞춰 모았습니다.",
        records=[r for r in made if r.year == 2021],
        staff=staff,
        now=now,
    )
    today = now.date()
    for dong_name, kind, name, description in RESOURCES:
        survey.record_resource(
            dong=dongs[dong_name],
            kind=kind,
            name=name,
            description=description,
            surveyed_on=today,
            staff=staff,
            now=now,
        )
    return len(made)
