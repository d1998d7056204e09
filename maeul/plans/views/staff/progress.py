"""A project's progress updates: publishing one (with a described photo) and removing one."""

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from maeul.core.desk import served_row
from maeul.core.desk_steps import desk_step
from maeul.core.permissions import Action, staff_required
from maeul.plans.forms import ProgressUpdateForm
from maeul.plans.models import ProgressUpdate
from maeul.plans.services import progress
from maeul.plans.views.staff.projects import PROJECT_DESK, staff_project


@staff_required
@require_POST
def add_update(request: HttpRequest, pk: int) -> HttpResponse:
    project = staff_project(request, pk)
    return desk_step(
        request,
        PROJECT_DESK,
        project,
        progress.add_progress_update,
        _("The progress update was published."),
        form=ProgressUpdateForm(request.POST, request.FILES),
        form_key="update_form",
        action=Action.RECORD_SPENDING,
        project=project,
    )


@staff_required
@require_POST
def delete_update(request: HttpRequest, pk: int) -> HttpResponse:
    update = served_row(
        request, ProgressUpdate.objects.select_related("project__plan__council"), pk
    )
    return desk_step(
        request,
        PROJECT_DESK,
        update.project,
        progress.delete_progress_update,
        _("The progress update was removed."),
        action=Action.RECORD_SPENDING,
        update=update,
    )
