"""Staged processes: the public list and one process with its ordered stages and decision;
the staff who run it publish the decision from the same page."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from maeul.consultations.forms import PublishedTextForm
from maeul.consultations.models import Process
from maeul.consultations.services import processes
from maeul.core.desk import RowDesk
from maeul.core.permissions import Action, staff_required
from maeul.core.requests import acting


def process_list(request: HttpRequest) -> HttpResponse:
    rows = Process.objects.select_related("district")
    return render(request, "consultations/process_list.html", {"processes": list(rows)})


def _page(
    request: HttpRequest, process: Process, *, status: int = 200, **forms: object
) -> HttpResponse:
    stages = list(process.stages.select_related("forum", "consultation", "vote"))
    context = {
        "process": process,
        "stages": stages,
        "now": timezone.now(),
        "decision_form": PublishedTextForm(initial={"text": process.decision}),
        **forms,
    }
    return render(request, "consultations/process.html", context, status=status)


def process_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _page(request, get_object_or_404(Process.objects.select_related("district"), pk=pk))


# The staff who run a process publish its decision from its public page.
PROCESS_PAGE = RowDesk(
    page=_page, url_name="consultations:process", action=Action.MANAGE_PROCESS, errors_on_form=False
)


@staff_required
@require_POST
def decide(request: HttpRequest, pk: int) -> HttpResponse:
    process, now = get_object_or_404(Process, pk=pk), timezone.now()
    form = PublishedTextForm(request.POST)

    def act() -> str:
        processes.publish_decision(
            process=process, text=form.cleaned_data["text"], **acting(request, now)
        )
        return _("The decision is published.")

    return PROCESS_PAGE.act(request, process, act, now=now, form=form, form_key="decision_form")
