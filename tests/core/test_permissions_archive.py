"""The archive permission matrix: persona by action by target, one answer per cell.

Targets (금천구 unless said otherwise): the dongs 독산1동 and 가산동, the districts 금천구 and
영등포구; 기록 독산 / 기록 가산: a published record of each dong; 대기 독산: a record of
독산1동 the recorder wrote, awaiting approval; 전시: an exhibition of 금천구.
`recorder` is a community recorder (마을기록가) of 금천구: a resident, not staff.
"""

import pytest

from maeul.accounts.models import Role
from maeul.archive.models import ArchiveRecord, Exhibition
from maeul.core.permissions import Action
from tests.conftest import _verified
from tests.core.matrix import assert_cell, assert_every_action_has_a_column, matrix_cells
from tests.factories import RoleAssignmentFactory, UserFactory
from tests.spaces.conftest import NOW

A = Action
COLUMNS = [
    (A.PUBLISH_RECORD, "독산1동"),
    (A.PUBLISH_RECORD, "가산동"),
    (A.PUBLISH_RECORD, "금천구"),
    (A.PUBLISH_RECORD, "영등포구"),
    (A.PUBLISH_RECORD, "기록 독산"),
    (A.APPROVE_RECORD, "기록 독산"),
    (A.APPROVE_RECORD, "기록 가산"),
    (A.READ_RECORD_FILES, "기록 독산"),
    (A.READ_RECORD_FILES, "대기 독산"),
    (A.MANAGE_EXHIBITION, "금천구"),
    (A.MANAGE_EXHIBITION, "독산1동"),
    (A.MANAGE_EXHIBITION, "전시"),
    (A.SURVEY_RESOURCES, "독산1동"),
    (A.SURVEY_RESOURCES, "가산동"),
]

# Y = allowed, . = denied; groups: publish (독산 가산 금천 영등포 기록) | approve (독산 가산) |
# files (기록 독산, 대기 독산) | exhibition (금천 독산 전시) | survey (독산 가산)
MATRIX = {
    "anonymous": ".....  ..  ..  ...  ..",
    "resident": ".....  ..  Y.  ...  ..",
    "neighbour": ".....  ..  Y.  ...  ..",
    "recorder": "YYY.Y  ..  YY  ...  ..",
    "dong_staff": "Y...Y  Y.  YY  .Y.  Y.",
    "other_dong_staff": ".Y...  .Y  Y.  ...  .Y",
    "district_staff": "YYY.Y  YY  YY  YYY  YY",
    "other_district_staff": "...Y.  ..  Y.  ...  ..",
    "support_centre_staff": ".....  ..  Y.  ...  ..",
    "committee_member": ".....  ..  Y.  ...  ..",
    "site_admin": "YYYYY  YY  YY  YYY  YY",
}

CELLS = matrix_cells(MATRIX, COLUMNS)


@pytest.fixture
def recorder(geumcheon):
    user = _verified(UserFactory(email="recorder@example.kr", display_name="마을기록가"))
    RoleAssignmentFactory(user=user, role=Role.RECORDER, district=geumcheon)
    return user


@pytest.fixture
def targets(doksan1, gasan, geumcheon, yeongdeungpo, recorder):
    def record(dong):
        return ArchiveRecord(
            title="기록",
            kind="text",
            status="published",
            district=geumcheon,
            dong=dong,
            year=2026,
            created_at=NOW,
            published_at=NOW,
        )

    waiting = ArchiveRecord(
        title="기록",
        kind="photo",
        status="submitted",
        district=geumcheon,
        dong=doksan1,
        year=2026,
        created_at=NOW,
        author=recorder,
        by_recorder=True,
    )

    return {
        "독산1동": doksan1,
        "가산동": gasan,
        "금천구": geumcheon,
        "영등포구": yeongdeungpo,
        "기록 독산": record(doksan1),
        "기록 가산": record(gasan),
        "대기 독산": waiting,
        "전시": Exhibition(title="전시", introduction="소개", district=geumcheon, created_at=NOW),
    }


@pytest.mark.parametrize(("persona", "action", "target", "allowed"), CELLS)
def test_archive_permission_matrix(request, targets, persona, action, target, allowed):
    assert_cell(request.getfixturevalue(persona), action, targets[target], allowed, now=NOW)


def test_every_archive_action_has_a_column():
    assert_every_action_has_a_column(COLUMNS, "archive.")


def test_a_recorder_is_not_staff(recorder):
    from maeul.core.permissions import scope_of

    assert not scope_of(recorder).is_staff
