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
FACILITIES = [
    tuple(row)
    for row in tomllib.loads(
        (Path(__file__).resolve().parent / "demo_facilities.toml").read_text(encoding="utf-8")
    )["facilities"]
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
                "kind": FacilityKind(kind),
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
