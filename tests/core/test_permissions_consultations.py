"""The consultation permission matrix: persona by action by target, one answer per cell.

Targets (금천구 unless said otherwise), at `NOW` inside the open consultations' period:
- 구 열림: 금천구's district-wide consultation, open; 구 마감: the same, closed;
- 동 열림: 독산1동's own consultation, open (its dong staff serve it);
- 가산 열림: open, asking only 가산동; 20대 열림: open, asking only people in their 20s;
- 구 / 영등포: the districts, 독산1동: the dong (a new consultation's place);
(Staff personas have no dong tie: they are asked by no consultation.)
- 공론장 / 지난 공론장: 금천구's forum next week / three days ago; 동 공론장: 독산1동's;
- 건의: a suggestion heard in 독산1동;
- 의견: `neighbour`'s argument on 구 열림; 숨김: a hidden one;
- 인기 제안 / 조용한 제안: 금천구 proposals with 50 공감 (the workshop setting) / 49.
"""

from datetime import timedelta

import pytest

from maeul.consultations.models import AgeGroup, ForumKind, Occasion, TargetGroup
from maeul.consultations.services import debate, forums, suggestions
from maeul.consultations.services.forums import ForumSpec
from maeul.core.permissions import Action
from tests.consultations.conftest import NOW, make_consultation
from tests.core.matrix import assert_cell, assert_every_action_has_a_column, matrix_cells
from tests.proposals.factories import ProposalFactory

A = Action
COLUMNS = [
    (A.ANSWER_CONSULTATION, "구 열림"),
    (A.ANSWER_CONSULTATION, "구 마감"),
    (A.ANSWER_CONSULTATION, "가산 열림"),
    (A.ANSWER_CONSULTATION, "20대 열림"),
    (A.MANAGE_CONSULTATION, "구"),
    (A.MANAGE_CONSULTATION, "영등포"),
    (A.MANAGE_CONSULTATION, "독산1동"),
    (A.MANAGE_CONSULTATION, "구 열림"),
    (A.MANAGE_CONSULTATION, "동 열림"),
    (A.PUBLISH_CONSULTATION_RESULTS, "구 열림"),
    (A.PUBLISH_CONSULTATION_RESULTS, "구 마감"),
    (A.RESPOND_CONSULTATION, "구 마감"),
    (A.SUMMARISE_DEBATE, "구 마감"),
    (A.ARGUE, "구 열림"),
    (A.ARGUE, "구 마감"),
    (A.ARGUE, "의견"),
    (A.SUPPORT_ARGUMENT, "의견"),
    (A.SUPPORT_ARGUMENT, "숨김"),
    (A.REPORT_ARGUMENT, "의견"),
    (A.MODERATE_ARGUMENT, "의견"),
    (A.REGISTER_FOR_FORUM, "공론장"),
    (A.REGISTER_FOR_FORUM, "지난 공론장"),
    (A.MANAGE_FORUM, "공론장"),
    (A.MANAGE_FORUM, "동 공론장"),
    (A.RECORD_FORUM, "공론장"),
    (A.RECORD_FORUM, "지난 공론장"),
    (A.RECORD_SUGGESTION, "독산1동"),
    (A.RECORD_SUGGESTION, "구"),
    (A.ANSWER_SUGGESTION, "건의"),
    (A.MANAGE_PROCESS, "구"),
    (A.MANAGE_PROCESS, "독산1동"),
    (A.OPEN_WORKSHOP, "인기 제안"),
    (A.OPEN_WORKSHOP, "조용한 제안"),
]

