"""Space fixtures (금천구), relative to a fixed clock `now`: Wednesday 18 March 2026, 10:00.

- `space`: 「독산1동 마을활력소」 of 독산1동, open 월-금 09-21, 토·일 09-18; a person books
  at most 6 hours a week and 30 days ahead;
- `room`: its 「공유회의실」 (meeting room, 10 people, confirmed at once);
- `hall`: its 「다목적실」 (hall, 30 people, confirmed by staff);
- `other_space`: 「가산동 공유공간」 of 가산동 with one meeting room;
- `policies`: 금천구's 거리두기 levels (1.5단계 50 %, 2단계 30 %, 2.5단계 30 % with halls
  and kitchens closed, 3단계 closed), none in force;
- `at(day, hour, minute)`: a Seoul instant `day` days after `now`'s date.
"""

from datetime import datetime, time, timedelta

import pytest

from maeul.core.dates import SEOUL, at_seoul
from maeul.spaces.models import CapacityPolicy, Item, OpeningHours, Room, RoomType, Space

NOW = datetime(2026, 3, 18, 10, 0, tzinfo=SEOUL)


def at(day: int, hour: int, minute: int = 0) -> datetime:
    return at_seoul(NOW.date() + timedelta(days=day), time(hour, minute))


def make_space(dong, name, **overrides) -> Space:
    fields = {
        "name": name,
        "district_id": dong.district_id,
        "dong": dong,
        "operator": f"{dong.name} 주민센터",
        "size_m2": "432.00",
        "address": f"서울특별시 금천구 {dong.name}",
        "accessibility": "휠체어 경사로, 장애인 화장실",
        "rules": "사용 후 정리해 주세요.",
    }
    fields.update(overrides)
    space = Space.objects.create(**fields)
    for weekday in range(7):
        closes = time(21) if weekday < 5 else time(18)
        OpeningHours.objects.create(space=space, weekday=weekday, opens=time(9), closes=closes)
    return space


@pytest.fixture
def now():
    return NOW


@pytest.fixture
def space(doksan1):
    return make_space(doksan1, "독산1동 마을활력소")


@pytest.fixture
def room(space):
    return Room.objects.create(
        space=space,
        name="공유회의실",
        capacity=10,
        room_type=RoomType.MEETING,
        equipment="빔프로젝터, 화이트보드",
    )


@pytest.fixture
def hall(space):
    return Room.objects.create(
        space=space, name="다목적실", capacity=30, room_type=RoomType.HALL, auto_confirm=False
    )


@pytest.fixture
def other_space(gasan):
    other = make_space(gasan, "가산동 공유공간", size_m2="105.54")
    Room.objects.create(space=other, name="회의실", capacity=8, room_type=RoomType.MEETING)
    return other


@pytest.fixture
def item(space):
    return Item.objects.create(space=space, name="공구세트", stock=2, deposit=10_000)


@pytest.fixture
def policies(geumcheon):
    levels = [
        ("사회적 거리두기 1.5단계", 50, []),
        ("사회적 거리두기 2단계", 30, []),
        ("사회적 거리두기 2.5단계", 30, [RoomType.HALL, RoomType.KITCHEN]),
        ("사회적 거리두기 3단계", 0, []),
    ]
    return {
        name.split()[-1]: CapacityPolicy.objects.create(
            district=geumcheon,
            name=name,
            percent=percent,
            closed_room_types=closed,
            position=position,
        )
        for position, (name, percent, closed) in enumerate(levels)
    }
