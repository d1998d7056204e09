"""The vote permission matrix: persona by action by target, one written-out answer per cell.

Targets (금천구 unless said otherwise):
- 구 투표: an open district-wide vote; 동 투표: an open 독산1동 assembly vote;
- 영등포: an open vote of 영등포구; 예정: a district vote that opens tomorrow;
- 마감: a district vote that closed an hour ago and is not counted yet;
- district 금천구 / dong 독산1동: where a new vote is created;
- 묶음 독산1동: a paper batch of 구 투표 in 독산1동, opened by `dong_staff`;
- 묶음 가산동: a paper batch of 구 투표 in 가산동, opened by `other_dong_staff`.
"""

from datetime import timedelta

import pytest
from django.utils import timezone

from maeul.core.permissions import Action
from maeul.voting.models import Channel, PaperBatch
from tests.core.matrix import assert_cell, assert_every_action_has_a_column, matrix_cells
from tests.voting.conftest import make_vote

A = Action
COLUMNS = [
    (A.CAST_BALLOT, "구 투표"),
    (A.CAST_BALLOT, "동 투표"),
    (A.CAST_BALLOT, "영등포"),
    (A.CAST_BALLOT, "예정"),
    (A.CAST_BALLOT, "마감"),
    (A.MANAGE_VOTE, "구 투표"),
    (A.MANAGE_VOTE, "동 투표"),
    (A.MANAGE_VOTE, "영등포"),
    (A.MANAGE_VOTE, "district 금천구"),
    (A.MANAGE_VOTE, "dong 독산1동"),
    (A.ENTER_PAPER_BALLOT, "묶음 독산1동"),
    (A.ENTER_PAPER_BALLOT, "묶음 가산동"),
    (A.CONFIRM_PAPER_BATCH, "묶음 독산1동"),
    (A.CONFIRM_PAPER_BATCH, "묶음 가산동"),
    (A.COUNT_VOTE, "마감"),
    (A.COUNT_VOTE, "구 투표"),
]

# Y = allowed, . = denied; groups: cast (구 동 영등포 예정 마감) | manage (구 동 영등포
# 금천구 독산1동) | enter paper (독산1동 가산동) | confirm (독산1동 가산동) | count (마감 구)
MATRIX = {
    "anonymous": ".....  .....  ..  ..  ..",
    "resident": "YY...  .....  ..  ..  ..",
    "unverified_resident": ".....  .....  ..  ..  ..",
    "neighbour": "Y....  .....  ..  ..  ..",
    "dong_staff": ".....  .Y..Y  Y.  ..  ..",
    "other_dong_staff": ".....  .....  .Y  ..  ..",
    "district_staff": ".....  YY.YY  YY  YY  Y.",
    "other_district_staff": ".....  ..Y..  ..  ..  ..",
    "support_centre_staff": ".....  .....  ..  ..  ..",
    "committee_member": ".....  .....  ..  ..  ..",
    "site_admin": ".....  YYYYY  YY  YY  Y.",
}


CELLS = matrix_cells(MATRIX, COLUMNS)


@pytest.fixture
def targets(geumcheon, yeongdeungpo, doksan1, gasan, dong_staff, other_dong_staff):
    now = timezone.now()
    district_vote = make_vote(geumcheon, now)

    def batch(dong, creator):
        return PaperBatch.objects.create(
            vote=district_vote,
            dong=dong,
            channel=Channel.ON_SITE,
            label=f"{dong.name} 투표함",
            created_by=creator,
            created_at=now,
        )

    return {
        "구 투표": district_vote,
        "동 투표": make_vote(geumcheon, now, dong=doksan1, title="독산1동 주민총회"),
        "영등포": make_vote(yeongdeungpo, now, title="영등포구 주민참여예산"),
        "예정": make_vote(
            geumcheon, now, opens_at=now + timedelta(days=1), closes_at=now + timedelta(days=8)
        ),
        "마감": make_vote(
            geumcheon, now, opens_at=now - timedelta(days=8), closes_at=now - timedelta(hours=1)
        ),
        "district 금천구": geumcheon,
        "dong 독산1동": doksan1,
        "묶음 독산1동": batch(doksan1, dong_staff),
        "묶음 가산동": batch(gasan, other_dong_staff),
    }


@pytest.mark.parametrize(("persona", "action", "target", "allowed"), CELLS)
def test_vote_permission_matrix(request, targets, persona, action, target, allowed):
    assert_cell(
        request.getfixturevalue(persona), action, targets[target], allowed, now=timezone.now()
    )


def test_every_vote_action_has_a_column():
    assert_every_action_has_a_column(COLUMNS, "voting.")
