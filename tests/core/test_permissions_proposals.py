"""The proposal permission matrix: persona by action by target, one written-out answer per cell.

Targets (금천구 unless said otherwise; proposals by `resident` unless said otherwise):
- 독산1동: a published 독산1동 proposal, open for support, not yet assigned;
- 구 전체: a published proposal about the whole district, by `neighbour`;
- 영등포구: a published 당산1동 proposal of 영등포구 by someone else;
- 마감: a 독산1동 proposal whose support period has ended;
- 숨김: a hidden 독산1동 proposal;
- 검토: a 독산1동 proposal under review, assigned to 교통행정과;
- 답변: an answered 독산1동 proposal of 교통행정과;
- 댓글 독산1동 / 댓글 구 전체 / 댓글 영등포구: a comment by `neighbour` on those proposals;
- dong 독산1동 / dong 당산1동 / district 금천구: where an offline proposal is entered.
"""

from datetime import timedelta

import pytest
from django.utils import timezone, translation

from maeul.core.permissions import Action, can
from maeul.proposals.models import Status
from tests.core.matrix import assert_cell, assert_every_action_has_a_column, matrix_cells
from tests.korean import korean
from tests.proposals import conftest as proposal_fixtures
from tests.proposals.factories import CommentFactory, ProposalFactory

# The proposal fixtures of tests/proposals/conftest.py, shared with this matrix.
categories = proposal_fixtures.categories
departments = proposal_fixtures.departments
policy = proposal_fixtures.policy
department_staff = proposal_fixtures.department_staff
head_office_staff = proposal_fixtures.head_office_staff
yeongdeungpo_category = proposal_fixtures.yeongdeungpo_category

A = Action
COLUMNS = [
    (A.CREATE_PROPOSAL, None),
    (A.ENTER_OFFLINE_PROPOSAL, "dong 독산1동"),
    (A.ENTER_OFFLINE_PROPOSAL, "district 금천구"),
    (A.ENTER_OFFLINE_PROPOSAL, "dong 당산1동"),
    (A.WITHDRAW_PROPOSAL, "독산1동"),
    (A.WITHDRAW_PROPOSAL, "답변"),
    (A.SUPPORT_PROPOSAL, "독산1동"),
    (A.SUPPORT_PROPOSAL, "구 전체"),
    (A.SUPPORT_PROPOSAL, "영등포구"),
    (A.SUPPORT_PROPOSAL, "마감"),
    (A.SUPPORT_PROPOSAL, "숨김"),
    (A.SUPPORT_PROPOSAL, "답변"),
    (A.COMMENT_PROPOSAL, "독산1동"),
    (A.COMMENT_PROPOSAL, "숨김"),
    (A.REPORT_COMMENT, "댓글 독산1동"),
    (A.MODERATE_PROPOSAL, "독산1동"),
    (A.MODERATE_PROPOSAL, "구 전체"),
    (A.MODERATE_PROPOSAL, "영등포구"),
    (A.MODERATE_COMMENT, "댓글 독산1동"),
    (A.MODERATE_COMMENT, "댓글 구 전체"),
    (A.MODERATE_COMMENT, "댓글 영등포구"),
    (A.REVIEW_PROPOSAL, "독산1동"),
    (A.REVIEW_PROPOSAL, "영등포구"),
    (A.ANSWER_PROPOSAL, "독산1동"),
    (A.ANSWER_PROPOSAL, "검토"),
    (A.ANSWER_PROPOSAL, "영등포구"),
    (A.MERGE_PROPOSAL, "독산1동"),
    (A.MERGE_PROPOSAL, "영등포구"),
    (A.REWARD_PROPOSAL, "독산1동"),
    (A.REWARD_PROPOSAL, "답변"),
    (A.REWARD_PROPOSAL, "영등포구"),
]

# Y = allowed, . = denied; the groups follow COLUMNS:
# create | offline: 독산1동 금천구 당산1동 | withdraw: 독산1동 답변 |
# support: 독산1동 구전체 영등포 마감 숨김 답변 | comment: 독산1동 숨김 | report |
# moderate: 독산1동 구전체 영등포 | moderate comment: 독산1동 구전체 영등포 |
# review: 독산1동 영등포 | answer: 독산1동(unassigned) 검토(교통행정과) 영등포 |
# merge: 독산1동 영등포 | reward: 독산1동 답변 영등포
MATRIX = {
    "anonymous": ".  ...  ..  ......  ..  .  ...  ...  ..  ...  ..  ...",
    "resident": "Y  ...  Y.  YYY...  Y.  Y  ...  ...  ..  ...  ..  ...",
    "unverified_resident": "Y  ...  ..  ......  Y.  Y  ...  ...  ..  ...  ..  ...",
    "neighbour": "Y  ...  ..  YYY...  Y.  .  ...  ...  ..  ...  ..  ...",
    "dong_staff": "Y  Y..  ..  YYY...  Y.  Y  Y..  Y..  ..  ...  ..  ...",
    "other_dong_staff": "Y  ...  ..  YYY...  Y.  Y  ...  ...  ..  ...  ..  ...",
    "district_staff": "Y  YY.  ..  YYY...  Y.  Y  YY.  YY.  Y.  ...  Y.  YY.",
    "department_staff": "Y  YY.  ..  YYY...  Y.  Y  YY.  YY.  Y.  .Y.  Y.  YY.",
    "other_district_staff": "Y  ..Y  ..  YYY...  Y.  Y  ..Y  ..Y  .Y  ...  .Y  ..Y",
    "support_centre_staff": "Y  ...  ..  YYY...  Y.  Y  ...  ...  ..  ...  ..  ...",
    "committee_member": "Y  ...  ..  YYY...  Y.  Y  ...  ...  ..  ...  ..  ...",
    "site_admin": "Y  YYY  ..  YYY...  Y.  Y  YYY  YYY  YY  YYY  YY  YYY",
}

