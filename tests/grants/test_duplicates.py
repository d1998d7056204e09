"""Duplicate detection (중복 의심): a near-copy by another group is flagged with its score and
reasons, both ways; unrelated projects are not; same representative, contact or place count;
the terms are stored at save, so old applications are never analysed again."""

from unittest import mock

import pytest

from maeul.grants import duplicates
from maeul.grants.models import ApplicationTerm, DuplicateMatch, MatchReason
from maeul.grants.services import applications
from maeul.grants.services.screening import recheck_duplicates
from tests.grants.conftest import (
    GARDEN_TEXT,
    GARDEN_TITLE,
    NOW,
    PHONE,
    make_call,
    make_group,
    write_draft,
)

pytestmark = pytest.mark.django_db

NEAR_COPY = (
    "골목 상자 텃밭 가꾸기와 채소 나눔 장터",
    "가산동 골목의 빈 화단에 상자 텃밭을 만들어 상추와 고추를 함께 키웁니다. "
    "수확한 채소는 경로당에 나누고 가을에 골목 나눔 장터를 엽니다.",
)
UNRELATED = (
    "어르신과 아이가 함께 만드는 인형극",
    "매주 토요일 작은도서관에서 어르신과 아이들이 인형을 만들고 연습해 연말에 공연합니다.",
)


def test_terms_are_counted_without_common_grant_words():
    counts = duplicates.term_counts("마을 텃밭 사업", "주민이 함께 텃밭을 가꿉니다.")
    assert counts["텃밭"] == 3  # twice from the title, once from the description
    assert not {"마을", "사업", "주민", "함께"} & set(counts)


def test_a_near_copy_by_another_group_is_flagged_both_ways(
    draft, resident, call, other_group, neighbour
):
    applications.submit_application(application=draft, user=resident, now=NOW)
    copy = write_draft(call, other_group, neighbour, title=NEAR_COPY[0], description=NEAR_COPY[1])

    matches = applications.submit_application(application=copy, user=neighbour, now=NOW)

    assert [match.other for match in matches] == [draft]
    assert matches[0].score >= duplicates.TEXT_THRESHOLD
    assert matches[0].reasons == [MatchReason.SIMILAR_TEXT]
    assert DuplicateMatch.objects.get(application=draft).other == copy


def test_an_unrelated_project_is_not_flagged(draft, resident, call, other_group, neighbour):
    applications.submit_application(application=draft, user=resident, now=NOW)
    other = write_draft(call, other_group, neighbour, title=UNRELATED[0], description=UNRELATED[1])
    assert applications.submit_application(application=other, user=neighbour, now=NOW) == []


def test_past_years_and_other_dongs_are_compared(geumcheon, resident, doksan1, gasan, neighbour):
    old_call = make_call(geumcheon, year=2025, title="2025 이웃만들기")
    new_call = make_call(geumcheon, title="2026 이웃만들기 2차")
    first = make_group(resident, doksan1, "독산 텃밭모임")
    old = write_draft(old_call, first, resident, title=GARDEN_TITLE, description=GARDEN_TEXT)
    applications.submit_application(application=old, user=resident, now=NOW)
    second = make_group(neighbour, gasan, "가산 모임", contact="010-9999-8888")
    new = write_draft(new_call, second, neighbour, title=NEAR_COPY[0], description=NEAR_COPY[1])
    matches = applications.submit_application(application=new, user=neighbour, now=NOW)
    assert [match.other for match in matches] == [old]


def test_same_representative_contact_and_place_are_reasons(call, resident, doksan1, gasan):
    first = make_group(resident, doksan1, "첫째 모임")
    second = make_group(resident, gasan, "둘째 모임", contact=PHONE)
    a = write_draft(
        call,
        first,
        resident,
        title=UNRELATED[0],
        description=UNRELATED[1],
        place="독산로 10길 쉼터",
    )
    applications.submit_application(application=a, user=resident, now=NOW)
    b = write_draft(
        call,
        second,
        resident,
        title="벽화 그리기",
        description="담장에 벽화를 그립니다.",
        place="독산로10길 쉼터!",
    )
    [match] = applications.submit_application(application=b, user=resident, now=NOW)
    assert match.other == a
    assert match.reasons == [
        MatchReason.SAME_REPRESENTATIVE,
        MatchReason.SAME_CONTACT,
        MatchReason.SAME_PLACE,
    ]


def test_drafts_of_others_are_never_compared(draft, call, other_group, neighbour):
    copy = write_draft(call, other_group, neighbour, title=NEAR_COPY[0], description=NEAR_COPY[1])
    assert applications.submit_application(application=copy, user=neighbour, now=NOW) == []


def test_old_applications_are_not_analysed_again(draft, resident, call, other_group, neighbour):
    applications.submit_application(application=draft, user=resident, now=NOW)
    assert ApplicationTerm.objects.filter(application=draft, term="텃밭").exists()
    copy = write_draft(call, other_group, neighbour, title=NEAR_COPY[0], description=NEAR_COPY[1])
    with mock.patch.object(duplicates, "term_counts", side_effect=AssertionError("analysed")):
        matches = applications.submit_application(application=copy, user=neighbour, now=NOW)
    assert len(matches) == 1


def test_staff_check_again_and_residents_may_not(
    draft, resident, call, other_group, neighbour, district_staff
):
    applications.submit_application(application=draft, user=resident, now=NOW)
    copy = write_draft(call, other_group, neighbour, title=NEAR_COPY[0], description=NEAR_COPY[1])
    applications.submit_application(application=copy, user=neighbour, now=NOW)
    assert len(recheck_duplicates(application=draft, staff=district_staff, now=NOW, ip=None)) == 1
    from maeul.core.errors import RuleViolation

    with pytest.raises(RuleViolation):
        recheck_duplicates(application=draft, staff=neighbour, now=NOW, ip=None)


def test_withdrawing_removes_the_matches(draft, resident, call, other_group, neighbour):
    applications.submit_application(application=draft, user=resident, now=NOW)
    copy = write_draft(call, other_group, neighbour, title=NEAR_COPY[0], description=NEAR_COPY[1])
    applications.submit_application(application=copy, user=neighbour, now=NOW)
    applications.withdraw_application(application=copy, user=neighbour, now=NOW)
    assert not DuplicateMatch.objects.exists()
