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
        course=school, user=resident, status=RegistrationStatus.REGISTERED, created_at=now,
        completed_at=now,
    )  # fmt: skip
    assert not has_completed(neighbour, school)
    assert not has_completed(anonymous, school)
    assert not completed_courses(anonymous).exists()
