"""The spaces rules as a matrix: persona by action, one Y/. per cell, on a 독산1동 space."""

import pytest
from django.utils import timezone

from maeul.core.permissions import Action, can, scope_of
from maeul.spaces.models import Booking, Space
from maeul.spaces.services import bookings
from tests.spaces.conftest import NOW, at

pytestmark = pytest.mark.django_db

# book, borrow, cancel (resident's booking), survey (resident's used booking), manage space,
# set the level of 금천구.
MATRIX = {
    "resident":             "YYYY..",
    "neighbour":            "YY....",
    "unverified_resident":  "......",
    "dong_staff":           "YYY.Y.",
    "other_dong_staff":     "YY....",
    "district_staff":       "YYY.YY",
    "other_district_staff": "YY....",
    "site_admin":           "YYY.YY",
    "anonymous":            "......",
}  # fmt: skip


@pytest.fixture
def targets(room, resident, geumcheon):
    booking = bookings.book_room(room=room, booker=resident, starts_at=at(1, 10),
                                 ends_at=at(1, 11), headcount=2, purpose="모임", now=NOW)  # fmt: skip
    used = Booking.objects.get(pk=booking.pk)
    used.status = "used"
    return room, booking, used, room.space, geumcheon


@pytest.mark.parametrize("persona", MATRIX)
def test_each_persona_may_do_what_the_matrix_says(targets, persona, request):
    user = request.getfixturevalue(persona)
    room, booking, used, space, district = targets
    cells = [
        can(user, Action.BOOK_ROOM, room, now=NOW),
        can(user, Action.BORROW_ITEM, space, now=NOW),
        can(user, Action.CANCEL_BOOKING, booking, now=NOW),
        can(user, Action.ANSWER_SURVEY, used, now=NOW),
        can(user, Action.MANAGE_SPACE, space, now=NOW),
        can(user, Action.SET_CAPACITY_POLICY, district, now=NOW),
    ]
    assert "".join("Y" if cell else "." for cell in cells) == MATRIX[persona]
    for cell in cells:
        assert cell or cell.reason


SCOPE = {"dong_staff": "Y.", "other_dong_staff": ".Y", "district_staff": "YY",
         "other_district_staff": "..", "resident": ".."}  # fmt: skip


@pytest.mark.parametrize("persona", SCOPE)
def test_staff_serve_the_spaces_of_their_places(space, other_space, persona, request):
    user = request.getfixturevalue(persona)
    served = set(scope_of(user).rows(Space.objects.all()))
    assert "".join("Y" if row in served else "." for row in (space, other_space)) == SCOPE[persona]
    assert timezone.now()
