"""Demo spaces of 금천구, from the seeds' 마을공간 현황: the dong-office 활력소 (독산1동 432㎡,
독산4동 198㎡, 시흥4동 105.54㎡, 시흥2동 128.84㎡), the district's (마을공동체지원센터 285.31㎡,
새재미마을활력소 101.12㎡ with 안심택배 and 공구도서관), the residents' shared spaces
(커뮤니티센터 104㎡ run by the district, 박미사랑마을회관 988.18㎡, 새재미에너지사랑방 46㎡
run by a 주민자치회 분과, 잇슈 20㎡) and 시흥3동 자치회관 run by its 주민자치회 under
contract; all open 월-금 09-21, 토·일 09-18. The distancing levels of the seeds (1.5단계
50 %, 2단계 30 %, 2.5단계 30 % with fitness rooms closed, 3단계 closed), none in force.

A season of use: the last twelve weeks of bookings (used, a few no-shows, the survey after
use, about 94 % satisfied), daily walk-in counts, item loans with their returns (one still
out and overdue), and bookings of the coming weeks. Bookers are fictional (대관 주민 1-12).
Idempotent: nothing is added once 금천구 has a space."""

import random
from dataclasses import dataclass
from datetime import datetime, time, timedelta
from decimal import Decimal

from maeul.accounts.demo import demo_residents, district_to_fill
from maeul.accounts.models import User
from maeul.core.dates import at_seoul, local_date
from maeul.core.errors import RuleViolation
from maeul.places.models import Dong
from maeul.spaces.models import (
    BookingStatus,
    CapacityPolicy,
    Condition,
    Item,
    OpeningHours,
    Room,
    RoomType,
    Space,
    VisitorCount,
    Weekday,
)
from maeul.spaces.services import bookings, desk, lending, rounds, usage

R = RoomType


@dataclass(frozen=True)
class SpaceSpec:
    name: str
    dong: str
    operator: str
    size: str | None
    rooms: tuple[tuple[str, int, str, bool], ...]  # name, capacity, type, confirmed at once
    items: tuple[tuple[str, int, int], ...] = ()  # name, stock, deposit
    services: str = ""
    walk_ins: int = 0  # a usual day's walk-in visitors


SPACES = [
    SpaceSpec(
        "독산1동 마을활력소",
        "독산1동",
        "독산1동 주민센터",
        "432.00",
        (
            ("공유부엌", 12, R.KITCHEN, True),
            ("수공예 강의실", 20, R.WORKSHOP, False),
            ("회의실", 8, R.MEETING, True),
        ),
        walk_ins=25,
    ),
    SpaceSpec(
        "독산4동 마을활력소",
        "독산4동",
        "독산4동 주민센터",
        "198.00",
        (("마을영화관", 30, R.HALL, False), ("동아리방", 10, R.MEETING, True)),
        walk_ins=20,
    ),
    SpaceSpec(
        "시흥4동 마을활력소",
        "시흥4동",
        "시흥4동 주민센터",
        "105.54",
        (("도란도란작은도서관", 10, R.STUDY, True),),
        walk_ins=15,
    ),
    SpaceSpec(
        "시흥2동 마을활력소",
        "시흥2동",
        "시흥2동 주민센터",
        "128.84",
        (("주민활동실", 12, R.MEETING, True),),
    ),
    SpaceSpec(
        "마을공동체지원센터",
        "시흥5동",
        "(사)마을인교육",
        "285.31",
        (("교육장", 30, R.WORKSHOP, False), ("회의실", 10, R.MEETING, True)),
        (("천막", 2, 30_000), ("음향장비 세트", 1, 50_000)),
    ),
    SpaceSpec(
        "새재미마을활력소",
        "시흥4동",
        "새재미마을활력소 운영위원회",
        "101.12",
        (("커뮤니티룸", 10, R.MEETING, True),),
        (("전동드릴", 3, 10_000), ("공구세트", 5, 0), ("접이식 사다리", 2, 10_000)),
        services="안심택배, 공구도서관",
    ),
    SpaceSpec(
        "커뮤니티센터",
        "독산1동",
        "금천구 직영",
        "104.00",
        (("북카페 세미나실", 12, R.MEETING, True),),
        (("접이식 테이블", 10, 0), ("보드게임 세트", 4, 0)),
        walk_ins=78,
    ),
    SpaceSpec(
        "박미사랑마을회관",
        "시흥3동",
        "박미사랑마을 주민공동체운영회",
        "988.18",
        (("헬스카페", 15, R.FITNESS, True), ("다목적홀", 40, R.HALL, False)),
    ),
    SpaceSpec(
        "새재미에너지사랑방",
        "시흥4동",
        "시흥4동 주민자치회 새싹분과",
        "46.00",
        (("사랑방", 8, R.MEETING, True),),
    ),
    SpaceSpec(
        "공유공간 잇슈",
        "독산1동",
        "공유공간 잇슈 운영위원회",
        "20.00",
        (("잇슈", 6, R.MEETING, True),),
    ),
    SpaceSpec(
        "시흥3동 자치회관",
        "시흥3동",
        "시흥3동 주민자치회(위탁)",
        None,
        (("공유부엌", 10, R.KITCHEN, True), ("회의실", 12, R.MEETING, True)),
    ),
]

