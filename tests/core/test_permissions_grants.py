"""The grant permission matrix: persona by action by target, one answer per cell.

Targets (금천구 unless said otherwise):
- 공고 금천 / 공고 영등포: a call of each district;
- 단체 독산: 「독산 텃밭모임」, represented by `resident`;
- 초안 독산: that group's draft; 제출 가산: 「가산 골목친구들」's submitted application
  (represented by `neighbour`); 충돌 시흥: a third group's submitted application, on which
  `committee_member` (a reviewer of 공고 금천) declared a conflict of interest;
  계획서 가산 / 명부 가산: the project plan and a member list of 제출 가산;
- 선정 시흥 / 협약 시흥: selected applications of two more groups, the second with its
  agreement (협약).
"""

import pytest

from maeul.core.permissions import Action
from maeul.grants import bank_account
from maeul.grants.models import (
    ApplicationAttachment,
    ApplicationStatus,
    AttachmentKind,
    Conflict,
    Disbursement,
    GrantAgreement,
    Reviewer,
    Settlement,
)
from maeul.grants.services import applications
from tests.conftest import _verified
from tests.core.matrix import assert_cell, assert_every_action_has_a_column, matrix_cells
from tests.factories import UserFactory
from tests.grants.conftest import NOW, make_call, make_group, write_draft

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
    (A.MANAGE_COMMITTEE, "공고 금천"),
    (A.MANAGE_COMMITTEE, "공고 영등포"),
    (A.REVIEW_APPLICATION, "초안 독산"),
    (A.REVIEW_APPLICATION, "제출 가산"),
    (A.REVIEW_APPLICATION, "충돌 시흥"),
    (A.DECIDE_APPLICATION, "초안 독산"),
    (A.DECIDE_APPLICATION, "제출 가산"),
    (A.READ_REVIEW_FILE, "계획서 가산"),
    (A.READ_REVIEW_FILE, "명부 가산"),
    (A.MANAGE_AGREEMENT, "제출 가산"),
    (A.MANAGE_AGREEMENT, "선정 시흥"),
    (A.RECORD_DISBURSEMENT, "선정 시흥"),
    (A.RECORD_DISBURSEMENT, "협약 시흥"),
    (A.RECORD_EXPENSE, "교부 가산"),
    (A.RECORD_EXPENSE, "정산 가산"),
    (A.CHECK_SPENDING, "선정 시흥"),
    (A.CHECK_SPENDING, "교부 가산"),
    (A.CHECK_SPENDING, "승인 가산"),
    (A.SUBMIT_SETTLEMENT, "교부 가산"),
    (A.SUBMIT_SETTLEMENT, "정산 가산"),
    (A.SETTLE_GRANT, "교부 가산"),
    (A.SETTLE_GRANT, "정산 가산"),
    (A.EVALUATE_GRANT, "정산 가산"),
    (A.EVALUATE_GRANT, "승인 가산"),
]

# Y = allowed, . = denied; groups: calls (금천 영등포) | register | group | write | view (초안
# 제출) | screen (초안 제출) | committee (금천 영등포) | review (초안 제출 충돌) | decide (초안 제출)
# | reviewer's files (계획서 명부) | agreement (제출 선정) | disbursement (선정 협약) | spending
# (교부 정산) | check (선정 교부 승인) | settlement report (교부 정산) | settle (교부 정산) |
# evaluate (정산 승인)
MATRIX = {
    "anonymous": "..  .  .  .  ..  ..  .. ... ..  ..  ..  ..  ..  ...  ..  ..  ..",
    "resident": "..  Y  Y  Y  Y.  ..  .. ... ..  ..  ..  ..  ..  ...  ..  ..  ..",
    "unverified_resident": "..  .  .  .  ..  ..  .. ... ..  ..  ..  ..  ..  ...  ..  ..  ..",
    "neighbour": "..  Y  .  .  .Y  ..  .. ... ..  ..  ..  ..  Y.  ...  Y.  ..  ..",
    "dong_staff": "..  Y  .  .  ..  ..  .. ... ..  ..  ..  ..  ..  ...  ..  ..  ..",
    "other_dong_staff": "..  Y  .  .  .Y  .Y  .. ... ..  ..  ..  ..  ..  .Y.  ..  ..  ..",
    "district_staff": "Y.  Y  .  .  .Y  .Y  Y. ... .Y  ..  .Y  .Y  ..  .Y.  ..  .Y  .Y",
    "other_district_staff": ".Y  Y  .  .  ..  ..  .Y ... ..  ..  ..  ..  ..  ...  ..  ..  ..",
    "support_centre_staff": "..  Y  .  .  ..  ..  .. ... ..  ..  ..  ..  ..  .Y.  ..  ..  ..",
    "committee_member": "..  Y  .  .  ..  ..  .. .Y. ..  Y.  ..  ..  ..  ...  ..  ..  ..",
    "site_admin": "YY  Y  .  .  .Y  .Y  YY ... .Y  ..  .Y  .Y  ..  .Y.  ..  .Y  .Y",
}


