"""Recruitment: who may apply and why not, once per person, the selection and its lottery."""

import hashlib
from datetime import timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone, translation

from maeul.core.errors import RuleViolation
from maeul.core.models import AuditEntry, Notification
from maeul.councils.models import (
    ApplicationStatus,
    CouncilMember,
    MembershipApplication,
    Recruitment,
    RecruitmentStatus,
    SelectionRoute,
)
from maeul.councils.services import recruitment as svc

pytestmark = pytest.mark.django_db


def _apply(recruitment, user, now, *, route=SelectionRoute.OPEN_CALL, by="", section=None):
    return svc.apply(
        recruitment=recruitment,
        user=user,
        public_name=user.display_name,
        motivation="마을 일에 함께하고 싶습니다.",
        wanted_section=section,
        route=route,
        recommended_by=by,
        now=now,
    )


def _applicants(recruitment, make_applicant, now, count, *, recommended=0):
    rows = []
    for n in range(count):
        route = SelectionRoute.RECOMMENDATION if n < recommended else SelectionRoute.OPEN_CALL
        by = "독산1동 통장협의회" if route == SelectionRoute.RECOMMENDATION else ""
        rows.append(_apply(recruitment, make_applicant(f"신청자{n}"), now, route=route, by=by))
    return rows


def _closed(recruitment):
    """Move the call's close into the past (as if its time had come)."""
    recruitment.opens_at = timezone.now() - timedelta(days=10)
    recruitment.closes_at = timezone.now() - timedelta(minutes=1)
    recruitment.save()
    return recruitment


# --- Opening and closing ---------------------------------------------------------------------
def test_open_recruitment_is_audited(next_term, dong_staff, now):
    call = svc.open_recruitment(
        term=next_term,
        seats=30,
        opens_at=now,
        closes_at=now + timedelta(days=14),
        staff=dong_staff,
        now=now,
        ip=None,
    )
    assert call.status == RecruitmentStatus.OPEN
    assert AuditEntry.objects.filter(action="councils.recruitment.open").count() == 1


@pytest.mark.parametrize(
    ("seats", "opens", "closes", "code"),
    [
        (0, 0, 14, "seats"),
        (51, 0, 14, "seats"),
        (10, 5, 4, "dates"),
        (10, -10, -1, "dates"),
    ],
)
def test_open_recruitment_refuses_bad_input(next_term, dong_staff, now, seats, opens, closes, code):
    with pytest.raises(RuleViolation) as refusal:
        svc.open_recruitment(
            term=next_term,
            seats=seats,
            opens_at=now + timedelta(days=opens),
            closes_at=now + timedelta(days=closes),
            staff=dong_staff,
            now=now,
            ip=None,
        )
    assert refusal.value.code == code
    assert not Recruitment.objects.exists()


def test_a_second_call_for_a_term_is_refused(recruitment, dong_staff, now):
    with pytest.raises(RuleViolation) as refusal:
        svc.open_recruitment(
            term=recruitment.term,
            seats=3,
            opens_at=now,
            closes_at=now + timedelta(days=3),
            staff=dong_staff,
            now=now,
            ip=None,
        )
    assert refusal.value.code == "recruitment_exists"


def test_other_dong_staff_cannot_open_a_call(next_term, other_dong_staff, now):
    with pytest.raises(RuleViolation) as refusal:
        svc.open_recruitment(
            term=next_term,
            seats=3,
            opens_at=now,
            closes_at=now + timedelta(days=3),
            staff=other_dong_staff,
            now=now,
            ip=None,
        )
    assert refusal.value.code == "forbidden"


def test_closing_stops_applications(recruitment, dong_staff, resident, now):
    svc.close_recruitment(recruitment=recruitment, staff=dong_staff, now=now, ip=None)
    recruitment.refresh_from_db()
    assert recruitment.status == RecruitmentStatus.CLOSED
    assert recruitment.closes_at == now
    with pytest.raises(RuleViolation) as refusal:
        _apply(recruitment, resident, now)
    assert refusal.value.code == "forbidden"


# --- Applying ----------------------------------------------------------------------------
def test_resident_applies(recruitment, resident, doksan1_sections, now):
    application = _apply(recruitment, resident, now, section=doksan1_sections[1])
    assert application.status == ApplicationStatus.APPLIED
    assert application.wanted_section == doksan1_sections[1]
    assert application.created_at == now


def test_applying_twice_is_refused(recruitment, resident, now):
    _apply(recruitment, resident, now)
    with pytest.raises(RuleViolation) as refusal:
        _apply(recruitment, resident, now)
    assert refusal.value.code == "already_applied"
    assert MembershipApplication.objects.count() == 1


