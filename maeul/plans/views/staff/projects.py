"""A project's desk: its budget and execution, payments, progress, status and outcome.

The desk is rendered again, with the refusal or the form's errors, by every action of the
project (`PROJECT_DESK`), whichever module handles it.
"""

from datetime import date, datetime
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from maeul.core.desk import RowDesk, served_row
from maeul.core.desk_steps import desk_step
from maeul.core.permissions import Action, can, staff_required
from maeul.core.requests import acting
from maeul.plans.forms import (
    BudgetSplitForm,
    DeleteSpendingForm,
    OutcomeForm,
    ProgressUpdateForm,
    SpendingForm,
    StatusForm,
)
from maeul.plans.funding import budget_by_source
from maeul.plans.models import Project
from maeul.plans.services import projects
from maeul.plans.views.trail import money_trail


def staff_project(request: HttpRequest, pk: int) -> Project:
    """A project the staff member serves, or 404."""
    rows = Project.objects.select_related(
        "plan__council", "district", "dong", "section", "origin_vote", "origin_option"
    )
    return served_row(request, rows, pk)


def may_confirm(user: Any, project: Project, now: datetime) -> bool:
    """Whether `user` may let `project` go over its budget (the form then asks for it)."""
    return bool(can(user, Action.CONFIRM_OVER_BUDGET, project, now=now))


def _default_day(project: Project, today: date) -> date:
    """Today, or the last day of the project's fiscal year once it is over."""
    return today if today.year <= project.year else date(project.year, 12, 31)


def _render_project(
    request: HttpRequest, project: Project, *, status: int = 200, **forms: Any
) -> HttpResponse:
    now = timezone.now()
    user = request.user
    trail = money_trail(request, project)
    manage = can(user, Action.MANAGE_PLAN, project, now=now)
    sources = [row.source for row in trail["figures"] if row.budget > 0]
    context = {
        **trail,
        "split_form": forms.get("split_form")
        or BudgetSplitForm(
            initial={f"source_{s}": a for s, a in budget_by_source(project).items()}
        ),
        "may_split": bool(manage) and project.plan.is_draft and project.carried_from_id is None,
        "project": project,
        "plan": project.plan,
        "council": project.plan.council,
        "record": can(user, Action.RECORD_SPENDING, project, now=now),
        "left": project.budget - project.spent,
        "manage": manage,
        "may_confirm": may_confirm(user, project, now),
        "entries": list(trail["entries_as_of"].select_related("entered_by", "confirmed_by")),
        "updates": list(project.updates.order_by("-created_at", "-pk")),
        "spending_form": forms.get("spending_form")
        or SpendingForm(
            may_confirm=may_confirm(user, project, now),
            sources=sources,
            initial={"spent_on": _default_day(project, timezone.localdate(now))},
        ),
        "update_form": forms.get("update_form") or ProgressUpdateForm(),
        "status_form": forms.get("status_form") or StatusForm(initial={"status": project.status}),
        "outcome_form": forms.get("outcome_form")
        or OutcomeForm(initial={"outcome": project.outcome}),
        "delete_form": DeleteSpendingForm(),
    }
    return render(request, "plans/staff/project.html", context, status=status)


@staff_required
def project_desk(request: HttpRequest, pk: int) -> HttpResponse:
    return _render_project(request, staff_project(request, pk))


# Each action of a project's desk, whichever module handles it; MANAGE_PLAN unless it names
# another (RECORD_SPENDING for payments and progress).
PROJECT_DESK = RowDesk(
    page=_render_project, url_name="plans:staff_project", action=Action.MANAGE_PLAN
)


@staff_required
@require_POST
def change_status(request: HttpRequest, pk: int) -> HttpResponse:
    project, now = staff_project(request, pk), timezone.now()
    form = StatusForm(request.POST)

    def act() -> str:
        projects.change_project_status(
            project=project,
            status=form.cleaned_data["status"],
            **acting(request, now),
        )
        return _("The project is now “%(status)s”.") % {"status": project.get_status_display()}

    return PROJECT_DESK.act(request, project, act, form=form, form_key="status_form")


@staff_required
@require_POST
def write_outcome(request: HttpRequest, pk: int) -> HttpResponse:
    project = staff_project(request, pk)
    return desk_step(
        request,
        PROJECT_DESK,
        project,
        projects.write_outcome,
        _("The outcome was saved; it is shown at the results sharing."),
        form=OutcomeForm(request.POST),
        form_key="outcome_form",
        project=project,
    )
