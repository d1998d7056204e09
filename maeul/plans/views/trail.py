"""What both project pages (public and staff) show of the money trail: the table by budget
source as of the day asked (`?as_of=YYYY-MM-DD`), the entries up to that day, the closing
(정산·반납) and the carry-over links."""

from typing import Any

from django.http import HttpRequest
from django.utils import timezone

from maeul.plans.funding import parse_as_of, source_figures, totals
from maeul.plans.models import Project


def money_trail(request: HttpRequest, project: Project) -> dict[str, Any]:
    """The template context of `plans/partials/by_source.html` and the entries list."""
    as_of, as_of_error = parse_as_of(request.GET.get("as_of"), today=timezone.localdate())
    figures = source_figures(project, as_of=as_of)
    entries = project.spending.order_by("spent_on", "pk")
    if as_of is not None:
        entries = entries.filter(spent_on__lte=as_of)
    return {
        "as_of": as_of,
        "as_of_error": as_of_error,
        "figures": figures,
        "totals": totals(figures),
        "entries_as_of": entries,
        "closing_lines": list(project.closing_lines.all()) if project.closed_at else [],
        "carried_to": Project.objects.filter(carried_from=project).first(),
    }