PERSONAS = [
    "anonymous",
    "resident",
    "unverified_resident",
    "neighbour",
    "dong_staff",
    "other_dong_staff",
    "district_staff",
    "department_staff",
    "other_district_staff",
    "support_centre_staff",
    "committee_member",
    "site_admin",
]


CELLS = matrix_cells(MATRIX, COLUMNS)


@pytest.fixture
def targets(
    doksan1,
    dangsan1,
    geumcheon,
    categories,
    departments,
    yeongdeungpo_category,
    resident,
    neighbour,
):
    now = timezone.now()
    traffic = categories["교통"]

    def proposal(**fields):
        fields.setdefault("district", geumcheon)
        fields.setdefault("dong", doksan1)
        fields.setdefault("category", traffic)
        fields.setdefault("author", resident)
        fields.setdefault("created_at", now - timedelta(days=1))
        return ProposalFactory(**fields)

    built = {
        None: None,
        "dong 독산1동": doksan1,
        "dong 당산1동": dangsan1,
        "district 금천구": geumcheon,
        "독산1동": proposal(),
        "구 전체": proposal(dong=None, author=neighbour),
        "영등포구": proposal(
            district=dangsan1.district, dong=dangsan1, category=yeongdeungpo_category, author=None
        ),
        "마감": proposal(created_at=now - timedelta(days=40)),
        "숨김": proposal(status=Status.HIDDEN, hidden_reason="욕설"),
        "검토": proposal(
            status=Status.REVIEWING, department=departments["교통행정과"], assigned_at=now
        ),
        "답변": proposal(
            status=Status.ANSWERED, department=departments["교통행정과"], answered_at=now
        ),
    }
    for key in ("독산1동", "구 전체", "영등포구"):
        built[f"댓글 {key}"] = CommentFactory(proposal=built[key], author=neighbour)
    return built


@pytest.mark.parametrize(("persona", "action", "target", "allowed"), CELLS)
def test_proposal_permission_matrix(request, targets, persona, action, target, allowed):
    assert_cell(
        request.getfixturevalue(persona), action, targets[target], allowed, now=timezone.now()
    )


def test_every_proposal_action_has_a_column():
    assert_every_action_has_a_column(COLUMNS, "proposals.")


def test_every_persona_has_a_row():
    assert list(MATRIX) == PERSONAS


@pytest.mark.parametrize(
    ("persona", "action", "target", "msgid"),
    [
        ("anonymous", A.CREATE_PROPOSAL, None, "Please log in first."),
        (
            "unverified_resident",
            A.SUPPORT_PROPOSAL,
            "독산1동",
            "Only verified residents may do this. Please verify your account first.",
        ),
        ("resident", A.SUPPORT_PROPOSAL, "마감", "The support period has ended."),
        ("resident", A.SUPPORT_PROPOSAL, "숨김", "This proposal is not open for support."),
        ("resident", A.SUPPORT_PROPOSAL, "답변", "This proposal is not open for support."),
        ("neighbour", A.WITHDRAW_PROPOSAL, "독산1동", "Only the author can withdraw a proposal."),
        (
            "resident",
            A.WITHDRAW_PROPOSAL,
            "답변",
            "A proposal cannot be withdrawn after it has been answered.",
        ),
        ("resident", A.COMMENT_PROPOSAL, "숨김", "Comments are closed for this proposal."),
        ("neighbour", A.REPORT_COMMENT, "댓글 독산1동", "You cannot report your own comment."),
        ("resident", A.MODERATE_PROPOSAL, "독산1동", "Only staff may do this."),
        (
            "other_dong_staff",
            A.MODERATE_COMMENT,
            "댓글 독산1동",
            "This is outside the dongs and districts you are responsible for.",
        ),
        (
            "district_staff",
            A.ANSWER_PROPOSAL,
            "독산1동",
            "Assign the proposal to a department first.",
        ),
        (
            "district_staff",
            A.ANSWER_PROPOSAL,
            "검토",
            "Only staff of the assigned department may answer.",
        ),
    ],
)
def test_refusal_says_why_in_korean(request, targets, persona, action, target, msgid):
    user = request.getfixturevalue(persona)

    with translation.override("ko"):
        decision = can(user, action, targets[target], now=timezone.now())

    assert not decision
    assert decision.reason == korean(msgid)


def test_head_office_staff_may_answer_a_proposal_for_the_district_head(targets, head_office_staff):
    reviewing = targets["검토"]
    assert not can(head_office_staff, A.ANSWER_PROPOSAL, reviewing, now=timezone.now())

    reviewing.answer_level = "head"
    reviewing.save()

    assert can(head_office_staff, A.ANSWER_PROPOSAL, reviewing, now=timezone.now())
