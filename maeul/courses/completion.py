"""Completion (수료): the one rule for "has this person completed that course", used by
course prerequisites, tracks, council recruitment (주민자치학교) and volunteer matching.

A course is completed when staff have recorded the completion on the person's
registration (`Registration.completed_at`); staff record it only for a registration that
meets the course's completion rule (`meets_completion_rule`).
"""

from typing import Any

from maeul.courses.models import Course, CourseQuerySet, Registration, RegistrationStatus


def completed_courses(user: Any) -> CourseQuerySet:
    """The courses this person has completed (none for an anonymous visitor)."""
    if user is None or not getattr(user, "is_authenticated", False):
        return Course.objects.none()
    return Course.objects.filter(
        registrations__user=user,
        registrations__status=RegistrationStatus.REGISTERED,
        registrations__completed_at__isnull=False,
    ).distinct()


def has_completed(user: Any, course: Course) -> bool:
    """Whether this person has completed this course."""
    if user is None or not getattr(user, "is_authenticated", False):
        return False
    return Registration.objects.filter(
        course=course,
        user=user,
        status=RegistrationStatus.REGISTERED,
        completed_at__isnull=False,
    ).exists()
