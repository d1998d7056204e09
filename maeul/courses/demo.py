"""Demo courses from the seeds, and a season of live ones. Idempotent: nothing is added
once a course programme exists.

Reported (figures kept as recorded totals, no attendance rows are invented):
- 서울시 마을공동체종합지원센터, 2019: 자치구 중간지원조직 실무자교육, the 20 courses of its
  table (20회, 78.5시간, 729명, 만족도 4.4) against the year's targets, and the
  마을실천대학 track (뿌리 필수 → 역량별 전문 선택 → 리더십 선택 → 자주학습 필수, 졸업논문);
- 금천구, 2020: 마을력강화 마을교육 (4 courses, 65회; the summary says 950명, its lines add
  up to 977명), 자원봉사 기본교육 (6회, 71명) and 전문교육 (22회, 38명).
Live (figures counted from rows), this season in 금천구: a 마을기록가 학교 already held,
with attendance and satisfaction answers of fictional residents; the 독산1동 주민자치학교
open for registration (the demo resident can register); a 갈등해결 과정 that asks for the
주민자치학교 first.
"""

import tomllib
from datetime import datetime, timedelta
from decimal import Decimal
from pathlib import Path

from maeul.accounts.demo import demo_residents
from maeul.accounts.models import User
from maeul.core.dates import SEOUL
from maeul.courses.models import (
    Attendance,
    Audience,
    Course,
    CourseKind,
    Programme,
    Registration,
    RegistrationStatus,
    SatisfactionAnswer,
    Session,
    StepKind,
    Track,
    TrackStep,
)
from maeul.places.models import District, Dong

SEOUL_CENTRE = "서울시 마을공동체종합지원센터"
PRACTITIONERS = "자치구 마을자치 중간지원조직 실무자"

# The reported programmes (실무자교육 2019, 금천구 2020, 마을실천대학): what the reports say.
DATA = tomllib.loads((Path(__file__).resolve().parent / "demo_courses.toml").read_text("utf-8"))


def _at(year: int, month: int, day: int, hour: int) -> datetime:
    return datetime(year, month, day, hour, tzinfo=SEOUL)


def _seoul_centre(now: datetime) -> None:
    programme = Programme.objects.create(
        district=None,
        title="자치구 중간지원조직 실무자교육",
        year=2019,
        description=f"{SEOUL_CENTRE}: 공통필수교육, 직무선택교육, 리더십 교육",
        target_sessions=32,
        target_participants=908,
        target_attendances=1128,
    )
    for row in DATA["practitioner_courses"]:
        score = row.get("satisfaction")
        course = Course.objects.create(
            programme=programme,
            district=None,
            kind=CourseKind.PRACTITIONER_TRAINING,
            title=row["title"],
            description=row["content"],
            audience=Audience.PRACTITIONERS,
            operator=SEOUL_CENTRE,
            capacity=max(row["people"], 1),
            recorded_sessions=1,
            recorded_hours=Decimal(row["hours"]),
            recorded_participants=row["people"],
            recorded_attendances=row["people"],
            recorded_satisfaction=Decimal(score) if score else None,
            published_at=now,
            created_at=now,
        )
        Session.objects.create(
            course=course,
            number=1,
            topic=row["content"][:200],
            starts_at=_at(2019, row["month"], row["day"], row["start"]),
            ends_at=_at(2019, row["month"], row["day"], row["end"]),
            hours=Decimal(row["hours"]),
        )
    college = Programme.objects.create(
        district=None,
        title="마을활동가 성장교육",
        year=2019,
        description=f"{SEOUL_CENTRE}: 마을실천대학",
    )
    track = Track.objects.create(
        district=None,
        title="마을실천대학",
        description="뿌리 과정(필수) → 역량별 전문 과정(선택) → 리더십 과정(선택) → "
        "자주학습 과정(필수, 졸업논문)",
    )
    previous = None
    for order, row in enumerate(DATA["college"], 1):
        work, kind = row["completion_work"], StepKind(row["step_kind"])
        course = Course.objects.create(
            programme=college,
            district=None,
            kind=CourseKind.ACTIVIST_COLLEGE,
            title=row["title"],
            audience=Audience.ACTIVISTS,
            operator=SEOUL_CENTRE,
            capacity=max(row["people"], 1),
            requires_completion_work=work,
            recorded_sessions=row["sessions"],
            recorded_hours=Decimal(0),
            recorded_participants=row["people"],
            recorded_attendances=row["people"],
            published_at=now,
            created_at=now,
        )
        if work and previous is not None:
            course.prerequisites.add(previous)
        previous = course if kind == StepKind.REQUIRED else previous
        step = TrackStep.objects.create(track=track, order=order, title=row["step"], kind=kind)
        step.courses.add(course)


def _geumcheon_2020(district: District, now: datetime) -> None:
    programmes: dict[str, Programme] = {}
    for row in DATA["geumcheon_2020"]:
        name, people = row["programme"], row["people"]
        programme = programmes.get(name)
        if programme is None:
            programme = programmes[name] = Programme.objects.create(
                district=district, title=name, year=2020
            )
        Course.objects.create(
            programme=programme,
            district=district,
            kind=CourseKind(row["kind"]),
            title=row["title"],
            description=row["content"],
            audience=Audience(row["audience"]),
            operator=row["operator"],
            capacity=people,
            recorded_sessions=row["sessions"],
            recorded_hours=Decimal(0),
            recorded_participants=people,
            recorded_attendances=people,
            published_at=now,
            created_at=now,
        )
    education = programmes["마을력강화 마을교육"]
    education.target_courses, education.target_sessions = 4, 65
    education.target_participants = 950
    education.save()