LEVELS = [
    ("사회적 거리두기 1.5단계", 50, []),
    ("사회적 거리두기 2단계", 30, []),
    ("사회적 거리두기 2.5단계", 30, [RoomType.FITNESS]),
    ("사회적 거리두기 3단계", 0, []),
]
PURPOSES = [
    "주민 모임 회의",
    "동아리 연습",
    "마을 강좌",
    "독서 모임",
    "공동체 사업 회의",
    "아이 돌봄 모임",
    "마을 영화 상영",
    "주민자치회 분과 회의",
]
GROUPS = ["", "", "뜨개질 동아리", "마을 합창단", "독산 텃밭모임", "새재미 책모임"]
SEASON_DAYS = 84
ACCESSIBILITY = "1층 출입구 경사로, 장애인 화장실, 엘리베이터"
RULES = "사용 후 정리와 분리배출을 해 주세요. 음식물은 공유부엌에서만 드실 수 있습니다."


def _space(spec: SpaceSpec, dong: Dong) -> Space:
    space = Space.objects.create(
        name=spec.name,
        district_id=dong.district_id,
        dong=dong,
        operator=spec.operator,
        size_m2=Decimal(spec.size) if spec.size else None,
        address=f"서울특별시 금천구 {dong.name}",
        accessibility=ACCESSIBILITY,
        rules=RULES,
        services=spec.services,
    )
    for weekday in range(7):
        closes = time(21) if weekday < 5 else time(18)
        OpeningHours.objects.create(space=space, weekday=weekday, opens=time(9), closes=closes)
    for name, capacity, kind, automatic in spec.rooms:
        Room.objects.create(
            space=space, name=name, capacity=capacity, room_type=kind, auto_confirm=automatic
        )
    for name, stock, deposit in spec.items:
        Item.objects.create(space=space, name=name, stock=stock, deposit=deposit)
    return space


def _bookers(dongs: dict[str, Dong], now: datetime) -> list[User]:
    places = ["독산1동", "독산4동", "시흥4동", "시흥3동"] * 3
    return demo_residents("booker", "대관 주민", 1960, [dongs[d] for d in places], now)


def _season(rooms: list[Room], people: list[User], staff: User, now: datetime) -> int:
    """Past bookings, each booked two days ahead, then used (or missed) and rated."""
    rng = random.Random(14)  # noqa: S311 -- reproducible demo data, not security
    made = 0
    today = local_date(now)
    for offset in range(SEASON_DAYS, 0, -1):
        day = today - timedelta(days=offset)
        for room in rooms:
            busy = room.space.name == "커뮤니티센터"
            if rng.random() > (0.5 if busy else 0.1):
                continue
            hour = rng.choice([10, 13, 15, 17] if day.weekday() >= 5 else [10, 14, 17, 19])
            start = at_seoul(day, time(hour))
            person = people[rng.randrange(len(people))]
            try:
                booking = bookings.book_room(
                    room=room,
                    booker=person,
                    starts_at=start,
                    ends_at=start + timedelta(hours=1),
                    headcount=rng.randint(2, min(room.capacity, 8)),
                    purpose=rng.choice(PURPOSES),
                    group_name=rng.choice(GROUPS),
                    now=start - timedelta(days=2),
                )
            except RuleViolation:
                continue  # a weekly limit reached: that person books elsewhere
            if booking.status == BookingStatus.REQUESTED:
                desk.approve_booking(
                    booking=booking, staff=staff, now=start - timedelta(days=1), ip=None
                )
            used = rng.random() > 0.05
            desk.mark_booking(
                booking=booking, used=used, staff=staff, now=start + timedelta(minutes=10), ip=None
            )
            if used and rng.random() < 0.6:
                rating = 5 if rng.random() < 0.7 else (4 if rng.random() < 0.8 else 3)
                usage.answer_survey(
                    booking=booking,
                    rating=rating,
                    comment="",
                    user=person,
                    now=start + timedelta(hours=3),
                )
            made += 1
    return made