CELLS = matrix_cells(MATRIX, COLUMNS)


@pytest.fixture
def targets(geumcheon, yeongdeungpo, doksan1, gasan, resident, neighbour, committee_member):
    call = make_call(geumcheon)
    group = make_group(resident, doksan1, "독산 텃밭모임")
    other = make_group(neighbour, gasan, "가산 골목친구들", contact="010-3456-7890")
    submitted = write_draft(call, other, neighbour, title="골목 벽화", description="")
    applications.submit_application(application=submitted, user=neighbour, now=NOW)
    third_representative = _verified(UserFactory(email="siheung@example.kr", display_name="시흥"))
    third = make_group(third_representative, gasan, "시흥 골목지기", contact="010-4567-8901")
    conflicted = write_draft(call, third, third_representative, title="골목 화분", description="")
    applications.submit_application(application=conflicted, user=third_representative, now=NOW)
    reviewer = Reviewer.objects.create(call=call, user=committee_member, added_at=NOW)
    Conflict.objects.create(reviewer=reviewer, application=conflicted, declared_at=NOW)
    selected, agreed = (
        _selected(call, gasan, f"시흥 {n}", f"010-567{n}-0000", f"s{n}@example.kr") for n in (1, 2)
    )
    GrantAgreement.objects.create(
        application=agreed,
        amount=3_000_000,
        signed_at=NOW.date(),
        bank="농협",
        account_enc=bank_account.encrypt("1102345678"),
        created_at=NOW,
    )
    return {
        None: None,
        "공고 금천": call,
        "공고 영등포": make_call(yeongdeungpo, title="영등포 공모"),
        "단체 독산": group,
        "초안 독산": write_draft(call, group, resident, title="골목 텃밭", description=""),
        "제출 가산": submitted,
        "충돌 시흥": conflicted,
        "계획서 가산": submitted.attachments.get(kind=AttachmentKind.PLAN),
        "명부 가산": ApplicationAttachment.objects.create(
            application=submitted,
            kind=AttachmentKind.MEMBERS,
            file="grants/x.pdf",
            original_name="명부.pdf",
            content_type="application/pdf",
            size=1,
            uploaded_at=NOW,
        ),
        "선정 시흥": selected,
        "협약 시흥": agreed,
        **_after_the_money(call, gasan, neighbour),
    }


def _selected(call, dong, name, contact, email):
    """A selected application (granted 3,000,000원) of a new group of `dong`."""
    user = _verified(UserFactory(email=email, display_name=name))
    application = write_draft(
        call, make_group(user, dong, name, contact=contact), user, title=name, description=""
    )
    applications.submit_application(application=application, user=user, now=NOW)
    application.status, application.granted_amount = ApplicationStatus.SELECTED, 3_000_000
    application.save(update_fields=["status", "granted_amount"])
    return application


def _after_the_money(call, dong, representative):
    """Three paid applications of `representative`'s groups: paid (교부), its settlement
    handed in (정산), and approved (승인)."""
    rows = {}
    for n, (name, status) in enumerate(
        (("교부 가산", None), ("정산 가산", "submitted"), ("승인 가산", "approved"))
    ):
        group = make_group(representative, dong, f"가산 상점가 {n}", contact=f"010-6{n}00-0000")
        application = write_draft(call, group, representative, title=name, description="")
        applications.submit_application(application=application, user=representative, now=NOW)
        application.status, application.granted_amount = ApplicationStatus.SELECTED, 3_000_000
        application.save(update_fields=["status", "granted_amount"])
        agreement = GrantAgreement.objects.create(
            application=application,
            amount=3_000_000,
            signed_at=NOW.date(),
            bank="농협",
            account_enc=bank_account.encrypt("1102345678"),
            created_at=NOW,
        )
        Disbursement.objects.create(
            agreement=agreement, amount=3_000_000, paid_at=NOW.date(), recorded_at=NOW
        )
        if status:
            Settlement.objects.create(
                application=application, report="보고", status=status, submitted_at=NOW
            )
        rows[name] = application
    return rows


@pytest.mark.parametrize(("persona", "action", "target", "allowed"), CELLS)
def test_grant_permission_matrix(request, targets, persona, action, target, allowed):
    assert_cell(request.getfixturevalue(persona), action, targets[target], allowed, now=NOW)


def test_every_grant_action_has_a_column():
    assert_every_action_has_a_column(COLUMNS, "grants.")
