"""A council's plan of a year: the list of plans, starting one, its desk, its projects
(typed in or from the assembly's passed items), and its steps (submit, approve, return)."""

from functools import partial
from typing import Any

from django.db.models import Count, Sum
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_POST

from maeul.core.desk import RowDesk, desk_action, served_row
from maeul.core.permissions import Action, can, scope_of, staff_required
from maeul.core.requests import acting
from maeul.councils.models import AgendaItem, AgendaStatus, Council
from maeul.plans.accountability import AccountabilityFilter, project_rows, summarise
from maeul.plans.forms import FromAgendaForm, PlanForm, ProjectForm, ReviewForm
from maeul.plans.models import AutonomyPlan
from maeul.plans.services import planning
from maeul.plans.services.projects import add_project as add_project_service


def _plan(request: HttpRequest, pk: int) -> AutonomyPlan:
    plans = AutonomyPlan.objects.select_related("council__district", "council__dong")
    return served_row(request, plans, pk)


# --- The list, and starting a plan -----------------------------------------------------
def _render_list(request: HttpRequest, *, status: int = 200, form: Any = None) -> HttpResponse:
    now = timezone.now()
    plans = (
        scope_of(request.user)
        .rows(AutonomyPlan.objects.all())
        .select_related("council")
        .annotate(project_count=Count("projects"), budget=Sum("projects__budget"))
        .order_by("-year", "council__district__code", "council__kind", "council__dong__code")
    )
    if form is None:
        councils = scope_of(request.user).rows(Council.objects.all())
        form = PlanForm(
            councils=councils.order_by("district__code", "kind", "dong__code"),
            year=timezone.localdate(now).year + 1,
            initial={"council": request.GET.get("council")},
        )
    context = {"plans": plans, "form": form}
    return render(request, "plans/staff/plan_list.html", context, status=status)


@staff_required
def plan_list(request: HttpRequest) -> HttpResponse:
    """The plans of the councils the staff member serves, and a form to start one."""
    return _render_list(request)


@staff_required
@require_POST
def plan_create(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    form = PlanForm(request.POST, councils=scope_of(request.user).rows(Council.objects.all()))

    def act() -> tuple[str, str]:
        plan = planning.create_plan(**form.cleaned_data, **acting(request, now))
        done = reverse("plans:staff_plan", kwargs={"pk": plan.pk})
        return _("The plan was started. Add its projects."), done

    return desk_action(
        request,
        # Any staff member may try; the service asks whether they may plan for the council.
        decision=can(request.user, Action.VIEW_STAFF_PAGES, now=now),
        act=act,
        render=partial(_render_list, request),
        done_url=reverse("plans:staff_plans"),
        form=form,
        form_key="form",
        errors_on_form=True,
    )


# --- A plan's desk ---------------------------------------------------------------------
def _render_plan(
    request: HttpRequest, plan: AutonomyPlan, *, status: int = 200, **forms: Any
) -> HttpResponse:
    now = timezone.now()
    council = plan.council
    waiting = AgendaItem.objects.filter(
        council=council, year=plan.year, status=AgendaStatus.PASSED, project__isnull=True
    ).order_by("title")
    context = {
        "plan": plan,
        "council": council,
        "now": now,
        "table": summarise(
            project_rows(plan.projects.all()),
            AccountabilityFilter(council=plan.council_id, year=plan.year),
        ),
        "waiting": list(waiting),
        "project_form": forms.get("project_form") or ProjectForm(council=council),
        "agenda_form": forms.get("agenda_form") or FromAgendaForm(),
        "review_form": forms.get("review_form") or ReviewForm(),
        "history": planning.plan_history(plan),
    }
    return render(request, "plans/staff/plan.html", context, status=status)


@staff_required
def plan_desk(request: HttpRequest, pk: int) -> HttpResponse:
    return _render_plan(request, _plan(request, pk))


# Each action of a plan's desk; a step asks its own action (the one its service checks).
PLAN_DESK = RowDesk(page=_render_plan, url_name="plans:staff_plan", action=Action.MANAGE_PLAN)


@staff_required
@require_POST
def add_project(request: HttpRequest, pk: int) -> HttpResponse:
    plan = _plan(request, pk)
    form = ProjectForm(request.POST, council=plan.council)

    def act() -> str:
        project = add_project_service(
            plan=plan, **form.cleaned_data, **acting(request, timezone.now())
        )
        return _("The project “%(title)s” was added.") % {"title": project.title}

    return PLAN_DESK.act(request, plan, act, form=form, form_key="project_form")


@staff_required
@require_POST
def from_agenda(request: HttpRequest, pk: int) -> HttpResponse:
    plan = _plan(request, pk)
    form = FromAgendaForm(request.POST)

    def act() -> str:
        report = planning.plan_from_agenda(
            council=plan.council,
            year=plan.year,
            **form.cleaned_data,
            **acting(request, timezone.now()),
        )
        if not report.created:
            return _("No passed agenda item was waiting: nothing was added.")
        count = len(report.created)
        return ngettext(
            "%(count)d passed agenda item became a project of the plan.",
            "%(count)d passed agenda items became projects of the plan.",
            count,
        ) % {"count": count}

    return PLAN_DESK.act(request, plan, act, form=form, form_key="agenda_form")


# --- Its steps -------------------------------------------------------------------------
STEPS = {
    "submit": (
        planning.SUBMIT,
        gettext_lazy("The plan was submitted. Its projects are now public."),
    ),
    "approve": (planning.APPROVE, gettext_lazy("The plan was approved.")),
    "return": (planning.RETURN, gettext_lazy("The plan was sent back to draft.")),
}


@staff_required
@require_POST
def move_plan(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    """Submit a draft plan to the district, or (district staff) approve it or send it back."""
    plan, (chosen, done) = _plan(request, pk), STEPS[step]
    form = ReviewForm(request.POST) if chosen.reviews else None

    def act() -> str:
        planning.take_step(
            plan=plan,
            step=chosen,
            **acting(request, timezone.now()),
            opinion=form.cleaned_data["opinion"] if form is not None else "",
        )
        return str(done)

    # The step's own action: what the service checks is what the desk asks first.
    key = "review_form" if form is not None else ""
    return PLAN_DESK.act(request, plan, act, action=chosen.action, form=form, form_key=key)
