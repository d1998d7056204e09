"""`has_completed` / `completed_courses`: the one completion rule other apps ask."""

from maeul.courses.completion import completed_courses, has_completed
from maeul.courses.models import Registration, RegistrationStatus


def test_a_course_is_completed_only_once_staff_recorded_it(resident, school, now):
    registration = Registration.objects.create(
        course=school, user=resident, status=RegistrationStatus.REGISTERED, created_at=now
    )
    assert not has_completed(resident, school)
    assert list(completed_courses(resident)) == []

    registration.completed_at = now
    registration.save()

    assert has_completed(resident, school)
    assert list(completed_courses(resident)) == [school]


def test_nobody_else_and_no_visitor_has_completed_it(resident, neighbour, anonymous, school, now):
    Registration.objects.create(
        course=school,
        user=resident,
        status=RegistrationStatus.REGISTERED,
        created_at=now,
        completed_at=now,
    )
    assert not has_completed(neighbour, school)
    assert not has_completed(anonymous, school)
    assert not completed_courses(anonymous).exists()


def test_completion_needs_the_attendance_share_and_the_accepted_work(
    course, resident, neighbour, dong_staff, now
):
    from datetime import timedelta

    from maeul.courses.models import Attendance
    from maeul.courses.services.completion import (
        accept_completion_work,
        record_completions,
        submit_completion_work,
    )

    course.requires_completion_work = True
    course.min_attendance_percent = 60
    course.save()
    later = now + timedelta(days=60)
    mine = Registration.objects.create(
        course=course, user=resident, status="registered", created_at=now
    )
    Registration.objects.create(course=course, user=neighbour, status="registered", created_at=now)
    sessions = list(course.sessions.all())
    for session in sessions[:2]:  # 2 of 3: 66 %
        Attendance.objects.create(session=session, user=resident, recorded_at=later)
    Attendance.objects.create(session=sessions[0], user=neighbour, recorded_at=later)

    assert record_completions(course=course, staff=dong_staff, ip=None, now=later) == 0
    submit_completion_work(user=resident, registration=mine, title="마을 기록 보고서", now=later)
    accept_completion_work(registration=mine, staff=dong_staff, ip=None, now=later)
    assert record_completions(course=course, staff=dong_staff, ip=None, now=later) == 1
    assert has_completed(resident, course)
    assert not has_completed(neighbour, course)


def test_a_track_is_completed_with_its_required_steps(make_course, resident, now):
    from maeul.courses.completion import has_completed_track, track_progress
    from maeul.courses.models import StepKind, Track, TrackStep

    root, elective, paper = (make_course(title=t) for t in ("뿌리", "전문", "자주학습"))
    track = Track.objects.create(district=root.district, title="마을실천대학")
    for order, (kind, course) in enumerate(
        (
            (StepKind.REQUIRED, root),
            (StepKind.ELECTIVE, elective),
            (StepKind.COMPLETION_WORK, paper),
        ),
        start=1,
    ):
        TrackStep.objects.create(
            track=track, order=order, title=course.title, kind=kind
        ).courses.add(course)
    Registration.objects.create(
        course=root, user=resident, status="registered", created_at=now, completed_at=now
    )
    assert [step.done for step in track_progress(resident, track)] == [True, True, False]
    assert not has_completed_track(resident, track)
    Registration.objects.create(
        course=paper, user=resident, status="registered", created_at=now, completed_at=now
    )
    assert has_completed_track(resident, track)