def test_unverified_person_is_refused_with_the_reason(recruitment, unverified_resident, now):
    with translation.override("en"), pytest.raises(RuleViolation) as refusal:
        _apply(recruitment, unverified_resident, now)
    assert refusal.value.code == "forbidden"
    assert "verif" in refusal.value.message
    assert not MembershipApplication.objects.exists()


def test_person_of_another_dong_is_refused_with_the_reason(recruitment, neighbour, now):
    with translation.override("en"), pytest.raises(RuleViolation) as refusal:
        _apply(recruitment, neighbour, now)
    assert refusal.value.code == "forbidden"
    assert "독산1동" in refusal.value.message
    assert not MembershipApplication.objects.exists()


def test_applying_before_the_call_opens_is_refused(recruitment, resident, now):
    with pytest.raises(RuleViolation) as refusal:
        _apply(recruitment, resident, recruitment.opens_at - timedelta(seconds=1))
    assert refusal.value.code == "forbidden"


def test_a_recommendation_must_name_the_organisation(recruitment, resident, now):
    with pytest.raises(RuleViolation) as refusal:
        _apply(recruitment, resident, now, route=SelectionRoute.RECOMMENDATION)
    assert refusal.value.code == "application"


def test_a_section_of_another_council_is_refused(recruitment, resident, gasan_council, now):
    with pytest.raises(RuleViolation) as refusal:
        _apply(recruitment, resident, now, section=gasan_council.sections.get())
    assert refusal.value.code == "section_of_other_council"


def test_blank_motivation_is_refused(recruitment, resident, now):
    with pytest.raises(RuleViolation) as refusal:
        svc.apply(
            recruitment=recruitment, user=resident, public_name="주민", motivation=" ", now=now
        )
    assert refusal.value.code == "application"


# --- Selecting ---------------------------------------------------------------------------
def test_selecting_before_the_close_is_refused(recruitment, make_applicant, dong_staff, now):
    _applicants(recruitment, make_applicant, now, 3)
    with pytest.raises(RuleViolation) as refusal:
        svc.select_members(recruitment=recruitment, staff=dong_staff, now=now, ip=None)
    assert refusal.value.code == "not_closed"
    recruitment.refresh_from_db()
    assert recruitment.status == RecruitmentStatus.OPEN
    assert not CouncilMember.objects.filter(term=recruitment.term).exists()


def test_with_enough_places_everyone_is_selected(
    recruitment, make_applicant, dong_staff, doksan1_sections, now
):
    _apply(recruitment, make_applicant("첫째"), now, section=doksan1_sections[2])
    _applicants(recruitment, make_applicant, now, 4)
    _closed(recruitment)
    ranked = svc.select_members(
        recruitment=recruitment, staff=dong_staff, now=timezone.now(), ip=None
    )
    assert {a.status for a in ranked} == {ApplicationStatus.SELECTED}
    recruitment.refresh_from_db()
    assert recruitment.status == RecruitmentStatus.SELECTED
    assert recruitment.lottery_seed == ""
    members = CouncilMember.objects.filter(term=recruitment.term)
    assert members.count() == 5
    assert set(members.values_list("route", flat=True)) == {SelectionRoute.OPEN_CALL}
    assert members.get(public_name="첫째").section == doksan1_sections[2]
    assert all(m.joined_on == recruitment.term.starts_on for m in members)


