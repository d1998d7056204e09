"""The training an activity requires (전문교육 → 연계 봉사활동): who may sign up, and which
trained volunteers staff may invite. Completion is the courses app's one rule
(`courses.completion`)."""

from typing import Any

from django.contrib.auth import get_user_model

from maeul.courses.completion import has_completed
from maeul.courses.models import Course, Registration, RegistrationStatus
from maeul.volunteering.models import SignUp, SignUpStatus, VolunteerActivity

SUGGESTED_MAX = 20


def missing_training(user: Any, activity: VolunteerActivity) -> Course | None:
    """The course `activity` requires that `user` has not completed, or None."""
    course = activity.required_course
    if course is None or has_completed(user, course):
        return None
    return course


def suggested_volunteers(activity: VolunteerActivity) -> list[Any]:
    """People who completed the training `activity` requires and are not signed up for it
    (nor waiting) yet, by name (none without a required training)."""
    if activity.required_course_id is None:
        return []
    signed_up = SignUp.objects.filter(
        shift__activity=activity, status__in=[SignUpStatus.ACTIVE, SignUpStatus.WAITING]
    ).values("user_id")
    completed = Registration.objects.filter(
        course_id=activity.required_course_id,
        status=RegistrationStatus.REGISTERED,
        completed_at__isnull=False,
    ).values("user_id")
    people = (
        get_user_model()
        .objects.filter(is_active=True, pk__in=completed)
        .exclude(pk__in=signed_up)
        .order_by("display_name", "pk")
    )
    return list(people[:SUGGESTED_MAX])
