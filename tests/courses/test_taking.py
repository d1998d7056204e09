"""Registration, the waiting list, prerequisites, attendance and the satisfaction survey."""

from datetime import timedelta

import pytest

from maeul.core.errors import RuleViolation
from maeul.courses.models import Attendance, Registration, RegistrationStatus, SatisfactionAnswer
from maeul.courses.services.taking import (
    cancel_course_registration,
    rate_session,
    record_attendance,
    register_for_course,
)
from tests.courses.conftest import verified_person


def test_places_then_waiting_list_then_full(course, doksan1, now):
    first, second, third, fourth = (verified_person(doksan1) for _ in range(4))
    assert register_for_course(user=first, course=course, now=now).status == "registered"
    assert register_for_course(user=second, course=course, now=now).status == "registered"
    assert register_for_course(user=third, course=course, now=now).status == "waiting"

    with pytest.raises(RuleViolation) as refusal:
        register_for_course(user=fourth, course=course, now=now)

    assert refusal.value.code == "full"
    assert "대기" in refusal.value.message
    assert not Registration.objects.filter(user=fourth).exists()


def test_a_cancellation_moves_the_first_waiting_person_up(course, doksan1, now):
    people = [verified_person(doksan1) for _ in range(3)]
    first, _, waiting = (register_for_course(user=p, course=course, now=now) for p in people)

    moved = cancel_course_registration(user=people[0], registration=first, now=now)

    assert moved == waiting
    waiting.refresh_from_db()
    assert waiting.status == RegistrationStatus.REGISTERED


def test_registering_twice_is_refused(course, resident, now):
    register_for_course(user=resident, course=course, now=now)
    with pytest.raises(RuleViolation, match="이미"):
        register_for_course(user=resident, course=course, now=now)
    assert Registration.objects.filter(user=resident).count() == 1


def test_registration_is_refused_once_closed(course, resident, now):
    with pytest.raises(RuleViolation, match="신청 기간"):
        register_for_course(user=resident, course=course, now=now + timedelta(days=8))
    assert not Registration.objects.exists()


def test_a_missing_prerequisite_is_named(make_course, school, resident, now):
    advanced = make_course(title="마을자치 실천대학 갈등해결 과정")
    advanced.prerequisites.add(school)

    with pytest.raises(RuleViolation) as refusal:
        register_for_course(user=resident, course=advanced, now=now)

    assert refusal.value.code == "prerequisite"
    assert "독산1동 주민자치학교" in refusal.value.message
    assert not Registration.objects.filter(course=advanced).exists()

    Registration.objects.create(
        course=school, user=resident, status="registered", created_at=now, completed_at=now
    )
    assert register_for_course(user=resident, course=advanced, now=now).status == "registered"


@pytest.fixture
def held(course, resident, neighbour, now):
    """The course with `resident` and `neighbour` registered, all sessions begun."""
    register_for_course(user=resident, course=course, now=now)
    register_for_course(user=neighbour, course=course, now=now)
    return now + timedelta(days=30)


def test_attendance_is_recorded_once(course, resident, dong_staff, held):
    session = course.sessions.first()
    assert (
        record_attendance(
            session=session, present=[resident.pk], staff=dong_staff, ip=None, now=held
        )
        == 1
    )

    with pytest.raises(RuleViolation) as refusal:
        record_attendance(
            session=session, present=[resident.pk], staff=dong_staff, ip=None, now=held
        )

    assert refusal.value.code == "already_recorded"
    assert Attendance.objects.filter(session=session).count() == 1


def test_attendance_of_someone_not_registered_is_refused(course, dong_staff, doksan1, held):
    stranger = verified_person(doksan1)
    with pytest.raises(RuleViolation, match="신청한 사람"):
        record_attendance(
            session=course.sessions.first(),
            present=[stranger.pk],
            staff=dong_staff,
            ip=None,
            now=held,
        )
    assert not Attendance.objects.exists()


def test_attendance_before_the_session_begins_is_refused(course, resident, dong_staff, now):
    register_for_course(user=resident, course=course, now=now)
    with pytest.raises(RuleViolation):
        record_attendance(
            session=course.sessions.first(),
            present=[resident.pk],
            staff=dong_staff,
            ip=None,
            now=now,
        )


def test_staff_of_another_dong_cannot_take_attendance(course, resident, other_dong_staff, held):
    with pytest.raises(RuleViolation):
        record_attendance(
            session=course.sessions.first(),
            present=[resident.pk],
            staff=other_dong_staff,
            ip=None,
            now=held,
        )


def attend_all(course, people, staff, when):
    for session in course.sessions.all():
        record_attendance(
            session=session, present=[p.pk for p in people], staff=staff, ip=None, now=when
        )


@pytest.mark.parametrize("score", ["0", "6", "-1", "many", ""])
def test_a_rating_outside_1_to_5_is_refused(course, resident, dong_staff, held, score):
    attend_all(course, [resident], dong_staff, held)
    with pytest.raises(RuleViolation) as refusal:
        rate_session(user=resident, session=course.sessions.last(), score=score, now=held)
    assert refusal.value.field == "score"
    assert not SatisfactionAnswer.objects.exists()


def test_only_someone_who_attended_may_rate(course, resident, neighbour, dong_staff, held):
    attend_all(course, [resident], dong_staff, held)
    with pytest.raises(RuleViolation, match="참석한 사람"):
        rate_session(user=neighbour, session=course.sessions.last(), score=5, now=held)
    assert not SatisfactionAnswer.objects.exists()


def test_the_survey_is_at_the_last_session_and_answered_once(course, resident, dong_staff, held):
    attend_all(course, [resident], dong_staff, held)
    with pytest.raises(RuleViolation, match="마지막"):
        rate_session(user=resident, session=course.sessions.first(), score=5, now=held)

    rate_session(user=resident, session=course.sessions.last(), score=4, now=held)
    with pytest.raises(RuleViolation, match="이미"):
        rate_session(user=resident, session=course.sessions.last(), score=5, now=held)
    assert list(SatisfactionAnswer.objects.values_list("score", flat=True)) == [4]
