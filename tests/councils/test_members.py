"""Councils, terms, sections and members: the limits, the one chair, audit entries."""

import threading
from concurrent.futures import ThreadPoolExecutor
from datetime import date, timedelta

import pytest
from django.db import connection

from maeul.core.errors import RuleViolation
from maeul.core.models import AuditEntry
from maeul.councils.models import (
    Council,
    CouncilKind,
    CouncilMember,
    MemberRole,
    SelectionRoute,
    Term,
)
from maeul.councils.services import members as svc

pytestmark = pytest.mark.django_db


def _add(term, staff, now, *, name="이주민", role=MemberRole.MEMBER, section=None, user=None):
    return svc.add_member(
        term=term,
        public_name=name,
        role=role,
        section=section,
        route=SelectionRoute.OPEN_CALL,
        user=user,
        joined_on=term.starts_on,
        staff=staff,
        now=now,
        ip="127.0.0.1",
    )


# --- Councils ------------------------------------------------------------------------------
def test_ensure_council_creates_the_dong_council_once(doksan1):
    council = svc.ensure_council(dong=doksan1)
    assert council.name == "독산1동 주민자치회"
    assert council.kind == CouncilKind.RESIDENT
    assert council.district_id == doksan1.district_id
    assert svc.ensure_council(dong=doksan1) == council
    assert Council.objects.count() == 1


def test_ensure_governance_council_creates_it_once(geumcheon):
    council = svc.ensure_governance_council(district=geumcheon)
    assert council.name == "금천구 협치회의"
    assert council.kind == CouncilKind.GOVERNANCE
    assert council.dong is None
    assert svc.ensure_governance_council(district=geumcheon) == council


# --- Terms ---------------------------------------------------------------------------------
def test_term_lasts_the_council_term_years(doksan1_council, doksan1_term, dong_staff, now):
    starts = doksan1_term.ends_on + timedelta(days=1)
    term = svc.start_term(
        council=doksan1_council, number=3, starts_on=starts, staff=dong_staff, now=now, ip=None
    )
    assert term.ends_on == date(starts.year + 2, starts.month, starts.day) - timedelta(days=1)
    assert AuditEntry.objects.filter(action="councils.term.start").count() == 1


def test_a_leap_day_term_ends_on_28_february():
    assert svc.term_end(date(2024, 2, 29), 2) == date(2026, 2, 28)
    assert svc.term_end(date(2022, 1, 1), 2) == date(2023, 12, 31)


def test_term_number_taken_is_refused(doksan1_council, doksan1_term, dong_staff, now):
    with pytest.raises(RuleViolation) as refusal:
        svc.start_term(
            council=doksan1_council,
            number=2,
            starts_on=doksan1_term.ends_on + timedelta(days=1),
            staff=dong_staff,
            now=now,
            ip=None,
        )
    assert refusal.value.code == "term_number_taken"


def test_overlapping_term_is_refused(doksan1_council, doksan1_term, dong_staff, now):
    with pytest.raises(RuleViolation) as refusal:
        svc.start_term(
            council=doksan1_council,
            number=3,
            starts_on=doksan1_term.ends_on,
            staff=dong_staff,
            now=now,
            ip=None,
        )
    assert refusal.value.code == "term_overlap"
    assert doksan1_council.terms.count() == 1


def test_staff_of_another_dong_cannot_start_a_term(doksan1_council, other_dong_staff, now):
    with pytest.raises(RuleViolation) as refusal:
        svc.start_term(
            council=doksan1_council,
            number=9,
            starts_on=date(2040, 1, 1),
            staff=other_dong_staff,
            now=now,
            ip=None,
        )
    assert refusal.value.code == "forbidden"
    assert not doksan1_council.terms.filter(number=9).exists()


# --- Sections ------------------------------------------------------------------------------
def test_add_section_goes_last_and_is_audited(doksan1_council, dong_staff, now):
    section = svc.add_section(
        council=doksan1_council, name=" 환경분과 ", staff=dong_staff, now=now, ip=None
    )
    assert section.name == "환경분과"
    assert section.order == 4
    assert AuditEntry.objects.filter(action="councils.section.add").count() == 1


