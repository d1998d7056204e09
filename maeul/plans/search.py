"""Projects (실행사업) in the site search: those of submitted and approved plans."""

from typing import Any

from django.utils.translation import gettext_lazy as _

from maeul.core.dates import at_seoul
from maeul.plans.models import AutonomyPlan, Project
from maeul.search.sources import Entry, Source, register


def _entry(project: Project) -> Entry:
    return Entry.of(
        project,
        project.description,
        project.outcome,
        project.get_programme_display(),
        when=at_seoul(project.starts_on),
        year=project.year,
    )


def _projects_of(plan: AutonomyPlan) -> Any:
    # A plan's status decides whether its projects are public.
    return Project.objects.filter(plan=plan).values_list("pk", flat=True)


register(
    Source(
        kind="project",
        label=_("Projects"),
        model=Project,
        public=Project.objects.public,
        entry=_entry,
        related={AutonomyPlan: _projects_of},
        order=20,
    )
)
