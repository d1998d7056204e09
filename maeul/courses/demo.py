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

from datetime import datetime, timedelta
from decimal import Decimal

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

# 자치구 중간지원조직 실무자교육 2019: (title, month, day, start, end, hours, people,
# satisfaction or None where the table shows none, content).
PRACTITIONER_COURSES = [
    (
        "공통필수교육: 신규자치구 실무자 기초교육",
        2,
        26,
        10,
        16,
        "5",
        10,
        "4.7",
        "서울시 마을공동체 중간지원조직의 이해, 지원사업의 이해, 사업 운영 및 보조금 집행 지침 안내",
    ),
    (
        "마을자치 기본이해: 실무자의 위치와 역할",
        4,
        11,
        10,
        13,
        "3",
        63,
        "4.2",
        "중간지원조직 실무자의 위치와 역할",
    ),
    (
        "마을자치 기본이해: 서울시 마을자치 정책",
        4,
        11,
        14,
        17,
        "3",
        55,
        "4.4",
        "서울시 마을자치 정책 이해",
    ),
    (
        "마을자치 기본이해: 동지역사회 흐름",
        6,
        13,
        15,
        17,
        "2",
        35,
        "4.7",
        "한국 현대사로 본 동지역사회 흐름",
    ),
    ("마을자치 기본이해: 시민참여예산", 4, 25, 10, 12, "2", 70, "4.6", "시민참여예산 정책의 이해"),
    ("유관정책 기본이해", 6, 20, 10, 12, "2", 32, "4.2", "전국마을만들기 현황과 마을기본법"),
    ("인권교육 1차", 5, 14, 10, 12, "2", 48, "3.9", "젠더감수성 이해, 직장 내 성희롱예방교육"),
    ("인권교육 2차", 6, 18, 10, 12, "2", 22, "4.1", "젠더감수성 이해, 직장 내 성희롱예방교육"),
    (
        "인권교육 3차: 마을과 젠더 워크숍",
        8,
        12,
        10,
        17,
        "6",
        20,
        "4.4",
        "마을과 젠더 콘텐츠 활용 워크숍",
    ),
    ("인권교육 4차", 9, 19, 10, 12, "2", 12, "4.6", "젠더감수성 이해, 직장 내 성희롱예방교육"),
    (
        "공통 직무: 행정실무와 기록관리의 실제",
        4,
        23,
        10,
        16,
        "5",
        62,
        None,
        "기록과 기록관리 이해, 행정문서의 특징과 이해",
    ),
    ("공통 직무: 행정실무예산의 이해", 4, 30, 10, 12, "2", 54, "4.5", "행정예산의 이해"),
    (
        "공통 직무: 기획역량 강화",
        5,
        21,
        10,
        14,
        "3",
        43,
        "4.9",
        "기획이란 무엇인가, 실무자 vs 기획자",
    ),
    (
        "마을 직무: 교육직무",
        5,
        2,
        10,
        17,
        "6",
        33,
        "4.5",
        "시민교육담론, 교육기획 및 교육기획자의 역할",
    ),
    ("마을 직무: 홍보직무", 5, 9, 10, 17, "4.5", 29, "4.6", "홍보기획전략, 마을공동체 홍보 실무"),
    ("마을 직무: 공모직무", 5, 16, 10, 17, "6", 43, "4.4", "공모사업 기본이해, 공모사업 운영실제"),
    (
        "마을 직무: 예산 회계",
        5,
        23,
        10,
        17,
        "6",
        36,
        "4.5",
        "행정사무회계의 기본이해, 마을 중간지원조직에 필요한 인사 노무",
    ),
    (
        "리더십 교육: 중간관리자 리더십",
        8,
        20,
        10,
        17,
        "5.5",
        25,
        None,
        "소통하고 알리기, 마음돌봄 워크숍",
    ),
    (
        "리더십 교육: 마을팀원 리더십",
        8,
        27,
        10,
        17,
        "5.5",
        15,
        "4.6",
        "나의 성장과 조직의 성장 특강, 마음돌봄 워크숍",
    ),
    (
        "리더십 교육: 센터장 리더십",
        9,
        4,
        10,
        17,
        "6",
        22,
        "4.7",
        "도시경영과 민간위탁제도 이해, 지역사회 리더십 세우기",
    ),
]

