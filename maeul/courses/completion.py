"""Completion (수료): the one rule for "has this person completed that course", used by
course prerequisites, tracks, council recruitment (주민자치학교) and volunteer matching.

A course is completed when staff have recorded the completion on the person's
registration (`Registration.completed_at`); staff record it only for a registration that
meets the course's completion rule (`meets_completion_rule`): at least the course's share
of sessions attended (`min_attendance_percent`), and the completion work accepted when
the course asks for one.
"""

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from maeul.courses.models import (
    Course,
    CourseKind,
    CourseQuerySet,
    Registration,
    RegistrationStatus,
    StepKind,
    Track,
)


def _signed_in(user: Any) -> bool:
    return user is not None and bool(getattr(user, "is_authenticated", False))


def completed_courses(user: Any) -> CourseQuerySet:
    """The courses this person has completed (none for an anonymous visitor)."""
    if not _signed_in(user):
        return Course.objects.none()
    return Course.objects.filter(
        registrations__user=user,
        registrations__status=RegistrationStatus.REGISTERED,
        registrations__completed_at__isnull=False,
    ).distinct()


def has_completed(user: Any, course: Course) -> bool:
    """Whether this person has completed this course."""
    if not _signed_in(user):
        return False
    return Registration.objects.filter(
        course=course,
        user=user,
        status=RegistrationStatus.REGISTERED,
        completed_at__isnull=False,
    ).exists()


def meets_completion_rule(
    course: Course, registration: Registration, *, attended: int, sessions: int
) -> bool:
    """Attended at least the course's share of its sessions, with the completion work
    accepted when the course asks for one."""
    if registration.status != RegistrationStatus.REGISTERED or sessions == 0:
        return False
    if attended * 100 < course.min_attendance_percent * sessions:
        return False
    return not course.requires_completion_work or (
        registration.completion_work_accepted_at is not None
    )


def has_completed_school(user: Any, district_id: int) -> bool:
    """Whether this person has completed a 주민자치학교 of the district."""
    return (
        completed_courses(user)
        .filter(kind=CourseKind.SELF_GOVERNANCE_SCHOOL, district_id=district_id)
        .exists()
    )


def school_refusal(user: Any, council: Any) -> str | None:
    """Why this person may not apply to `council` for want of a completed 주민자치학교
    (None when the council does not ask for it, or the person has completed one)."""
    if not getattr(council, "requires_school_completion", False):
        return None
    if has_completed_school(user, council.district_id):
        return None
    return _(
        "This council accepts applications only from people who have completed a "
        "self-governance school. Complete one first."
    )


@dataclass(frozen=True)
class StepProgress:
    title: str
    kind: str
    courses: list[Course]
    completed: list[Course]

    @property
    def done(self) -> bool:
        if self.kind == StepKind.ELECTIVE:
            return True
        return len(self.completed) == len(self.courses)


def track_progress(user: Any, track: Track) -> list[StepProgress]:
    """Each step of the track with the courses of it this person has completed.

    A required step needs all its courses, a completion-work step its courses completed
    (their completion includes the accepted work); an elective step never holds one back.
    """
    done = set(completed_courses(user).values_list("pk", flat=True))
    steps = []
    for step in track.steps.prefetch_related("courses").order_by("order"):
        courses = list(step.courses.all())
        steps.append(
            StepProgress(
                title=step.title,
                kind=step.kind,
                courses=courses,
                completed=[c for c in courses if c.pk in done],
            )
        )
    return steps


def has_completed_track(user: Any, track: Track) -> bool:
    return all(step.done for step in track_progress(user, track))
