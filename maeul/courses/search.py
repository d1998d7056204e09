"""Courses in the site search: the published ones (`Course.objects.public()`)."""

from django.utils.translation import gettext_lazy as _

from maeul.courses.models import Course, Programme
from maeul.search.sources import Entry, Source, register


def _entry(course: Course) -> Entry:
    programme = course.programme
    return Entry.of(
        course,
        course.description,
        programme.title,
        course.operator,
        course.place,
        when=course.published_at,
        year=programme.year,
    )


register(
    Source(
        kind="course",
        label=_("Courses"),
        model=Course,
        public=Course.objects.public,
        entry=_entry,
        related={Programme: lambda programme: programme.courses.values_list("pk", flat=True)},
        order=95,
    )
)