# 금천구 2020 (2021 업무보고): (programme, kind, audience, operator, title, sessions, people, content).
GEUMCHEON_2020 = [
    (
        "마을력강화 마을교육",
        CourseKind.VILLAGE_EDUCATION,
        Audience.ACTIVISTS,
        "금천구 마을자치센터",
        "마을지원활동가 양성교육 및 역량강화교육",
        17,
        263,
        "마을지원활동가 양성과 역량강화",
    ),
    (
        "마을력강화 마을교육",
        CourseKind.VILLAGE_EDUCATION,
        Audience.RESIDENTS,
        "금천구 마을자치센터",
        "금천마을지기학교",
        11,
        326,
        "마을공동체 입문 교육",
    ),
    (
        "마을력강화 마을교육",
        CourseKind.VILLAGE_EDUCATION,
        Audience.RESIDENTS,
        "금천구 마을자치센터",
        "찾아가는 마을교육",
        23,
        228,
        "동과 단체를 찾아가는 마을교육",
    ),
    (
        "마을력강화 마을교육",
        CourseKind.ACTIVIST_COLLEGE,
        Audience.ACTIVISTS,
        "금천구 마을자치센터",
        "마을자치 실천대학",
        14,
        160,
        "주민조직화 과정(10회, 100명), 갈등해결 과정(4회, 60명)",
    ),
    (
        "자원봉사 교육",
        CourseKind.VOLUNTEER_BASIC,
        Audience.VOLUNTEERS,
        "금천구자원봉사센터",
        "자원봉사 기본교육",
        6,
        71,
        "자원봉사의 정의 및 4대 특성, 자원봉사자의 자세 및 역할, 1365나눔포털 활용방법 안내",
    ),
    (
        "자원봉사 교육",
        CourseKind.VOLUNTEER_SPECIALISED,
        Audience.VOLUNTEERS,
        "금천구자원봉사센터",
        "자원봉사 전문교육",
        22,
        38,
        "캘리그래피 등 비대면 교육이 가능한 교육 콘텐츠",
    ),
]

# 마을실천대학 (2019 추진실적): (step, kind, course title, sessions, people, completion work);
# 0 where the report gives no figure (자주학습 과정: 8 research topics, papers due later).
COLLEGE: list[tuple[str, str, str, int, int, bool]] = [
    ("뿌리 과정", StepKind.REQUIRED, "뿌리 과정: 조직가 기초·심화", 10, 135, False),
    (
        "역량별 전문 과정",
        StepKind.ELECTIVE,
        "역량별 전문 과정: 갈등해결·퍼실리테이션·지역자원조사",
        9,
        200,
        False,
    ),
    (
        "리더십 과정",
        StepKind.ELECTIVE,
        "리더십 과정: 조직운영 역량강화·자유학교교육",
        11,
        110,
        False,
    ),
    ("자주학습 과정", StepKind.COMPLETION_WORK, "자주학습 과정: 졸업논문작성", 0, 0, True),
]


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
    for title, month, day, start, end, hours, people, score, content in PRACTITIONER_COURSES:
        course = Course.objects.create(
            programme=programme,
            district=None,
            kind=CourseKind.PRACTITIONER_TRAINING,
            title=title,
            description=content,
            audience=Audience.PRACTITIONERS,
            operator=SEOUL_CENTRE,
            capacity=max(people, 1),
            recorded_sessions=1,
            recorded_hours=Decimal(hours),
            recorded_participants=people,
            recorded_attendances=people,
            recorded_satisfaction=Decimal(score) if score else None,
            published_at=now,
            created_at=now,
        )
        Session.objects.create(
            course=course,
            number=1,
            topic=content[:200],
            starts_at=_at(2019, month, day, start),
            ends_at=_at(2019, month, day, end),
            hours=Decimal(hours),
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
    for order, (step_title, kind, title, sessions, people, work) in enumerate(COLLEGE, 1):
        course = Course.objects.create(
            programme=college,
            district=None,
            kind=CourseKind.ACTIVIST_COLLEGE,
            title=title,
            audience=Audience.ACTIVISTS,
            operator=SEOUL_CENTRE,
            capacity=max(people, 1),
            requires_completion_work=work,
            recorded_sessions=sessions,
            recorded_hours=Decimal(0),
            recorded_participants=people,
            recorded_attendances=people,
            published_at=now,
            created_at=now,
        )
        if work and previous is not None:
            course.prerequisites.add(previous)
        previous = course if kind == StepKind.REQUIRED else previous
        step = TrackStep.objects.create(track=track, order=order, title=step_title, kind=kind)
        step.courses.add(course)


def _geumcheon_2020(district: District, now: datetime) -> None:
    programmes: dict[str, Programme] = {}
    for name, kind, audience, operator, title, sessions, people, content in GEUMCHEON_2020:
        programme = programmes.get(name)
        if programme is None:
            programme = programmes[name] = Programme.objects.create(
                district=district, title=name, year=2020
            )
        Course.objects.create(
            programme=programme,
            district=district,
            kind=kind,
            title=title,
            description=content,
            audience=audience,
            operator=operator,
            capacity=people,
            recorded_sessions=sessions,
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
    first = now - timedelta(days=35)
    for n in range(4):
        session = Session.objects.create(
            course=held,
            number=n + 1,
            topic=("기록의 이해", "인터뷰하기", "사진과 영상", "기록 나누기")[n],
            starts_at=first + timedelta(days=7 * n),
            ends_at=first + timedelta(days=7 * n, hours=2),
            hours=Decimal(2),
        )
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
    start = now + timedelta(days=15)
    for n, topic in enumerate(("주민자치회의 이해", "주민총회와 자치계획", "분과 활동 실습")):
        Session.objects.create(
            course=school,
            number=n + 1,
            topic=topic,
            starts_at=start + timedelta(days=7 * n),
            ends_at=start + timedelta(days=7 * n, hours=2),
            hours=Decimal(2),
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
    later = now + timedelta(days=45)
    for n in range(4):
        Session.objects.create(
            course=conflict,
            number=n + 1,
            starts_at=later + timedelta(days=7 * n),
            ends_at=later + timedelta(days=7 * n, hours=3),
            hours=Decimal(3),
        )


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
