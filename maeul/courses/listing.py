"""The public course list's filters, shared by the list page and the API."""

from typing import Any

from maeul.courses.models import Course, CourseKind, CourseQuerySet


def _number(raw: str | None) -> int | None:
    return int(raw) if raw and raw.isdigit() and len(raw) < 10 else None


def filtered_courses(params: Any) -> tuple[CourseQuerySet, dict[str, Any]]:
    """The public courses the filters (`programme`, `dong`, `year`, `kind`) choose, and the
    filters as understood (unknown values are ignored)."""
    wanted = {
        "programme": _number(params.get("programme")),
        "dong": _number(params.get("dong")),
        "year": _number(params.get("year")),
        "kind": params.get("kind") if params.get("kind") in CourseKind.values else None,
    }
    courses = Course.objects.public().select_related("programme", "dong", "district")
    if wanted["programme"]:
        courses = courses.filter(programme_id=wanted["programme"])
    if wanted["dong"]:
        courses = courses.filter(dong_id=wanted["dong"])
    if wanted["year"]:
        courses = courses.filter(programme__year=wanted["year"])
    if wanted["kind"]:
        courses = courses.filter(kind=wanted["kind"])
    return courses.order_by("-programme__year", "programme_id", "pk"), wanted
