"""The grant permission matrix: persona by action by target, one answer per cell.

Targets (금천구 unless said otherwise):
- 공고 금천 / 공고 영등포: a call of each district;
- 단체 독산: 「독산 텃밭모임」, represented by `resident`;
- 초안 독산: that group's draft; 제출 가산: 「가산 골목친구들」's submitted application
  (represented by `neighbour`).
"""

import pytest
from django.utils import translation

from maeul.core.permissions import Action, can
from maeul.grants.services import applications
from tests.grants.conftest import NOW, make_call, make_group, write_draft
from tests.korean import HANGUL

A = Action
COLUMNS = [
    (A.MANAGE_GRANT_CALL, "공고 금천"),
    (A.MANAGE_GRANT_CALL, "공고 영등포"),
    (A.REGISTER_GROUP, None),
    (A.MANAGE_GROUP, "단체 독산"),
    (A.WRITE_APPLICATION, "초안 독산"),
    (A.VIEW_APPLICATION, "초안 독산"),
    (A.VIEW_APPLICATION, "제출 가산"),
    (A.SCREEN_APPLICATION, "초안 독산"),
    (A.SCREEN_APPLICATION, "제출 가산"),
]

# Y = allowed, . = denied; groups: calls (금천 영등포) | register | group | write | view (초안
# 제출) | screen (초안 제출)
MATRIX = {
    "anonymous":            "..  .  .  .  ..  ..",
    "resident":             "..  Y  Y  Y  Y.  ..",
    "unverified_resident":  "..  .  .  .  ..  ..",
    "neighbour":            "..  Y  .  .  .Y  ..",
    "dong_staff":           "..  Y  .  .  ..  ..",
    "other_dong_staff":     "..  Y  .  .  .Y  .Y",
    "district_staff":       "Y.  Y  .  .  .Y  .Y",
    "other_district_staff": ".Y  Y  .  .  ..  ..",
    "support_centre_staff": "..  Y  .  .  ..  ..",
    "committee_member":     "..  Y  .  .  ..  ..",
    "site_admin":           "YY  Y  .  .  .Y  .Y",
}  # fmt: skip


def _answers(row: str) -> list[bool]:
    cells = row.replace(" ", "")
    assert len(cells) == len(COLUMNS), row
    return [cell == "Y" for cell in cells]


CELLS = [
    pytest.param(persona, action, target, allowed, id=f"{persona}-{action.value}-{target}")
    for persona, row in MATRIX.items()
    for (action, target), allowed in zip(COLUMNS, _answers(row), strict=True)
]


@pytest.fixture
def targets(geumcheon, yeongdeungpo, doksan1, gasan, resident, neighbour):
    call = make_call(geumcheon)
    group = make_group(resident, doksan1, "독산 텃밭모임")
    other = make_group(neighbour, gasan, "가산 골목친구들", contact="010-3456-7890")
    submitted = write_draft(call, other, neighbour, title="골목 벽화", description="")
    applications.submit_application(application=submitted, user=neighbour, now=NOW)
    return {
        None: None,
        "공고 금천": call,
        "공고 영등포": make_call(yeongdeungpo, title="영등포 공모"),
        "단체 독산": group,
        "초안 독산": write_draft(call, group, resident, title="골목 텃밭", description=""),
        "제출 가산": submitted,
    }


@pytest.mark.parametrize(("persona", "action", "target", "allowed"), CELLS)
def test_grant_permission_matrix(request, targets, persona, action, target, allowed):
    user = request.getfixturevalue(persona)

    with translation.override("ko"):
        decision = can(user, action, targets[target], now=NOW)

    assert decision.allowed is allowed
    if not allowed:
        assert HANGUL.search(decision.reason), (
            f"refusal without a Korean reason: {decision.reason!r}"
        )


def test_every_grant_action_has_a_column():
    actions = {a for a in Action if a.value.startswith("grants.")}
    assert {action for action, _target in COLUMNS} == actions
