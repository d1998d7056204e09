"""Taking a course: registration up to the capacity, then a waiting list that moves up when
someone cancels; prerequisites; attendance taken once per person and session; the 1-5
satisfaction answer of someone who attended."""

from collections.abc import Iterable
from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from maeul.core import audit
from maeul.core.errors import RuleViolation, refuse_duplicate
from maeul.core.permissions import Action, enforce
from maeul.core.privacy import refuse_resident_number
from maeul.core.waiting_list import WaitingList
from maeul.courses.completion import has_completed
from maeul.courses.models import (
    Attendance,
    Course,
    Registration,
    RegistrationStatus,
    SatisfactionAnswer,
    Session,
)

# A course's places: registered, on the waiting list, cancelled.
PLACES = WaitingList(
    placed=RegistrationStatus.REGISTERED,
    waiting=RegistrationStatus.WAITING,
    cancelled=RegistrationStatus.CANCELLED,
)


def missing_prerequisite(user: Any, course: Course) -> Course | None:
    """The first course this person must complete before registering (None when none)."""
    for prerequisite in course.prerequisites.order_by("pk"):
        if not has_completed(user, prerequisite):
            return prerequisite
    return None


def register_for_course(*, user: Any, course: Course, now: datetime) -> Registration:
    """Take a place, or one on the waiting list once the places are taken.

    Refused with the reason while registration is closed, without a prerequisite (named),
    when the places and the waiting list are full, or a second time. The course row is
    locked while places are counted, so two people cannot take the last place at once.
    """
    enforce(user, Action.REGISTER_FOR_COURSE, course, now=now)
    prerequisite = missing_prerequisite(user, course)
    if prerequisite is not None:
        raise RuleViolation(
            _("Complete the course “%(course)s” before registering for this one.")
            % {"course": prerequisite.title},
            code="prerequisite",
        )
    with refuse_duplicate(
        _("You have already registered for this course."), code="already_registered"
    ):
        locked = Course.objects.select_for_update().get(pk=course.pk)
        status = PLACES.status_on_joining(
            locked.registrations.all(), capacity=locked.capacity, room=locked.waiting_list_size
        )
        if status is None:
            raise RuleViolation(_("The course and its waiting list are full."), code="full")
        return Registration.objects.create(course=locked, user=user, status=status, created_at=now)


def has_begun(course: Course, now: datetime) -> bool:
    first = course.sessions.order_by("number").values_list("starts_at", flat=True).first()
    return first is not None and first <= now


def cancel_course_registration(
    *, user: Any, registration: Registration, now: datetime
) -> Registration | None:
    """Cancel one's registration before the course begins; returns whoever moved up."""
    PLACES.refuse_unless_own(user, registration)
    if has_begun(registration.course, now):
        raise RuleViolation(
            _("The course has begun: the registration can no longer be cancelled."),
            code="started",
        )
    with transaction.atomic():
        course = Course.objects.select_for_update().get(pk=registration.course_id)
        first: Registration | None = PLACES.cancel(
            registration,
            course.registrations.all(),
            capacity=course.capacity,
            also={"cancelled_at": now},
        )
        return first


def record_attendance(
    *, session: Session, present: Iterable[int], staff: Any, ip: str | None, now: datetime
) -> int:
    """Record who came to `session` (`present`: user ids of registered people), once each.

    Refused, with nothing recorded, when someone is not registered for the course or is
    already recorded at this session (the database refuses a second row too).
    """
    enforce(staff, Action.RECORD_ATTENDANCE, session, now=now)
    ids = set(present)
    if not ids:
        raise RuleViolation(_("Choose who attended."), code="attendance", field="present")
    registered = set(
        session.course.registrations.filter(
            status=RegistrationStatus.REGISTERED, user_id__in=ids
        ).values_list("user_id", flat=True)
    )
    if registered != ids:
        raise RuleViolation(
            _("Only people registered for the course can be recorded as attending."),
            code="not_registered",
            field="present",
        )
    if Attendance.objects.filter(session=session, user_id__in=ids).exists():
        raise RuleViolation(
            _("Attendance at this session is already recorded for someone you chose."),
            code="already_recorded",
            field="present",
        )
    with refuse_duplicate(
        _("Attendance at this session is already recorded for someone you chose."),
        code="already_recorded",
        field="present",
    ):
        Attendance.objects.bulk_create(
            Attendance(session=session, user_id=pk, recorded_by=staff, recorded_at=now)
            for pk in sorted(ids)
        )
        audit.record(
            actor=staff,
            action="courses.attendance.record",
            target=session,
            changes={"attended": [None, len(ids)]},
            ip=ip,
            now=now,
        )
    return len(ids)


def parse_score(raw: Any) -> int:
    try:
        score = int(str(raw).strip())
    except ValueError:
        score = 0
    if not 1 <= score <= 5:
        raise RuleViolation(_("Choose a satisfaction from 1 to 5."), code="score", field="score")
    return score


def rate_session(
    *, user: Any, session: Session, score: Any, comment: str = "", now: datetime
) -> SatisfactionAnswer:
    """A 1-5 satisfaction answer from someone who attended the surveyed session, once."""
    enforce(user, Action.RATE_COURSE, session, now=now)
    value = parse_score(score)
    comment = comment.strip()
    refuse_resident_number(comment=comment)
    with refuse_duplicate(_("You have already rated this course."), code="already_rated"):
        return SatisfactionAnswer.objects.create(
            session=session, user=user, score=value, comment=comment[:500], created_at=now
        )
