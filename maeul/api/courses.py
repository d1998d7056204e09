"""Courses (교육) in the API: each public course with its figures as the seeds report them.

`sessions` = 건수(회), `hours` = 시수(시간), `participants` = 실인원 (people, each counted
once), `attendances` = 연인원 (attendances), `satisfaction` = 만족도 (the mean 1-5 answer,
one decimal, or null). They come from `maeul.courses.figures`, the same function as the
pages and the XLSX: counted from the rows for a live course, as reported for a course of
an earlier year (`recorded: true`). Public, read-only; no person is ever part of it.
"""

from datetime import datetime

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema

from maeul.api.common import CodeName, Label, Page, PageQuery, errors, in_seoul, paginate
from maeul.core.dates import SEOUL
from maeul.core.errors import RuleViolation
from maeul.courses.figures import Figures, course_figures
from maeul.courses.listing import filtered_courses
from maeul.courses.models import Audience, Course, CourseKind

router = Router(tags=["courses"])


class CourseQuery(PageQuery):
    """List filters: `programme` and `dong` (ids), `year`, `kind` (a course kind code)."""

    programme: str | None = None
    dong: str | None = None
    year: str | None = None
    kind: str | None = None

    def checked(self) -> dict[str, str]:
        """The filters, or RuleViolation (a 400) for a value that is not understood."""
        given = self.filters()
        for name in ("programme", "dong", "year"):
            value = given.get(name)
            if value is not None and not (value.isdigit() and len(value) < 10):
                raise RuleViolation(
                    _("The filter “%(name)s” must be a whole number.") % {"name": name},
                    code="bad_filter",
                )
        if given.get("kind") is not None and given["kind"] not in CourseKind.values:
            raise RuleViolation(
                _("Unknown course kind. Use one of: %(kinds)s.")
                % {"kinds": ", ".join(CourseKind.values)},
                code="bad_filter",
            )
        return given


class ProgrammeRef(Schema):
    id: int
    title: str
    year: int


class CourseItem(Schema):
    id: int
    title: str
    kind: Label
    audience: Label
    programme: ProgrammeRef
    district: CodeName | None
    dong: CodeName | None
    operator: str
    capacity: int
    sessions: int
    hours: float
    participants: int
    attendances: int
    satisfaction: float | None
    recorded: bool
    url: str


class CoursePage(Page[CourseItem]):
    pass


class SessionOut(Schema):
    number: int
    topic: str
    starts_at: datetime
    ends_at: datetime
    hours: float


class CourseDetail(CourseItem):
    description: str
    place: str
    registration_opens_at: datetime | None
    registration_closes_at: datetime | None
    session_list: list[SessionOut]


def _item(course: Course, figures: Figures) -> CourseItem:
    return CourseItem(
        id=course.pk,
        title=course.title,
        kind=Label.of(CourseKind, course.kind),
        audience=Label.of(Audience, course.audience),
        programme=ProgrammeRef(
            id=course.programme_id, title=course.programme.title, year=course.programme.year
        ),
        district=CodeName.of(course.district),
        dong=CodeName.of(course.dong),
        operator=course.operator,
        capacity=course.capacity,
        sessions=figures.sessions,
        hours=float(figures.hours),
        participants=figures.participants,
        attendances=figures.attendances,
        satisfaction=float(figures.satisfaction) if figures.satisfaction is not None else None,
        recorded=course.has_recorded_figures,
        url=reverse("courses:course", args=[course.pk]),
    )


@router.get(
    "/courses",
    response={200: CoursePage, **errors(400)},
    summary="List courses with their figures",
)
def list_courses(request: HttpRequest, query: Query[CourseQuery]) -> CoursePage:
    """Filters: `programme`, `dong` (ids), `year` (the programme's year), `kind`
    (self_governance_school, village_education, activist_college, practitioner_training,
    volunteer_basic, volunteer_specialised, other); a filter that is not understood is a
    400 with the reason. Page-numbered, at most 100 a page, newest programme first."""
    courses, _wanted = filtered_courses(query.checked())
    page = paginate(request, courses, query, lambda course: course)
    figures = course_figures(page["items"])
    page["items"] = [_item(course, figures[course.pk]) for course in page["items"]]
    return CoursePage(**page)


@router.get(
    "/courses/{int:course_id}",
    response={200: CourseDetail, **errors(404)},
    summary="Read a course",
)
def get_course(request: HttpRequest, course_id: int) -> CourseDetail:
    """One course with its figures and its sessions (일시 and 시수)."""
    course = get_object_or_404(
        Course.objects.public().select_related("programme", "district", "dong"), pk=course_id
    )
    figures = course_figures([course])[course.pk]
    return CourseDetail(
        **_item(course, figures).model_dump(),
        description=course.description,
        place=course.place,
        registration_opens_at=in_seoul(course.registration_opens_at),
        registration_closes_at=in_seoul(course.registration_closes_at),
        session_list=[
            SessionOut(
                number=s.number,
                topic=s.topic,
                starts_at=s.starts_at.astimezone(SEOUL),
                ends_at=s.ends_at.astimezone(SEOUL),
                hours=float(s.hours),
            )
            for s in course.sessions.order_by("number")
        ],
    )
