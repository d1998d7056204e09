"""Recording completion (수료): the completion work (수료 과제, e.g. a final paper) a person
submits and staff accept, and staff recording completion for everyone who meets the
course's rule (`completion.meets_completion_rule`)."""

from datetime import datetime
from typing import Any

from django.db import transaction
from django.db.models import Count
from django.utils.translation import gettext as _

from maeul.core import audit
from maeul.core.errors import RuleViolation
from maeul.core.permissions import Action, enforce
from maeul.core.texts import required_text
from maeul.courses.completion import meets_completion_rule
from maeul.courses.models import Attendance, Course, Registration, RegistrationStatus


def submit_completion_work(
    *, user: Any, registration: Registration, title: str, now: datetime
) -> Registration:
    """The title of one's completion work (e.g. the final paper of 자주학습 과정)."""
    if (
        registration.user_id != getattr(user, "pk", None)
        or registration.status != RegistrationStatus.REGISTERED
    ):
        raise RuleViolation(_("You can submit work only for your own course."), code="forbidden")
    if not registration.course.requires_completion_work:
        raise RuleViolation(_("This course has no completion work."), code="no_work")
    title = required_text(
        title, field="title", code="work", missing=_("Enter the title of your work.")
    )
    registration.completion_work = title[:300]
    registration.completion_work_submitted_at = now
    registration.completion_work_accepted_at = None
    registration.save(
        update_fields=[
            "completion_work",
            "completion_work_submitted_at",
            "completion_work_accepted_at",
        ]
    )
    return registration


def accept_completion_work(
    *, registration: Registration, staff: Any, ip: str | None, now: datetime
) -> Registration:
    """Staff accept the submitted completion work."""
    enforce(staff, Action.MANAGE_COURSE, registration, now=now)
    if registration.completion_work_submitted_at is None:
        raise RuleViolation(_("No work has been submitted."), code="no_work")
    with transaction.atomic():
        audit.save_changed(
            registration,
            {"completion_work_accepted_at": now},
            audited=(),
            actor=staff,
            action="courses.work.accept",
            ip=ip,
            now=now,
        )
    return registration


def record_completions(*, course: Course, staff: Any, ip: str | None, now: datetime) -> int:
    """Record completion for each registered person who meets the course's rule and has
    not been recorded yet; returns how many were recorded."""
    enforce(staff, Action.MANAGE_COURSE, course, now=now)
    sessions = course.sessions.count()
    if sessions == 0:
        raise RuleViolation(_("The course has no sessions yet."), code="no_sessions")
    attended = dict(
        Attendance.objects.filter(session__course=course)
        .values("user_id")
        .annotate(n=Count("pk"))
        .values_list("user_id", "n")
    )
    with transaction.atomic():
        pending = course.registrations.select_for_update().filter(
            status=RegistrationStatus.REGISTERED, completed_at=None
        )
        done = [
            registration.pk
            for registration in pending
            if meets_completion_rule(
                course,
                registration,
                attended=attended.get(registration.user_id, 0),
                sessions=sessions,
            )
        ]
        Registration.objects.filter(pk__in=done).update(completed_at=now)
        audit.record(
            actor=staff,
            action="courses.completion.record",
            target=course,
            changes={"completed": [None, len(done)]},
            ip=ip,
            now=now,
        )
    return len(done)