# Y = allowed, . = denied; groups: answer (구열림 구마감 가산 20대) | manage (구 영등포 독산1동
# 구열림 동열림) | results (열림 마감) | respond | summarise | argue (열림 마감 의견) |
# support (의견 숨김) | report | moderate | forum registration (공론장 지난) | manage forum
# (공론장 동) | record forum (공론장 지난) | record suggestion (독산1동 구) | answer it
# | process (구 독산1동) | open a workshop (인기 제안, 조용한 제안)
MATRIX = {
    "anonymous": "....  .....  ..  .  .  ...  ..  .  .  ..  ..  ..  ..  .  ..  ..",
    "resident": "Y...  .....  ..  .  .  Y.Y  Y.  Y  .  Y.  ..  ..  ..  .  ..  ..",
    "unverified_resident": "....  .....  ..  .  .  ...  ..  Y  .  ..  ..  ..  ..  .  ..  ..",
    "neighbour": "Y.Y.  .....  ..  .  .  Y.Y  ..  .  .  Y.  ..  ..  ..  .  ..  ..",
    "dong_staff": "....  ..Y.Y  ..  .  .  Y.Y  Y.  Y  .  Y.  .Y  ..  Y.  .  .Y  ..",
    "other_dong_staff": "....  .....  ..  .  .  Y.Y  Y.  Y  .  Y.  ..  ..  ..  .  ..  ..",
    "district_staff": "....  Y.YYY  .Y  Y  Y  Y.Y  Y.  Y  Y  Y.  YY  .Y  YY  Y  YY  Y.",
    "other_district_staff": "....  .Y...  ..  .  .  Y.Y  Y.  Y  .  Y.  ..  ..  ..  .  ..  ..",
    "support_centre_staff": "....  .....  ..  .  .  Y.Y  Y.  Y  .  Y.  ..  ..  ..  .  ..  ..",
    "committee_member": "....  .....  ..  .  .  Y.Y  Y.  Y  .  Y.  ..  ..  ..  .  ..  ..",
    "site_admin": "....  YYYYY  .Y  Y  Y  Y.Y  Y.  Y  Y  Y.  YY  .Y  YY  Y  YY  Y.",
}


CELLS = matrix_cells(MATRIX, COLUMNS)


@pytest.fixture
def targets(geumcheon, yeongdeungpo, doksan1, gasan, district_staff, neighbour):
    open_one = make_consultation(geumcheon, district_staff)
    closed = make_consultation(
        geumcheon,
        district_staff,
        opens_at=NOW - timedelta(days=10),
        closes_at=NOW - timedelta(days=1),
    )
    argument = debate.add_argument(
        author=neighbour, consultation=open_one, stance="for", body="그늘이 필요합니다.", now=NOW
    )
    hidden = debate.add_argument(
        author=neighbour, consultation=open_one, stance="against", body="필요 없습니다.", now=NOW
    )
    debate.hide_argument(staff=district_staff, argument=hidden, reason="중복", ip=None, now=NOW)

    def forum(*, district, days=7, dong=None):
        starts = NOW + timedelta(days=days)
        spec = ForumSpec(
            kind=ForumKind.POLICY,
            title="공론장",
            place="구청",
            starts_at=starts,
            ends_at=starts + timedelta(hours=2),
            capacity=10,
            target_groups=[TargetGroup.RESIDENTS],
            dong=dong,
        )
        return forums.create_forum(
            spec=spec, district=district, staff=district_staff, ip=None, now=NOW
        )

    return {
        "구 열림": open_one,
        "구 마감": closed,
        "동 열림": make_consultation(geumcheon, district_staff, dong=doksan1),
        "가산 열림": make_consultation(geumcheon, district_staff, audience_dongs=[gasan]),
        "20대 열림": make_consultation(
            geumcheon, district_staff, audience_age_groups=[AgeGroup.TWENTIES]
        ),
        "구": geumcheon,
        "영등포": yeongdeungpo,
        "독산1동": doksan1,
        "의견": argument,
        "공론장": forum(district=geumcheon),
        "지난 공론장": forum(district=geumcheon, days=-3),
        "동 공론장": forum(district=geumcheon, dong=doksan1),
        "건의": suggestions.record_suggestion(
            district=geumcheon,
            dong=doksan1,
            occasion=Occasion.DIALOGUE,
            heard_on=NOW.date(),
            place="주민센터",
            raised_by="주민",
            body="가로등",
            staff=district_staff,
            ip=None,
            now=NOW,
        ),
        "숨김": hidden,
        "인기 제안": ProposalFactory(district=geumcheon, support_count=50),
        "조용한 제안": ProposalFactory(district=geumcheon, support_count=49),
    }


@pytest.mark.parametrize(("persona", "action", "target", "allowed"), CELLS)
def test_consultation_permission_matrix(request, targets, persona, action, target, allowed):
    assert_cell(request.getfixturevalue(persona), action, targets[target], allowed, now=NOW)


def test_every_consultation_action_has_a_column():
    assert_every_action_has_a_column(COLUMNS, "consultations.")
