"""Who may register for a course, answer its satisfaction survey, run its desk and take
attendance.

A verified resident registers for a published course while its registration is open
(the capacity, the waiting list and prerequisites are the service's business, which says
why). A person answers the survey about a session they attended once it has begun, and
only the session the course surveys (its last one, or every one). Staff run the desk of
the courses they serve: dong staff those of their dong, district staff all of their
district; attendance is taken once a session has begun. The 수료증 of a registration is for its
person and the staff of its course, once completion is recorded on it. Which rows staff serve: a
programme by its district, a course by its dong (or district), a registration by its
course's.
"""

from datetime import datetime
from typing import Any

from django.db.models import Model
from django.utils.translation import gettext_lazy as _

from maeul.core.permissions.base import (
    ALLOW,
    Action,
    Decision,
    Rule,
    all_of,
    deny,
    follow,
    staff_serving,
    verified,
)
from maeul.core.permissions.scope import register_rows, through
from maeul.courses.models import (
    Attendance,
    Course,
    Programme,
    Registration,
    Session,
    SurveyAt,
)
from maeul.places.models import District, Dong

register_rows(Course)
register_rows(Registration, row_scope=through("course"))

NOT_OPEN = _("Registration for this course is not open.")


# The course a session, registration or attendance belongs to (None for anything else).
COURSE_PATHS: dict[type[Model], str] = {
    Course: "",
    Session: "course",
    Registration: "course",
    Attendance: "session.course",
}
course_of = follow(COURSE_PATHS)


def _register(user: Any, target: Model | None, now: datetime) -> Decision:
    """A verified person, for a published course while its registration is open."""
    if not isinstance(target, Course) or not target.registration_is_open(now):
        return deny(NOT_OPEN)
    return verified(user, target, now)


def _rate(user: Any, target: Model | None, now: datetime) -> Decision:
    """Someone who attended the surveyed session, once it has begun."""
    if not isinstance(target, Session):
        return deny(_("Choose a session of the course."))
    course = target.course
    if course.survey_at == SurveyAt.NONE:
        return deny(_("This course has no satisfaction survey."))
    if course.survey_at == SurveyAt.LAST_SESSION:
        last = course.sessions.order_by("-number").values_list("pk", flat=True).first()
        if last != target.pk:
            return deny(_("The satisfaction survey is taken at the last session."))
    if now < target.starts_at:
        return deny(_("The survey opens when the session begins."))
    if not Attendance.objects.filter(session=target, user=user).exists():
        return deny(_("Only people who attended the session may rate it."))
    return ALLOW


# The row whose place staff must serve: the course (of a session, registration or
# attendance), a programme's district, or a dong or district to add a course to.
place_of = follow({Programme: "district", Dong: "", District: "", **COURSE_PATHS})


# Staff of the course's dong or district (or site admins).
_manage = staff_serving(place_of)


def _session_begun(user: Any, target: Model | None, now: datetime) -> Decision:
    if not isinstance(target, Session):
        return deny(_("Choose a session of the course."))
    if now < target.starts_at:
        return deny(_("Attendance can be taken once the session has begun."))
    return ALLOW


# Staff of the course, once the session has begun.
_record_attendance = all_of(_manage, _session_begun)


NOT_COMPLETED = _(
    "There is no certificate: completion of this course has not been recorded for this person."
)


def _own_or_staff(user: Any, target: Model | None, now: datetime) -> Decision:
    if isinstance(target, Registration) and user.is_authenticated and target.user_id == user.pk:
        return ALLOW
    return _manage(user, target, now)


def _completed(user: Any, target: Model | None, now: datetime) -> Decision:
    """Completion recorded on a registration holding a place (never on a cancelled one)."""
    if not isinstance(target, Registration) or not target.is_completed:
        return deny(NOT_COMPLETED)
    return ALLOW


# The person of the registration or the staff of its course, once completion is recorded.
_certificate = all_of(_own_or_staff, _completed)


RULES: dict[Action, Rule] = {
    Action.REGISTER_FOR_COURSE: _register,
    Action.RATE_COURSE: _rate,
    Action.MANAGE_COURSE: _manage,
    Action.RECORD_ATTENDANCE: _record_attendance,
    Action.GET_COURSE_CERTIFICATE: _certificate,
}
