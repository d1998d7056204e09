"""The volunteering permission matrix: persona by action by target, one answer per cell.

Targets (금천구 unless said otherwise):
- 회차 독산: a shift tomorrow of 「어르신 반찬나눔」, an open activity of 「독산1동
  자원봉사캠프」; 지난 회차: one of yesterday; 마감 회차: a shift of a closed activity;
- 신청 독산: `resident`'s sign-up for 회차 독산; 지난 신청: theirs for 지난 회차; 대기 독산:
  theirs on the waiting list of another shift of the activity (leaving it is cancelling);
- 캠프 독산 / 캠프 가산: the camps of 독산1동 and 가산동 (`leader` leads 캠프 독산;
  `neighbour` is a member of 캠프 가산); 일감 독산: work proposed by 캠프 독산;
- 금천구 / 독산1동: the places whose hours are exported.
"""

import pytest

from maeul.accounts.models import VerificationMethod
from maeul.core.permissions import Action
from maeul.volunteering.models import MemberRole, Membership, SignUp, SignUpStatus, WorkProposal
from tests.core.matrix import assert_cell, assert_every_action_has_a_column, matrix_cells
from tests.factories import UserFactory
from tests.volunteering.conftest import NOW, make_activity, make_camp, make_shift, signed_up

A = Action
COLUMNS = [
    (A.SIGN_UP_VOLUNTEER, "회차 독산"),
    (A.SIGN_UP_VOLUNTEER, "지난 회차"),
    (A.SIGN_UP_VOLUNTEER, "마감 회차"),
    (A.SIGN_UP_GROUP, "회차 독산"),
    (A.CANCEL_VOLUNTEER_SIGN_UP, "신청 독산"),
    (A.CANCEL_VOLUNTEER_SIGN_UP, "지난 신청"),
    (A.CANCEL_VOLUNTEER_SIGN_UP, "대기 독산"),
    (A.CONFIRM_VOLUNTEER_HOURS, "지난 회차"),
    (A.PROPOSE_WORK, "캠프 독산"),
    (A.PROPOSE_WORK, "캠프 가산"),
    (A.MANAGE_VOLUNTEERING, "캠프 독산"),
    (A.MANAGE_VOLUNTEERING, "회차 독산"),
    (A.MANAGE_VOLUNTEERING, "일감 독산"),
    (A.EXPORT_VOLUNTEER_HOURS, "금천구"),
    (A.EXPORT_VOLUNTEER_HOURS, "독산1동"),
]

# Y = allowed, . = denied; groups: sign up (열린 지난 마감) | group | cancel (신청 지난 대기) |
# confirm | propose (독산 가산) | manage (캠프 회차 일감) | export (금천구 독산1동)
MATRIX = {
    "anonymous": "...  .  ...  .  ..  ...  ..",
    "resident": "Y..  Y  Y.Y  .  ..  ...  ..",
    "unverified_resident": "...  .  ...  .  ..  ...  ..",
    "neighbour": "Y..  Y  ...  .  .Y  ...  ..",
    "leader": "Y..  Y  ...  Y  Y.  ...  ..",
    "dong_staff": "Y..  Y  ...  Y  Y.  YYY  .Y",
    "other_dong_staff": "Y..  Y  ...  .  .Y  ...  ..",
    "district_staff": "Y..  Y  ...  Y  YY  YYY  YY",
    "other_district_staff": "Y..  Y  ...  .  ..  ...  ..",
    "support_centre_staff": "Y..  Y  ...  .  ..  ...  ..",
    "committee_member": "Y..  Y  ...  .  ..  ...  ..",
    "site_admin": "Y..  Y  ...  Y  YY  YYY  YY",
}


CELLS = matrix_cells(MATRIX, COLUMNS)


@pytest.fixture
def camp(doksan1):
    return make_camp(doksan1)


@pytest.fixture
def leader(camp):
    user = UserFactory(email="leader@example.kr", display_name="캠프장")
    user.mark_verified(method=VerificationMethod.IN_PERSON, at=NOW)
    user.save()
    Membership.objects.create(user=user, camp=camp, role=MemberRole.LEADER, joined_at=NOW)
    return user


@pytest.fixture
def targets(doksan1, gasan, geumcheon, resident, neighbour, leader, camp):
    activity = make_activity(camp)
    shift = make_shift(activity)
    past = make_shift(activity, day=-1)
    closed = make_activity(camp, title="마감된 활동", status="closed")
    gasan_camp = make_camp(gasan)
    Membership.objects.create(
        user=neighbour, camp=gasan_camp, role=MemberRole.MEMBER, joined_at=NOW
    )
    return {
        "회차 독산": shift,
        "지난 회차": past,
        "마감 회차": make_shift(closed),
        "신청 독산": signed_up(shift, resident),
        "지난 신청": signed_up(past, resident),
        "대기 독산": SignUp.objects.create(
            shift=make_shift(activity, day=2),
            user=resident,
            status=SignUpStatus.WAITING,
            signed_up_at=NOW,
        ),
        "캠프 독산": camp,
        "캠프 가산": gasan_camp,
        "일감 독산": WorkProposal(
            camp=camp, title="경로당 도우미", meeting_on=NOW.date(), created_at=NOW
        ),
        "금천구": geumcheon,
        "독산1동": doksan1,
    }


@pytest.mark.parametrize(("persona", "action", "target", "allowed"), CELLS)
def test_volunteering_permission_matrix(request, targets, persona, action, target, allowed):
    assert_cell(request.getfixturevalue(persona), action, targets[target], allowed, now=NOW)


def test_every_volunteering_action_has_a_column():
    assert_every_action_has_a_column(COLUMNS, "volunteering.")
