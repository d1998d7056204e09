"""The courses permission matrix: persona by action by target, one answer per cell.

Targets (금천구 unless said otherwise), at `NOW`:
- 과정 독산: a course of 독산1동 taking registrations; 마감 과정: one whose registration closed;
- 과정 가산: a course of 가산동; 과정 구: a course of the whole district;
- 마지막 회차 / 첫 회차: the last and the first session of a held course of 독산1동, both
  begun, both attended by `resident`; 예정 회차: a session of it not begun yet;
- 수료 신청: `resident`'s registration of the held course, completion recorded; 미수료 신청:
  `neighbour`'s registration of it, not completed; 취소 신청: `resident`'s cancelled one.
"""

from datetime import timedelta

import pytest

from maeul.core.permissions import Action
from maeul.courses.models import Attendance, Registration
from tests.core.matrix import assert_cell, assert_every_action_has_a_column, matrix_cells
from tests.courses.conftest import NOW, add_sessions, make_programme, new_course

A = Action
COLUMNS = [
    (A.REGISTER_FOR_COURSE, "과정 독산"),
    (A.REGISTER_FOR_COURSE, "마감 과정"),
    (A.RATE_COURSE, "마지막 회차"),
    (A.RATE_COURSE, "첫 회차"),
    (A.MANAGE_COURSE, "과정 독산"),
    (A.MANAGE_COURSE, "과정 가산"),
    (A.MANAGE_COURSE, "과정 구"),
    (A.RECORD_ATTENDANCE, "마지막 회차"),
    (A.RECORD_ATTENDANCE, "예정 회차"),
    (A.GET_COURSE_CERTIFICATE, "수료 신청"),
    (A.GET_COURSE_CERTIFICATE, "미수료 신청"),
    (A.GET_COURSE_CERTIFICATE, "취소 신청"),
]

# Y = allowed, . = denied; groups: register (열린 마감) | rate (마지막 첫) | manage (독산 가산 구) |
# attendance (마지막 예정) | certificate (수료 미수료 취소)
MATRIX = {
    "anonymous": "..  ..  ...  ..  ...",
    "resident": "Y.  Y.  ...  ..  Y..",
    "unverified_resident": "..  ..  ...  ..  ...",
    "neighbour": "Y.  ..  ...  ..  ...",
    "dong_staff": "Y.  ..  Y..  Y.  Y..",
    "other_dong_staff": "Y.  ..  .Y.  ..  ...",
    "district_staff": "Y.  ..  YYY  Y.  Y..",
    "other_district_staff": "Y.  ..  ...  ..  ...",
    "support_centre_staff": "Y.  ..  ...  ..  ...",
    "committee_member": "Y.  ..  ...  ..  ...",
    "site_admin": "Y.  ..  YYY  Y.  Y..",
}


CELLS = matrix_cells(MATRIX, COLUMNS)


@pytest.fixture
def targets(geumcheon, doksan1, gasan, resident, neighbour):
    programme = make_programme(geumcheon)

    def make_course(dong=doksan1, **overrides):
        return new_course(programme, dong, **overrides)

    held = make_course(
        title="마을기록가 학교",
        registration_opens_at=NOW - timedelta(days=40),
        registration_closes_at=NOW - timedelta(days=30),
    )
    first, last = add_sessions(held, 2, NOW - timedelta(days=14))
    upcoming = add_sessions(make_course(title="다음 과정"), 1, NOW + timedelta(days=3))[0]
    completed = Registration.objects.create(
        course=held, user=resident, status="registered", created_at=NOW, completed_at=NOW
    )
    not_completed = Registration.objects.create(
        course=held, user=neighbour, status="registered", created_at=NOW
    )
    cancelled = Registration.objects.create(
        course=upcoming.course,
        user=resident,
        status="cancelled",
        created_at=NOW,
        cancelled_at=NOW,
    )
    for session in (first, last):
        Attendance.objects.create(session=session, user=resident, recorded_at=NOW)
    return {
        "과정 독산": make_course(),
        "마감 과정": held,
        "과정 가산": make_course(dong=gasan, title="가산동 마을교육"),
        "과정 구": make_course(dong=None, title="금천마을지기학교"),
        "마지막 회차": last,
        "첫 회차": first,
        "예정 회차": upcoming,
        "수료 신청": completed,
        "미수료 신청": not_completed,
        "취소 신청": cancelled,
    }


@pytest.mark.parametrize(("persona", "action", "target", "allowed"), CELLS)
def test_courses_permission_matrix(request, targets, persona, action, target, allowed):
    assert_cell(request.getfixturevalue(persona), action, targets[target], allowed, now=NOW)


def test_every_courses_action_has_a_column():
    assert_every_action_has_a_column(COLUMNS, "courses.")
