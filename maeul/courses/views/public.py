"""The public course pages: the list with its filters and figures, a course's page, a
programme's table as XLSX (figures only), and the check of a 수료증 number. Reads only; a
fixed number of queries a page."""

from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from maeul.core.certificates import clean_number, masked_name
from maeul.core.downloads import attachment
from maeul.core.permissions import Action, can
from maeul.core.spreadsheets import XLSX_TYPE
from maeul.courses.completion import completed_courses
from maeul.courses.figures import course_figures, programme_figures
from maeul.courses.listing import filtered_courses
from maeul.courses.models import (
    Course,
    CourseCertificate,
    CourseKind,
    Programme,
    Registration,
    RegistrationStatus,
)
from maeul.courses.services.taking import missing_prerequisite
from maeul.courses.spreadsheet import programme_xlsx
from maeul.places.models import Dong

PER_PAGE = 30


def _without_page(request: HttpRequest) -> str:
    params = request.GET.copy()
    params.pop("page", None)
    return params.urlencode()


def course_list(request: HttpRequest) -> HttpResponse:
    courses, wanted = filtered_courses(request.GET)
    page = Paginator(courses, PER_PAGE).get_page(request.GET.get("page"))
    rows = list(page.object_list)
    figures = course_figures(rows)
    programme = None
    if wanted["programme"]:
        programme = (
            Programme.objects.select_related("district").filter(pk=wanted["programme"]).first()
        )
    used = Course.objects.public()
    context = {
        "page": page,
        "rows": [(course, figures[course.pk]) for course in rows],
        "wanted": wanted,
        "programme_table": programme_figures(programme, programme.courses.public().order_by("pk"))
        if programme is not None
        else None,
        "programmes": [
            (p.pk, str(p))
            for p in Programme.objects.filter(courses__published_at__isnull=False).distinct()
        ],
        "dongs": [
            (d.pk, d.name)
            for d in Dong.objects.filter(pk__in=used.values("dong_id")).order_by("name")
        ],
        "years": sorted(set(used.values_list("programme__year", flat=True)), reverse=True),
        "kinds": CourseKind.choices,
        "query": _without_page(request),
    }
    return render(request, "courses/course_list.html", context)


def course_detail(request: HttpRequest, pk: int) -> HttpResponse:
    course = get_object_or_404(
        Course.objects.public().select_related("programme", "dong", "district"), pk=pk
    )
    now, user = timezone.now(), request.user
    sessions = list(course.sessions.order_by("number"))
    counts = course.registrations.aggregate(
        registered=Count("pk", filter=Q(status=RegistrationStatus.REGISTERED)),
        waiting=Count("pk", filter=Q(status=RegistrationStatus.WAITING)),
    )
    mine = None
    done: set[int] = set()
    if user.is_authenticated:
        mine = (
            Registration.objects.filter(course=course, user=user)
            .exclude(status=RegistrationStatus.CANCELLED)
            .first()
        )
        done = set(completed_courses(user).values_list("pk", flat=True))
    decision = can(user, Action.REGISTER_FOR_COURSE, course, now=now)
    missing = missing_prerequisite(user, course) if user.is_authenticated else None
    context = {
        "course": course,
        "sessions": sessions,
        "figures": course_figures([course])[course.pk],
        "counts": counts,
        "places_left": max(course.capacity - counts["registered"], 0),
        "mine": mine,
        "decision": decision,
        "missing": missing,
        "prerequisites": [(p, p.pk in done) for p in course.prerequisites.order_by("pk")],
        "steps": list(course.steps.select_related("track")),
        "registration_open": course.registration_is_open(now),
    }
    return render(request, "courses/course_detail.html", context)


def figures_xlsx(request: HttpRequest, pk: int) -> HttpResponse:
    """The programme's table of its public courses (figures only, no person)."""
    programme = get_object_or_404(Programme, pk=pk)
    table = programme_figures(programme, programme.courses.public().order_by("pk"))
    return attachment(
        programme_xlsx(table), XLSX_TYPE, f"courses-{programme.year}-{programme.pk}.xlsx"
    )


def certificate_check(request: HttpRequest, number: str = "") -> HttpResponse:
    """Whether a 수료증 number was issued for a completed course: the course, its programme
    and the name shown masked; 404 (the same page, saying so) for a number never issued.
    Without a number, the form to type one (its answer redirects to the number's page)."""
    typed = clean_number(request.GET.get("number", ""))
    if not number and typed:
        return redirect("courses:certificate", number=typed)
    number = clean_number(number)
    certificate = None
    if number:
        certificate = (
            CourseCertificate.objects.select_related(
                "registration__user", "registration__course__programme"
            )
            .filter(number=number)
            .first()
        )
        if certificate is not None and not certificate.registration.is_completed:
            certificate = None  # completion taken back: the number no longer certifies it
    context = {
        "number": number,
        "certificate": certificate,
        "masked_name": masked_name(certificate.registration.user.public_name)
        if certificate
        else "",
    }
    status = 404 if number and certificate is None else 200
    return render(request, "courses/certificate_check.html", context, status=status)