def _recompute(seed, applications, seats):
    """The published rule, from scratch: rank by sha256("seed:id"); recommendations first
    for at most half of the places; then everyone else in rank order."""
    order = sorted(
        applications, key=lambda a: hashlib.sha256(f"{seed}:{a.pk}".encode()).hexdigest()
    )
    recommended = [a.pk for a in order if a.route == SelectionRoute.RECOMMENDATION]
    chosen = recommended[: seats // 2]
    for a in order:
        if len(chosen) == seats:
            break
        if a.pk not in chosen:
            chosen.append(a.pk)
    return [a.pk for a in order], set(chosen)


def test_oversubscribed_call_draws_a_reproducible_lottery(
    recruitment, make_applicant, dong_staff, now
):
    applications = _applicants(recruitment, make_applicant, now, 12)
    _closed(recruitment)
    svc.select_members(recruitment=recruitment, staff=dong_staff, now=timezone.now(), ip=None)
    recruitment.refresh_from_db()
    seed = recruitment.lottery_seed
    ids = ",".join(str(a.pk) for a in sorted(applications, key=lambda a: a.pk))
    closes = recruitment.closes_at.astimezone(ZoneInfo("Asia/Seoul")).isoformat()
    assert seed == hashlib.sha256(f"{ids}|{closes}".encode()).hexdigest()

    order, chosen = _recompute(seed, applications, recruitment.seats)
    stored = {a.pk: a for a in MembershipApplication.objects.filter(recruitment=recruitment)}
    assert [pk for pk, _ in sorted(stored.items(), key=lambda kv: kv[1].lottery_rank)] == order
    assert {pk for pk, a in stored.items() if a.status == ApplicationStatus.SELECTED} == chosen
    assert len(chosen) == 5
    reserve = [a for a in stored.values() if a.status == ApplicationStatus.RESERVE]
    assert len(reserve) == 7
    members = CouncilMember.objects.filter(term=recruitment.term)
    assert set(members.values_list("user_id", flat=True)) == {stored[pk].user_id for pk in chosen}
    assert set(members.values_list("route", flat=True)) == {SelectionRoute.LOTTERY}


def test_the_lottery_is_stable_for_a_typed_seed(recruitment, make_applicant, dong_staff, now):
    applications = _applicants(recruitment, make_applicant, now, 9)
    ids = [a.pk for a in applications]
    first = svc.lottery_order("7-13-21-34", ids)
    assert svc.lottery_order("7-13-21-34", list(reversed(ids))) == first
    assert svc.lottery_order("7-13-22-34", ids) != first  # another seed, another draw
    _closed(recruitment)
    ranked = svc.select_members(
        recruitment=recruitment, staff=dong_staff, now=timezone.now(), ip=None, seed=" 7-13-21-34 "
    )
    assert [a.pk for a in ranked] == first
    assert [a.lottery_rank for a in ranked] == list(range(1, 10))
    recruitment.refresh_from_db()
    assert recruitment.lottery_seed == "7-13-21-34"


def test_recommendations_take_at_most_half_the_places(recruitment, make_applicant, dong_staff, now):
    applications = _applicants(recruitment, make_applicant, now, 12, recommended=6)
    _closed(recruitment)
    svc.select_members(
        recruitment=recruitment, staff=dong_staff, now=timezone.now(), ip=None, seed="공개추첨"
    )
    _order, chosen = _recompute("공개추첨", applications, 5)
    selected = MembershipApplication.objects.filter(
        recruitment=recruitment, status=ApplicationStatus.SELECTED
    )
    assert set(selected.values_list("pk", flat=True)) == chosen
    assert selected.filter(route=SelectionRoute.RECOMMENDATION).count() >= 2
    recommended_members = CouncilMember.objects.filter(
        term=recruitment.term, route=SelectionRoute.RECOMMENDATION
    )
    assert (
        recommended_members.count() == selected.filter(route=SelectionRoute.RECOMMENDATION).count()
    )


def test_selecting_twice_is_refused(recruitment, make_applicant, dong_staff, now):
    _applicants(recruitment, make_applicant, now, 2)
    _closed(recruitment)
    svc.select_members(recruitment=recruitment, staff=dong_staff, now=timezone.now(), ip=None)
    with pytest.raises(RuleViolation) as refusal:
        svc.select_members(recruitment=recruitment, staff=dong_staff, now=timezone.now(), ip=None)
    assert refusal.value.code == "selected"
    assert CouncilMember.objects.filter(term=recruitment.term).count() == 2


def test_a_seed_too_long_is_refused(recruitment, make_applicant, dong_staff, now):
    _closed(recruitment)
    with pytest.raises(RuleViolation) as refusal:
        svc.select_members(
            recruitment=recruitment, staff=dong_staff, now=timezone.now(), ip=None, seed="x" * 65
        )
    assert refusal.value.code == "seed"


def test_places_are_capped_by_the_free_places_of_the_term(
    recruitment, make_applicant, dong_staff, now
):
    CouncilMember.objects.bulk_create(
        CouncilMember(
            term=recruitment.term, public_name=f"위원{n}", joined_on=recruitment.term.starts_on
        )
        for n in range(48)
    )
    _applicants(recruitment, make_applicant, now, 4)
    _closed(recruitment)
    ranked = svc.select_members(
        recruitment=recruitment, staff=dong_staff, now=timezone.now(), ip=None
    )
    assert sum(a.status == ApplicationStatus.SELECTED for a in ranked) == 2
    assert CouncilMember.objects.filter(term=recruitment.term, left_on=None).count() == 50


def test_applicants_are_told_the_outcome(recruitment, make_applicant, dong_staff, now):
    applications = _applicants(recruitment, make_applicant, now, 7)
    _closed(recruitment)
    svc.select_members(recruitment=recruitment, staff=dong_staff, now=timezone.now(), ip=None)
    told = Notification.objects.filter(kind="council_selection")
    assert set(told.values_list("recipient_id", flat=True)) == {a.user_id for a in applications}


def test_other_dong_staff_cannot_select(recruitment, make_applicant, other_dong_staff, now):
    _applicants(recruitment, make_applicant, now, 2)
    _closed(recruitment)
    with pytest.raises(RuleViolation) as refusal:
        svc.select_members(
            recruitment=recruitment, staff=other_dong_staff, now=timezone.now(), ip=None
        )
    assert refusal.value.code == "forbidden"
    assert not CouncilMember.objects.filter(term=recruitment.term).exists()