def test_duplicate_section_name_is_refused(doksan1_council, dong_staff, now):
    with pytest.raises(RuleViolation) as refusal:
        svc.add_section(
            council=doksan1_council, name="자치행정분과", staff=dong_staff, now=now, ip=None
        )
    assert refusal.value.code == "section_taken"


def test_governance_council_has_its_five_sections(governance_council):
    assert [s.name for s in governance_council.sections.order_by("order")] == [
        "교육·문화",
        "도시환경·안전",
        "복지·건강",
        "주민자치·기획",
        "청년·경제일자리",
    ]


# --- Members -------------------------------------------------------------------------------
def test_add_member_is_audited(doksan1_term, doksan1_sections, dong_staff, resident, now):
    member = _add(doksan1_term, dong_staff, now, section=doksan1_sections[1], user=resident)
    assert member.section == doksan1_sections[1]
    entry = AuditEntry.objects.get(action="councils.member.add")
    assert entry.actor == dong_staff
    assert entry.changes["public_name"] == [None, "이주민"]


def test_the_51st_member_is_refused(doksan1_term, dong_staff, now):
    CouncilMember.objects.bulk_create(
        CouncilMember(term=doksan1_term, public_name=f"위원{n}", joined_on=doksan1_term.starts_on)
        for n in range(50)
    )
    with pytest.raises(RuleViolation) as refusal:
        _add(doksan1_term, dong_staff, now, name="51번째")
    assert refusal.value.code == "council_full"
    assert doksan1_term.members.count() == 50


def test_a_member_who_left_frees_a_place(doksan1_term, dong_staff, now):
    CouncilMember.objects.bulk_create(
        CouncilMember(term=doksan1_term, public_name=f"위원{n}", joined_on=doksan1_term.starts_on)
        for n in range(50)
    )
    leaving = doksan1_term.members.first()
    svc.end_membership(
        member=leaving, left_on=doksan1_term.starts_on, staff=dong_staff, now=now, ip=None
    )
    assert _add(doksan1_term, dong_staff, now, name="새 위원").pk


def test_a_second_chair_is_refused(doksan1_term, council_chair, dong_staff, now):
    with pytest.raises(RuleViolation) as refusal:
        _add(doksan1_term, dong_staff, now, role=MemberRole.CHAIR)
    assert refusal.value.code == "second_chair"
    assert doksan1_term.members.filter(role=MemberRole.CHAIR).count() == 1


def test_changing_a_member_to_a_second_chair_is_refused(
    council_member, council_chair, dong_staff, now
):
    with pytest.raises(RuleViolation) as refusal:
        svc.change_member(
            member=council_member,
            public_name=council_member.public_name,
            role=MemberRole.CHAIR,
            section=None,
            staff=dong_staff,
            now=now,
            ip=None,
        )
    assert refusal.value.code == "second_chair"
    council_member.refresh_from_db()
    assert council_member.role == MemberRole.MEMBER


def test_a_new_chair_after_the_old_one_left(doksan1_term, council_chair, dong_staff, now):
    svc.end_membership(
        member=council_chair, left_on=doksan1_term.starts_on, staff=dong_staff, now=now, ip=None
    )
    assert _add(doksan1_term, dong_staff, now, role=MemberRole.CHAIR).role == MemberRole.CHAIR


def test_a_section_of_another_council_is_refused(doksan1_term, gasan_council, dong_staff, now):
    other = gasan_council.sections.get()
    with pytest.raises(RuleViolation) as refusal:
        _add(doksan1_term, dong_staff, now, section=other)
    assert refusal.value.code == "section_of_other_council"
    assert not doksan1_term.members.exists()


def test_the_same_person_twice_in_a_term_is_refused(council_member, resident, dong_staff, now):
    with pytest.raises(RuleViolation) as refusal:
        _add(council_member.term, dong_staff, now, user=resident)
    assert refusal.value.code == "already_member"


