"""Course data for 내 정보 내려받기 (`privacy.export`): a person's registrations (with their
completion and the 수료증 number), the sessions they attended and their own satisfaction
answers (staff see only the means; the person sees what they wrote). Every query filters
on the one person."""

from typing import Any

from django.utils.translation import gettext as _

from maeul.courses.models import Attendance, CourseCertificate, Registration, SatisfactionAnswer

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