def _upcoming(rooms: list[Room], people: list[User], now: datetime) -> None:
    today = local_date(now)
    for n, room in enumerate(rooms[:8]):
        start = at_seoul(today + timedelta(days=1 + n % 6), time(14))
        try:
            bookings.book_room(
                room=room,
                booker=people[n],
                starts_at=start,
                ends_at=start + timedelta(hours=2),
                headcount=5,
                purpose=PURPOSES[n % len(PURPOSES)],
                now=now,
            )
        except RuleViolation:
            continue


def _walk_ins(spaces: dict[str, SpaceSpec], made: list[Space], now: datetime) -> None:
    rng = random.Random(1683)  # noqa: S311 -- reproducible demo data, not security
    today = local_date(now)
    for space in made:
        usual = spaces[space.name].walk_ins
        if not usual:
            continue
        VisitorCount.objects.bulk_create(
            VisitorCount(
                space=space,
                on=today - timedelta(days=offset),
                visitors=max(0, int(rng.gauss(usual, usual / 4))),
            )
            for offset in range(SEASON_DAYS, 0, -1)
        )


def _loans(items: list[Item], people: list[User], staff: User, now: datetime) -> None:
    rng = random.Random(128)  # noqa: S311 -- reproducible demo data, not security
    for offset in range(SEASON_DAYS, 0, -2):
        item = items[rng.randrange(len(items))]
        person = people[rng.randrange(len(people))]
        asked = now - timedelta(days=offset)
        try:
            loan = lending.request_loan(item=item, borrower=person, quantity=1, now=asked)
        except RuleViolation:
            continue
        lending.hand_out(loan=loan, staff=staff, now=asked + timedelta(hours=2), ip=None)
        if offset > 10:  # the most recent ones are still out, one of them overdue
            condition = Condition.GOOD if rng.random() < 0.9 else Condition.WORN
            lending.take_back(
                loan=loan,
                condition=condition,
                staff=staff,
                now=asked + timedelta(days=rng.randint(1, 6)),
                ip=None,
            )


def _round(room: Room, people: list[User], staff: User, now: datetime) -> None:
    """Next season's allocation round of one room, open, with two clubs asking for the same
    Tuesday evening (the draw at the close decides) and one for a Thursday morning."""
    starts = local_date(now) + timedelta(days=30)
    round_ = rounds.open_round(
        room=room,
        name=f"{starts.year}년 정기대관",
        starts_on=starts,
        ends_on=starts + timedelta(days=150),
        staff=staff,
        now=now,
    )
    for person, group, weekday, begin, end in (
        (people[0], "독산 기타동아리", Weekday.TUESDAY, time(19), time(21)),
        (people[1], "금천 주민합창단", Weekday.TUESDAY, time(19), time(21)),
        (people[2], "어르신 건강체조 모임", Weekday.THURSDAY, time(10), time(12)),
    ):
        rounds.request_slot(
            round_=round_,
            representative=person,
            group_name=group,
            weekday=weekday,
            starts=begin,
            ends=end,
            headcount=min(8, room.capacity),
            now=now,
        )


def load_spaces(*, now: datetime) -> int:
    """Create the demo spaces of 금천구 with a season of use; returns the spaces made."""
    scene = district_to_fill("금천구", Space)
    if scene is None:
        return 0
    for position, (name, percent, closed) in enumerate(LEVELS):
        CapacityPolicy.objects.create(
            district=scene.district,
            name=name,
            percent=percent,
            closed_room_types=closed,
            position=position,
        )
    made = [_space(spec, scene.dongs[spec.dong]) for spec in SPACES]
    rooms = list(Room.objects.filter(space__in=made).select_related("space"))
    people = _bookers(scene.dongs, now)
    _season(rooms, people, scene.staff, now)
    _upcoming(rooms, people, now)
    _walk_ins({spec.name: spec for spec in SPACES}, made, now)
    _loans(list(Item.objects.filter(space__in=made)), people, scene.staff, now)
    _round(rooms[0], people, scene.staff, now)
    return len(made)