def _weekly(course: Course, first: datetime, hours: int, topics: tuple[str, ...]) -> list[Session]:
    """The sessions of `course`, one for each of `topics`, a week apart from `first`, each
    `hours` long."""
    return [
        Session.objects.create(
            course=course,
            number=n + 1,
            topic=topic,
            starts_at=first + timedelta(days=7 * n),
            ends_at=first + timedelta(days=7 * n, hours=hours),
            hours=Decimal(hours),
        )
        for n, topic in enumerate(topics)
    ]


def _people(dongs: dict[str, Dong], now: datetime) -> list[User]:
    places = ["독산1동", "가산동", "시흥1동", "독산3동"] * 3
    return demo_residents("learner", "교육 참여 주민", 1958, [dongs[d] for d in places], now)


def _season(district: District, dongs: dict[str, Dong], now: datetime) -> None:
    year = now.astimezone(SEOUL).year
    programme = Programme.objects.create(
        district=district,
        title="마을력강화 마을교육",
        year=year,
        target_courses=3,
        target_sessions=12,
        target_participants=60,
        target_attendances=150,
        target_satisfaction=Decimal("4.5"),
    )
    held = Course.objects.create(
        programme=programme,
        district=district,
        dong=dongs["독산1동"],
        kind=CourseKind.VILLAGE_EDUCATION,
        title="금천 마을기록가 학교",
        description="마을의 이야기를 기록하고 마을공동체기록관에 남기는 법을 배웁니다.",
        audience=Audience.RESIDENTS,
        operator="금천구 마을자치센터",
        place="독산1동 마을활력소",
        capacity=12,
        waiting_list_size=5,
        registration_opens_at=now - timedelta(days=60),
        registration_closes_at=now - timedelta(days=36),
        published_at=now - timedelta(days=60),
        created_at=now - timedelta(days=61),
    )
    people = _people(dongs, now)
    for person in people:
        Registration.objects.create(
            course=held,
            user=person,
            status=RegistrationStatus.REGISTERED,
            created_at=now - timedelta(days=50),
        )
    topics = ("기록의 이해", "인터뷰하기", "사진과 영상", "기록 나누기")
    for n, session in enumerate(_weekly(held, now - timedelta(days=35), 2, topics)):
        present = [p for i, p in enumerate(people) if (i + n) % 5]
        Attendance.objects.bulk_create(
            Attendance(session=session, user=p, recorded_at=session.ends_at) for p in present
        )
        if n == 3:
            SatisfactionAnswer.objects.bulk_create(
                SatisfactionAnswer(
                    session=session,
                    user=p,
                    score=(5, 4, 5, 4, 3)[i % 5],
                    created_at=session.ends_at,
                )
                for i, p in enumerate(present)
            )
    school = Course.objects.create(
        programme=programme,
        district=district,
        dong=dongs["독산1동"],
        kind=CourseKind.SELF_GOVERNANCE_SCHOOL,
        title=f"{year} 독산1동 주민자치학교",
        description="주민자치회가 무엇을 하는지, 주민총회와 자치계획을 배웁니다. "
        "수료하면 주민자치회 위원 모집에 신청할 수 있습니다.",
        audience=Audience.RESIDENTS,
        operator="독산1동 주민자치회",
        place="독산1동 주민센터",
        capacity=30,
        waiting_list_size=10,
        registration_opens_at=now - timedelta(days=3),
        registration_closes_at=now + timedelta(days=14),
        published_at=now - timedelta(days=3),
        created_at=now - timedelta(days=4),
    )
    _weekly(
        school,
        now + timedelta(days=15),
        2,
        ("주민자치회의 이해", "주민총회와 자치계획", "분과 활동 실습"),
    )
    conflict = Course.objects.create(
        programme=programme,
        district=district,
        kind=CourseKind.ACTIVIST_COLLEGE,
        title="마을자치 실천대학 갈등해결 과정",
        audience=Audience.ACTIVISTS,
        description="마을 활동에서 생기는 갈등을 함께 푸는 법을 배웁니다.",
        operator="금천구 마을자치센터",
        place="금천구 마을자치센터",
        capacity=15,
        registration_opens_at=now - timedelta(days=3),
        registration_closes_at=now + timedelta(days=30),
        published_at=now - timedelta(days=3),
        created_at=now - timedelta(days=4),
    )
    conflict.prerequisites.add(school)
    _weekly(conflict, now + timedelta(days=45), 3, ("",) * 4)


def load_courses(*, now: datetime) -> int:
    """Create the demo programmes and courses; returns the courses made."""
    if Programme.objects.exists():
        return 0
    district = District.objects.filter(name="금천구").first()
    if district is None:
        return 0
    dongs = {dong.name: dong for dong in Dong.objects.filter(district=district)}
    _seoul_centre(now)
    _geumcheon_2020(district, now)
    _season(district, dongs, now)
    return Course.objects.count()