def test_joining_outside_the_term_is_refused(doksan1_term, dong_staff, now):
    with pytest.raises(RuleViolation) as refusal:
        svc.add_member(
            term=doksan1_term,
            public_name="늦은 위원",
            role=MemberRole.MEMBER,
            section=None,
            route=SelectionRoute.OPEN_CALL,
            joined_on=doksan1_term.ends_on + timedelta(days=1),
            staff=dong_staff,
            now=now,
            ip=None,
        )
    assert refusal.value.code == "joined_on"


def test_blank_name_is_refused(doksan1_term, dong_staff, now):
    with pytest.raises(RuleViolation):
        _add(doksan1_term, dong_staff, now, name="  ")


def test_other_dong_staff_cannot_add_members(doksan1_term, other_dong_staff, now):
    with pytest.raises(RuleViolation) as refusal:
        _add(doksan1_term, other_dong_staff, now)
    assert refusal.value.code == "forbidden"
    assert not doksan1_term.members.exists()


def test_district_staff_manage_the_governance_council(governance_term, district_staff, now):
    section = governance_term.council.sections.get(name="복지·건강")
    member = _add(governance_term, district_staff, now, section=section)
    assert member.term == governance_term


def test_dong_staff_cannot_manage_the_governance_council(governance_term, dong_staff, now):
    with pytest.raises(RuleViolation) as refusal:
        _add(governance_term, dong_staff, now)
    assert refusal.value.code == "forbidden"


def test_change_member_is_audited(council_member, doksan1_sections, dong_staff, now):
    svc.change_member(
        member=council_member,
        public_name="김독산",
        role=MemberRole.SECTION_HEAD,
        section=doksan1_sections[2],
        staff=dong_staff,
        now=now,
        ip=None,
    )
    council_member.refresh_from_db()
    assert council_member.role == MemberRole.SECTION_HEAD
    entry = AuditEntry.objects.get(action="councils.member.change")
    assert entry.changes["role"] == ["member", "section_head"]


def test_end_membership_before_joining_is_refused(council_member, dong_staff, now):
    with pytest.raises(RuleViolation) as refusal:
        svc.end_membership(
            member=council_member,
            left_on=council_member.joined_on - timedelta(days=1),
            staff=dong_staff,
            now=now,
            ip=None,
        )
    assert refusal.value.code == "left_on"


def test_ending_twice_is_refused(council_member, dong_staff, now):
    svc.end_membership(
        member=council_member, left_on=council_member.joined_on, staff=dong_staff, now=now, ip=None
    )
    with pytest.raises(RuleViolation) as refusal:
        svc.end_membership(
            member=council_member,
            left_on=council_member.joined_on,
            staff=dong_staff,
            now=now,
            ip=None,
        )
    assert refusal.value.code == "member_left"


def test_current_members_chair_first(council_member, council_chair):
    assert list(svc.current_members(council_member.term)) == [council_chair, council_member]


@pytest.mark.django_db(transaction=True)
def test_parallel_additions_never_pass_fifty(doksan1_term, dong_staff, now):
    """Six staff add the 50th member at one moment: the term's row lock lets one through."""
    CouncilMember.objects.bulk_create(
        CouncilMember(term=doksan1_term, public_name=f"위원{n}", joined_on=doksan1_term.starts_on)
        for n in range(49)
    )

    def attempt(n):
        def run():
            return _add(Term.objects.get(pk=doksan1_term.pk), dong_staff, now, name=f"동시{n}")

        return run

    outcomes = all_at_once([attempt(n) for n in range(6)])
    assert outcomes.count("council_full") == 5
    assert CouncilMember.objects.filter(term=doksan1_term, left_on=None).count() == 50


def all_at_once(attempts):
    """Run every callable at the same moment; returns "ok" or each refusal's code."""
    barrier = threading.Barrier(len(attempts))

    def run(attempt):
        try:
            barrier.wait()
            attempt()
            return "ok"
        except RuleViolation as refused:
            return refused.code
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=len(attempts)) as pool:
        return list(pool.map(run, attempts))
