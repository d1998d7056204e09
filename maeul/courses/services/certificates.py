"""The 수료증 of a completed course: issued once per registration (its number kept, so every
download shows the same one), for the person or the staff of the course."""

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Max, Min, Sum

from maeul.core import audit, certificates
from maeul.core.permissions import Action, enforce
from maeul.courses.models import Attendance, Course, CourseCertificate, Registration

PREFIX = "CC"
# The city's programmes (no district) are run by the city's support centre.
CITY_ISSUER = "서울시 마을공동체종합지원센터"


def issue_course_certificate(
    *, user: Any, registration: Registration, now: datetime, ip: str | None = None
) -> CourseCertificate:
    """The certificate of `registration`, issued now the first time it is asked for.

    Refused (`RuleViolation`, code "forbidden") unless `user` is the registration's person or
    staff of its course, and completion is recorded on it. Staff asking for someone else's is
    written to the audit log."""
    enforce(user, Action.GET_COURSE_CERTIFICATE, registration, now=now)
    for _attempt in range(3):
        existing = CourseCertificate.objects.filter(registration=registration).first()
        if existing is not None:
            return existing
        try:
            with transaction.atomic():
                certificate = CourseCertificate.objects.create(
                    number=certificates.new_number(PREFIX, now),
                    registration=registration,
                    issued_at=now,
                )
                if registration.user_id != user.pk:
                    audit.record(
                        actor=user,
                        action="courses.certificate.issue",
                        target=certificate,
                        ip=ip,
                        now=now,
                    )
            return certificate
        except IntegrityError:
            # Two downloads at once (the other one issued it), or a number taken: ask again.
            continue
    return CourseCertificate.objects.get(registration=registration)


@dataclass(frozen=True)
class CertificateFacts:
    """What a 수료증 states about the course and the person's part in it."""

    first_day: datetime | None
    last_day: datetime | None
    hours: Decimal
    sessions: int
    attended: int
    attended_hours: Decimal


def certificate_facts(registration: Registration) -> CertificateFacts:
    course: Course = registration.course
    sessions = course.sessions.aggregate(
        first=Min("starts_at"), last=Max("ends_at"), hours=Sum("hours")
    )
    attended = Attendance.objects.filter(session__course=course, user_id=registration.user_id)
    figures = attended.aggregate(hours=Sum("session__hours"))
    return CertificateFacts(
        first_day=sessions["first"],
        last_day=sessions["last"],
        hours=sessions["hours"] or Decimal(0),
        sessions=course.sessions.count(),
        attended=attended.count(),
        attended_hours=figures["hours"] or Decimal(0),
    )


def issuer_of(course: Course) -> str:
    """Who certifies: the course's operator when it names one, else its district (or the
    city's support centre for a city-wide course)."""
    if course.operator:
        return course.operator
    district = course.district
    if district is None:
        return CITY_ISSUER
    if course.dong is None:
        return f"{district.full_name}청장"
    return f"{district.full_name} {course.dong.name} 주민센터"
