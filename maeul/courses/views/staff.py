"""The staff desk of a course: its sessions (adding one), the roster with the waiting
list, attendance taken per session, completion work and completion, a participant's 수료증, and the figures.

Every action re-renders the desk through `core.desk.RowDesk` (`COURSE_DESK`)."""

from typing import Any

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from maeul.core.desk import RowDesk, served_row
from maeul.core.downloads import attachment
from maeul.core.errors import RuleViolation
from maeul.core.pdf import PDF_TYPE
from maeul.core.permissions import Action, can, scope_of, staff_required
from maeul.core.requests import acting, client_ip
from maeul.courses.certificate_pdf import certificate_pdf
from maeul.courses.completion import meets_completion_rule
from maeul.courses.figures import course_figures
from maeul.courses.forms import AttendanceForm, SessionForm
from maeul.courses.models import Attendance, Course, Registration, RegistrationStatus, Session
from maeul.courses.services import certificates, completion, courses, taking


def staff_course(request: HttpRequest, pk: int) -> Course:
    """A course the staff member serves, or 404."""
    return served_row(request, Course.objects.select_related("programme", "dong", "district"), pk)


@staff_required
def course_list(request: HttpRequest) -> HttpResponse:
    rows = scope_of(request.user).rows(Course.objects.select_related("programme", "dong"))
    page = Paginator(rows.order_by("-programme__year", "-pk"), 50).get_page(request.GET.get("page"))
    figures = course_figures(list(page.object_list))
    context = {"page": page, "rows": [(c, figures[c.pk]) for c in page.object_list]}
    return render(request, "courses/staff/course_list.html", context)


def attendance_form(
    session: Session, people: list[tuple[int, str]], recorded: set[int], data: Any = None
) -> AttendanceForm:
    """The form of one session: the registered people not recorded at it yet."""
    left = [(pk, name) for pk, name in people if pk not in recorded]
    return AttendanceForm(data, people=left, prefix=f"s{session.pk}")


def _render_desk(
    request: HttpRequest, course: Course, *, status: int = 200, **forms: Any
) -> HttpResponse:
    now, user = timezone.now(), request.user
    sessions = list(course.sessions.annotate(present=Count("attendances")).order_by("number"))
    registrations = list(
        course.registrations.exclude(status=RegistrationStatus.CANCELLED)
        .select_related("user")
        .order_by("created_at", "pk")
    )
    attended: dict[int, set[int]] = {}
    for session_id, user_id in Attendance.objects.filter(session__course=course).values_list(
        "session_id", "user_id"
    ):
        attended.setdefault(session_id, set()).add(user_id)
    per_person: dict[int, int] = {}
    for present in attended.values():
        for pk in present:
            per_person[pk] = per_person.get(pk, 0) + 1
    seated = [r for r in registrations if r.status == RegistrationStatus.REGISTERED]
    people = [(r.user_id, r.user.display_name or str(r.user_id)) for r in seated]
    posted = forms.get("attendance_form")
    context = {
        "course": course,
        "manage": can(user, Action.MANAGE_COURSE, course, now=now),
        "sessions": [
            (
                session,
                posted
                if posted is not None and posted.prefix == f"s{session.pk}"
                else attendance_form(session, people, attended.get(session.pk, set())),
                can(user, Action.RECORD_ATTENDANCE, session, now=now),
            )
            for session in sessions
        ],
        "roster": [
            {
                "registration": r,
                "attended": per_person.get(r.user_id, 0),
                "meets": meets_completion_rule(
                    course, r, attended=per_person.get(r.user_id, 0), sessions=len(sessions)
                ),
            }
            for r in seated
        ],
        "waiting": [r for r in registrations if r.status == RegistrationStatus.WAITING],
        "figures": course_figures([course])[course.pk],
        "session_form": forms.get("session_form") or SessionForm(),
    }
    return render(request, "courses/staff/desk.html", context, status=status)


@staff_required
def course_desk(request: HttpRequest, pk: int) -> HttpResponse:
    return _render_desk(request, staff_course(request, pk))


COURSE_DESK = RowDesk(page=_render_desk, url_name="courses:staff_desk", action=Action.MANAGE_COURSE)


@staff_required
@require_POST
def add_session(request: HttpRequest, pk: int) -> HttpResponse:
    course, now = staff_course(request, pk), timezone.now()
    form = SessionForm(request.POST)

    def act() -> str:
        data = form.cleaned_data
        session = courses.add_session(
            course=course,
            starts_at=data["starts_at"],
            ends_at=data["ends_at"],
            hours=data["hours"],
            topic=data["topic"],
            **acting(request, now),
        )
        return _("Session %(number)s was added.") % {"number": session.number}

    return COURSE_DESK.act(request, course, act, now=now, form=form, form_key="session_form")


@staff_required
@require_POST
def attendance(request: HttpRequest, pk: int) -> HttpResponse:
    sessions = Session.objects.filter(course__in=scope_of(request.user).rows(Course.objects.all()))
    session = get_object_or_404(sessions.select_related("course"), pk=pk)
    course, now = session.course, timezone.now()
    people = [
        (r.user_id, r.user.display_name or str(r.user_id))
        for r in course.registrations.filter(status=RegistrationStatus.REGISTERED).select_related(
            "user"
        )
    ]
    # The form offers every registered person: the service, not the form, refuses a second
    # recording, so the refusal reads the same from the page and the API.
    form = AttendanceForm(request.POST, people=people, prefix=f"s{session.pk}")

    def act() -> str:
        count = taking.record_attendance(
            session=session, present=form.cleaned_data["present"], **acting(request, now)
        )
        return _("Attendance of %(count)s people was recorded.") % {"count": count}

    return COURSE_DESK.act(
        request,
        course,
        act,
        action=Action.RECORD_ATTENDANCE,
        target=session,
        now=now,
        form=form,
        form_key="attendance_form",
    )


@staff_required
@require_POST
def complete(request: HttpRequest, pk: int) -> HttpResponse:
    course, now = staff_course(request, pk), timezone.now()

    def act() -> str:
        count = completion.record_completions(course=course, **acting(request, now))
        return _("Completion was recorded for %(count)s people.") % {"count": count}

    return COURSE_DESK.act(request, course, act, now=now)


@staff_required
@require_POST
def accept_work(request: HttpRequest, pk: int) -> HttpResponse:
    registration = served_row(request, Registration.objects.select_related("course"), pk)
    course, now = registration.course, timezone.now()

    def act() -> str:
        completion.accept_completion_work(registration=registration, **acting(request, now))
        return _("The completion work was accepted.")

    return COURSE_DESK.act(request, course, act, now=now)


@staff_required
@require_POST
def certificate(request: HttpRequest, pk: int) -> HttpResponse:
    """A participant's 수료증 (PDF) from the desk; the desk again with the reason (403) when
    completion is not recorded."""
    registration = served_row(request, Registration.objects.select_related("course", "user"), pk)
    now = timezone.now()
    try:
        issued = certificates.issue_course_certificate(
            user=request.user, registration=registration, now=now, ip=client_ip(request)
        )
    except RuleViolation as refusal:
        messages.error(request, refusal.message)
        return _render_desk(request, staff_course(request, registration.course_id), status=403)
    return attachment(certificate_pdf(issued), PDF_TYPE, f"certificate-{issued.number}.pdf")
