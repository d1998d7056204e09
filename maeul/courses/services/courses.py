"""Staff set a course up: the course in a programme, then its sessions (차시, 시수)."""

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from maeul.core import audit
from maeul.core.errors import RuleViolation, refuse_duplicate
from maeul.core.permissions import Action, enforce
from maeul.core.privacy import refuse_resident_number
from maeul.courses.models import Audience, Course, CourseKind, Programme, Session, SurveyAt
from maeul.places.models import Dong


@dataclass
class CourseSpec:
    kind: str
    title: str
    audience: str
    capacity: int
    registration_opens_at: datetime
    registration_closes_at: datetime
    description: str = ""
    operator: str = ""
    place: str = ""
    waiting_list_size: int = 0
    min_attendance_percent: int = 80
    requires_completion_work: bool = False
    survey_at: str = SurveyAt.LAST_SESSION
    dong: Dong | None = None
    prerequisites: tuple[Course, ...] = ()


def create_course(
    *,
    spec: CourseSpec,
    programme: Programme,
    staff: Any,
    ip: str | None,
    now: datetime,
    publish: bool = True,
) -> Course:
    """A course of `programme` (of its district, or of one of its dongs)."""
    enforce(staff, Action.MANAGE_COURSE, spec.dong or programme, now=now)
    refuse_resident_number(
        title=spec.title, description=spec.description, operator=spec.operator, place=spec.place
    )
    if spec.dong is not None and spec.dong.district_id != programme.district_id:
        raise RuleViolation(_("The dong is not in the programme's district."), field="dong")
    for field, missing in (
        ("kind", spec.kind not in CourseKind.values),
        ("audience", spec.audience not in Audience.values),
        ("title", not spec.title.strip()),
    ):
        if missing:
            raise RuleViolation(
                _("Enter the kind, the audience and the title."), code="course", field=field
            )
    if spec.capacity < 1:
        raise RuleViolation(
            _("The capacity must be at least 1."), code="capacity", field="capacity"
        )
    if spec.registration_closes_at <= spec.registration_opens_at:
        raise RuleViolation(
            _("Registration must close after it opens."),
            code="period",
            field="registration_closes_at",
        )
    if not 0 <= spec.min_attendance_percent <= 100:
        raise RuleViolation(
            _("The attendance needed must be between 0 and 100 %."),
            code="course",
            field="min_attendance_percent",
        )
    with transaction.atomic():
        course = Course.objects.create(
            programme=programme,
            district_id=programme.district_id,
            dong=spec.dong,
            kind=spec.kind,
            title=spec.title.strip(),
            description=spec.description.strip(),
            audience=spec.audience,
            operator=spec.operator.strip(),
            place=spec.place.strip(),
            capacity=spec.capacity,
            waiting_list_size=spec.waiting_list_size,
            registration_opens_at=spec.registration_opens_at,
            registration_closes_at=spec.registration_closes_at,
            min_attendance_percent=spec.min_attendance_percent,
            requires_completion_work=spec.requires_completion_work,
            survey_at=spec.survey_at,
            published_at=now if publish else None,
            created_by=staff,
            created_at=now,
        )
        course.prerequisites.set(spec.prerequisites)
        audit.record(actor=staff, action="courses.course.create", target=course, ip=ip, now=now)
    return course


def parse_hours(raw: str | Decimal) -> Decimal:
    """시수 as a positive number of hours in half hours (e.g. "2.5"); RuleViolation if not."""
    try:
        hours = Decimal(str(raw).strip())
    except InvalidOperation:
        hours = Decimal(0)
    if not hours.is_finite() or hours <= 0 or hours > 24 or (hours * 2) % 1 != 0:
        raise RuleViolation(
            _("Enter the hours as a number of half hours, e.g. 2.5."), code="hours", field="hours"
        )
    return hours


def add_session(
    *,
    course: Course,
    starts_at: datetime,
    ends_at: datetime,
    hours: str | Decimal,
    topic: str = "",
    staff: Any,
    ip: str | None,
    now: datetime,
) -> Session:
    """The course's next session (numbered after the last one)."""
    enforce(staff, Action.MANAGE_COURSE, course, now=now)
    value = parse_hours(hours)
    if ends_at <= starts_at:
        raise RuleViolation(
            _("The session must end after it starts."), code="period", field="ends_at"
        )
    refuse_resident_number(topic=topic)
    with refuse_duplicate(
        _("Another session was added at the same time. Try again."), code="session"
    ):
        Course.objects.select_for_update().get(pk=course.pk)
        last = course.sessions.aggregate(last=Max("number"))["last"] or 0
        session = Session.objects.create(
            course=course,
            number=last + 1,
            topic=topic.strip()[:200],
            starts_at=starts_at,
            ends_at=ends_at,
            hours=value,
        )
        audit.record(
            actor=staff,
            action="courses.session.add",
            target=session,
            changes={"hours": [None, str(value)]},
            ip=ip,
            now=now,
        )
    return session
