"""A resident's side: register for a course (or its waiting list), cancel, see their
courses with the sessions attended, rate the course at its last session, submit the
completion work, download the 수료증 of a completed course."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from maeul.core.desk import PageDesk, button_action
from maeul.core.downloads import attachment
from maeul.core.errors import RuleViolation
from maeul.core.pdf import PDF_TYPE
from maeul.core.permissions import ALLOW, Action, can
from maeul.courses.certificate_pdf import certificate_pdf
from maeul.courses.forms import RatingForm, WorkForm
from maeul.courses.models import (
    Attendance,
    Course,
    Registration,
    RegistrationStatus,
    SatisfactionAnswer,
    Session,
    SurveyAt,
)
from maeul.courses.services import certificates, completion, taking


def _surveyed(course: Course, sessions: list[Session]) -> list[Session]:
    if course.survey_at == SurveyAt.NONE or not sessions:
        return []
    return sessions[-1:] if course.survey_at == SurveyAt.LAST_SESSION else sessions


def _render_mine(request: HttpRequest, *, status: int = 200, **forms: Any) -> HttpResponse:
    now, user = timezone.now(), request.user
    registrations = list(
        Registration.objects.filter(user_id=int(user.pk or 0))
        .exclude(status=RegistrationStatus.CANCELLED)
        .select_related("course__programme", "certificate")
        .annotate(sessions=Count("course__sessions", distinct=True))
        .order_by("-created_at")
    )
    courses = [r.course_id for r in registrations]
    sessions: dict[int, list[Session]] = {}
    for session in Session.objects.filter(course_id__in=courses).order_by("number"):
        sessions.setdefault(session.course_id, []).append(session)
    attended = set(
        Attendance.objects.filter(
            user_id=int(user.pk or 0), session__course_id__in=courses
        ).values_list("session_id", flat=True)
    )
    rated = dict(
        SatisfactionAnswer.objects.filter(
            user_id=int(user.pk or 0), session__course_id__in=courses
        ).values_list("session_id", "score")
    )
    rows = []
    for registration in registrations:
        course_sessions = sessions.get(registration.course_id, [])
        to_rate = [
            s
            for s in _surveyed(registration.course, course_sessions)
            if s.pk in attended and s.pk not in rated and s.starts_at <= now
        ]
        rows.append(
            {
                "registration": registration,
                "sessions": course_sessions,
                "attended": sum(1 for s in course_sessions if s.pk in attended),
                "attended_ids": attended,
                "to_rate": to_rate,
                "rated": [(s, rated[s.pk]) for s in course_sessions if s.pk in rated],
                "may_cancel": not taking.has_begun(registration.course, now),
            }
        )
    context = {
        "rows": rows,
        "rating_form": forms.get("rating_form") or RatingForm(),
        "work_form": forms.get("work_form") or WorkForm(),
    }
    return render(request, "courses/my_courses.html", context, status=status)


MY_COURSES = PageDesk(page=_render_mine, url_name="courses:mine", errors_on_form=False)


@login_required
def my_courses(request: HttpRequest) -> HttpResponse:
    return _render_mine(request)


@login_required
@require_POST
def register(request: HttpRequest, pk: int) -> HttpResponse:
    course = get_object_or_404(Course.objects.public(), pk=pk)
    now = timezone.now()

    def act() -> str:
        registration = taking.register_for_course(user=request.user, course=course, now=now)
        if registration.status == RegistrationStatus.WAITING:
            return _("The course is full: you are on its waiting list.")
        return _("You are registered for the course.")

    return button_action(request, act, course)


def _own(request: HttpRequest, pk: int) -> Registration:
    return get_object_or_404(
        Registration.objects.select_related("course"), pk=pk, user_id=request.user.pk
    )


@login_required
@require_POST
def cancel(request: HttpRequest, pk: int) -> HttpResponse:
    registration, now = _own(request, pk), timezone.now()

    def act() -> str:
        taking.cancel_course_registration(user=request.user, registration=registration, now=now)
        return _("Your registration was cancelled.")

    return button_action(request, act, reverse("courses:mine"))


@login_required
@require_POST
def rate(request: HttpRequest, pk: int) -> HttpResponse:
    session = get_object_or_404(Session.objects.select_related("course"), pk=pk)
    now = timezone.now()
    form = RatingForm(request.POST)

    def act() -> str:
        data = form.cleaned_data
        taking.rate_session(
            user=request.user,
            session=session,
            score=data["score"],
            comment=data["comment"],
            now=now,
        )
        return _("Thank you for rating the course.")

    decision = can(request.user, Action.RATE_COURSE, session, now=now)
    return MY_COURSES.act(request, act, decision=decision, form=form, form_key="rating_form")


@login_required
@require_POST
def submit_work(request: HttpRequest, pk: int) -> HttpResponse:
    registration, now = _own(request, pk), timezone.now()
    form = WorkForm(request.POST)

    def act() -> str:
        completion.submit_completion_work(
            user=request.user, registration=registration, title=form.cleaned_data["title"], now=now
        )
        return _("Your completion work was submitted.")

    return MY_COURSES.act(request, act, decision=ALLOW, form=form, form_key="work_form")


@login_required
@require_POST
def certificate(request: HttpRequest, pk: int) -> HttpResponse:
    """The 수료증 of one's completed course as a PDF; "my courses" again with the reason
    (403) when completion is not recorded."""
    registration, now = _own(request, pk), timezone.now()
    try:
        issued = certificates.issue_course_certificate(
            user=request.user, registration=registration, now=now
        )
    except RuleViolation as refusal:
        messages.error(request, refusal.message)
        return _render_mine(request, status=403)
    return attachment(certificate_pdf(issued), PDF_TYPE, f"certificate-{issued.number}.pdf")
