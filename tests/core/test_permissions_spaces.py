"""The spaces permission matrix: persona by action by target, one answer per cell.

Targets (금천구 unless said otherwise):
- 공간 독산 / 공간 가산: 「독산1동 마을활력소」 of 독산1동 and 「가산동 공유공간」 of 가산동;
- 회의실 독산: the 독산1동 space's meeting room; 물품 독산: its tool set;
- 예약 독산: `resident`'s confirmed booking of that room tomorrow; 지난 예약: the same
  booking once over; 이용 독산: `resident`'s booking marked used;
- 배정 독산 / 마감 배정: an open allocation round of that room, and one closed;
- 금천구 / 영등포구: the districts whose capacity level is set.
"""

import pytest

from maeul.core.permissions import Action
from maeul.places.models import District
from maeul.spaces.models import AllocationRound, Booking, BookingStatus, Item, Room
from maeul.spaces.services import bookings
from tests.core.matrix import assert_cell, assert_every_action_has_a_column, matrix_cells
from tests.spaces.conftest import NOW, at, make_space

A = Action
COLUMNS = [
    (A.BOOK_ROOM, "회의실 독산"),
    (A.BORROW_ITEM, "물품 독산"),
    (A.REQUEST_ALLOCATION, "배정 독산"),
    (A.REQUEST_ALLOCATION, "마감 배정"),
    (A.CANCEL_BOOKING, "예약 독산"),
    (A.CANCEL_BOOKING, "지난 예약"),
    (A.ANSWER_SURVEY, "예약 독산"),
    (A.ANSWER_SURVEY, "이용 독산"),
    (A.MANAGE_SPACE, "공간 독산"),
    (A.MANAGE_SPACE, "공간 가산"),
    (A.MANAGE_SPACE, "예약 독산"),
    (A.SET_CAPACITY_POLICY, "금천구"),
    (A.SET_CAPACITY_POLICY, "영등포구"),
]

# Y = allowed, . = denied; groups: book | borrow | round (열린 마감) | cancel (예약 지난) | survey (예약 이용) |
# manage (독산 가산 예약) | level (금천 영등포)
MATRIX = {
    "anonymous": ".  .  ..  ..  ..  ...  ..",
    "resident": "Y  Y  Y.  Y.  .Y  ...  ..",
    "unverified_resident": ".  .  ..  ..  ..  ...  ..",
    "neighbour": "Y  Y  Y.  ..  ..  ...  ..",
    "dong_staff": "Y  Y  Y.  Y.  ..  Y.Y  ..",
    "other_dong_staff": "Y  Y  Y.  ..  ..  .Y.  ..",
    "district_staff": "Y  Y  Y.  Y.  ..  YYY  Y.",
    "other_district_staff": "Y  Y  Y.  ..  ..  ...  .Y",
    "support_centre_staff": "Y  Y  Y.  ..  ..  ...  ..",
    "committee_member": "Y  Y  Y.  ..  ..  ...  ..",
    "site_admin": "Y  Y  Y.  Y.  ..  YYY  YY",
}


CELLS = matrix_cells(MATRIX, COLUMNS)


@pytest.fixture
def targets(doksan1, gasan, geumcheon, yeongdeungpo, resident):
    space = make_space(doksan1, "독산1동 마을활력소")
    room = Room.objects.create(space=space, name="공유회의실", capacity=10, room_type="meeting")
    booking = bookings.book_room(
        room=room,
        booker=resident,
        starts_at=at(1, 10),
        ends_at=at(1, 11),
        headcount=2,
        purpose="모임",
        now=NOW,
    )
    over = Booking.objects.get(pk=booking.pk)
    over.ends_at = NOW
    used = Booking.objects.get(pk=booking.pk)
    used.status = BookingStatus.USED
    return {
        "공간 독산": space,
        "공간 가산": make_space(gasan, "가산동 공유공간"),
        "회의실 독산": room,
        "물품 독산": Item.objects.create(space=space, name="공구세트", stock=1),
        "예약 독산": booking,
        "지난 예약": over,
        "이용 독산": used,
        "배정 독산": AllocationRound(
            room=room, name="2026년 봄", starts_on=NOW.date(), ends_on=NOW.date(), created_at=NOW
        ),
        "마감 배정": AllocationRound(
            room=room,
            name="2026년 봄",
            starts_on=NOW.date(),
            ends_on=NOW.date(),
            created_at=NOW,
            status="closed",
        ),
        "금천구": geumcheon,
        "영등포구": District.objects.get(pk=yeongdeungpo.pk),
    }


@pytest.mark.parametrize(("persona", "action", "target", "allowed"), CELLS)
def test_spaces_permission_matrix(request, targets, persona, action, target, allowed):
    assert_cell(request.getfixturevalue(persona), action, targets[target], allowed, now=NOW)


def test_every_spaces_action_has_a_column():
    assert_every_action_has_a_column(COLUMNS, "spaces.")
