"""Course data for 내 정보 내려받기 (`privacy.export`): a person's registrations (with their
completion and the 수료증 number), the sessions they attended and their own satisfaction
answers (staff see only the means; the person sees what they wrote). Every query filters
on the one person."""

from datetime import datetime
from typing import Any

from django.utils.translation import gettext as _

from maeul.courses.models import (
    Attendance,
    Course,
    CourseCertificate,
    Registration,
    SatisfactionAnswer,
)

Record = dict[str, Any]


def _certificate(registration: Registration) -> Record:
    """The 수료증's number and issue time; empty when none was issued."""
    try:
        certificate = registration.certificate
    except CourseCertificate.DoesNotExist:
        return {_("Certificate number"): None, _("Issued on"): None}
    return {_("Certificate number"): certificate.number, _("Issued on"): certificate.issued_at}


def registrations(user: Any) -> list[Record]:
    """The courses `user` registered for, every status (waiting and cancelled ones too)."""
    rows = Registration.objects.filter(user_id=user.pk).select_related("course", "certificate")
    return [
        {
            _("Course"): registration.course.title,
            _("Status"): registration.get_status_display(),
            _("Applied at"): registration.created_at,
            _("Cancelled at"): registration.cancelled_at,
            _("Completion work"): registration.completion_work,
            _("Submitted at"): registration.completion_work_submitted_at,
            _("Accepted at"): registration.completion_work_accepted_at,
            _("Completed on"): registration.completed_at,
            **_certificate(registration),
        }
        for registration in rows.order_by("created_at", "pk")
    ]


def attendances(user: Any) -> list[Record]:
    """The sessions `user` was recorded at."""
    rows = Attendance.objects.filter(user_id=user.pk).select_related("session__course")
    return [
        {
            _("Course"): row.session.course.title,
            _("Session"): row.session.number,
            _("Starts at"): row.session.starts_at,
            _("Added at"): row.recorded_at,
        }
        for row in rows.order_by("session__starts_at", "pk")
    ]


def satisfaction_answers(user: Any) -> list[Record]:
    """`user`'s own answers to the satisfaction survey (만족도) of a session."""
    rows = SatisfactionAnswer.objects.filter(user_id=user.pk).select_related("session__course")
    return [
        {
            _("Course"): row.session.course.title,
            _("Session"): row.session.number,
            _("Satisfaction"): row.score,
            _("Opinion"): row.comment,
            _("When"): row.created_at,
        }
        for row in rows.order_by("created_at", "pk")
    ]


def erase(user: Any, *, now: datetime) -> None:
    """On erasure (`privacy.services.erase_account`): what becomes of `user`'s course rows.

    - registrations (or waiting places) for a course not yet begun: cancelled (the first one
      waiting moves up), then deleted: nobody will come;
    - registrations for a course begun: kept as the course's record (status, completion, the
      수료증 register, whose numbers anyone may check), the completion work cleared: the
      person's own writing, of no use to the office once the completion is recorded;
    - attendances: kept, the course's attendance counts (no text about the person);
    - satisfaction answers: the score kept for the course's means, the opinion cleared.
    """
    from maeul.courses.services.taking import PLACES, has_begun

    live = Registration.objects.filter(
        user_id=user.pk, status__in=[PLACES.placed, PLACES.waiting]
    ).select_related("course")
    for registration in live.order_by("pk"):
        if has_begun(registration.course, now):
            continue
        course = Course.objects.select_for_update().get(pk=registration.course_id)
        PLACES.cancel(
            registration,
            course.registrations.all(),
            capacity=course.capacity,
            also={"cancelled_at": now},
        )
        registration.delete()
    Registration.objects.filter(user_id=user.pk).update(completion_work="")
    SatisfactionAnswer.objects.filter(user_id=user.pk).update(comment="")
