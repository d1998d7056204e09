"""Staff pages of plans: a council's plan of a year, and a project's execution desk.

Dong staff (동 주민센터) keep the plans and spending of their dong's resident council,
district staff (구청) those of every council of their district (and may let a project go
over its budget, with a reason), site admins everything. A plan, project or entry outside
the staff member's dongs and districts does not exist for them (404); what they may do with
one they can see is decided by `can` (403 with the reason).
"""

from collections.abc import Callable
from datetime import date
from functools import partial
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Sum
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from maeul.core.desk import desk_action, first_error
from maeul.core.errors import RuleViolation
from maeul.core.money import format_won
from maeul.core.permissions import Action, Decision, can
from maeul.core.requests import client_ip
from maeul.councils.models import AgendaItem, AgendaStatus
from maeul.plans.accountability import AccountabilityFilter, project_rows, summarise
from maeul.plans.forms import (
    DeleteSpendingForm,
    FromAgendaForm,
    OutcomeForm,
    PlanForm,
    ProgressUpdateForm,
    ProjectForm,
    SpendingForm,
    StatusForm,
)
from maeul.plans.models import AutonomyPlan, ProgressUpdate, Project, SpendingEntry
from maeul.plans.services import planning, spending
from maeul.plans.views.common import (
    councils_in_scope,
    entries_in_scope,
    plans_in_scope,
    projects_in_scope,
)


# --- Scope -----------------------------------------------------------------------------
def _require_staff(request: HttpRequest) -> None:
    decision = can(request.user, Action.VIEW_STAFF_PAGES, now=timezone.now())
    if not decision:
        raise PermissionDenied(decision.reason)


def _staff_plan(request: HttpRequest, pk: int) -> AutonomyPlan:
    _require_staff(request)
    return get_object_or_404(
        plans_in_scope(request.user).select_related("council__district", "council__dong"), pk=pk
    )


def _staff_project(request: HttpRequest, pk: int) -> Project:
    _require_staff(request)
    return get_object_or_404(
        projects_in_scope(request.user).select_related(
            "plan__council", "district", "dong", "section"
        ),
        pk=pk,
    )


def _staff_entry(request: HttpRequest, pk: int) -> SpendingEntry:
    _require_staff(request)
    return get_object_or_404(
        entries_in_scope(request.user).select_related(
            "project__plan__council", "project__district", "project__dong"
        ),
        pk=pk,
    )


# --- Plans -----------------------------------------------------------------------------
@login_required
def plan_list(request: HttpRequest) -> HttpResponse:
    """The plans of the councils the staff member serves, and a form to start one."""
    _require_staff(request)
    now = timezone.now()
    plans = (
        plans_in_scope(request.user)
        .select_related("council")
        .annotate(project_count=Count("projects"), budget=Sum("projects__budget"))
        .order_by("-year", "council__district__code", "council__kind", "council__dong__code")
    )
    councils = councils_in_scope(request.user).select_related("district", "dong")
    allowed = [c.pk for c in councils if can(request.user, Action.MANAGE_PLAN, c, now=now)]
    form = PlanForm(
        councils=councils.filter(pk__in=allowed).order_by("district__code", "kind", "dong__code"),
        year=timezone.localdate(now).year + 1,
        initial={"council": request.GET.get("council")},
    )
    return render(request, "plans/staff/plan_list.html", {"plans": plans, "form": form})


@login_required
@require_POST
def plan_create(request: HttpRequest) -> HttpResponse:
    _require_staff(request)
    now = timezone.now()
    form = PlanForm(request.POST, councils=councils_in_scope(request.user))
    if form.is_valid():
        try:
            plan = planning.create_plan(
                council=form.cleaned_data["council"],
                year=form.cleaned_data["year"],
                staff=request.user,
                now=now,
                ip=client_ip(request),
            )
        except RuleViolation as refusal:
            if refusal.code == "forbidden":
                raise PermissionDenied(refusal.message) from None
            form.add_error(None, refusal.message)
        else:
            messages.success(request, _("The plan was started. Add its projects."))
            return redirect("plans:staff_plan", pk=plan.pk)
    plans = (
        plans_in_scope(request.user)
        .select_related("council")
        .annotate(project_count=Count("projects"), budget=Sum("projects__budget"))
    )
    return render(request, "plans/staff/plan_list.html", {"plans": plans, "form": form}, status=400)


def _render_plan(
    request: HttpRequest, plan: AutonomyPlan, *, status: int = 200, **forms: Any
) -> HttpResponse:
    now = timezone.now()
    council = plan.council
    rows = project_rows(plan.projects.all())
    manage = can(request.user, Action.MANAGE_PLAN, plan, now=now)
    waiting = AgendaItem.objects.filter(
        council=council, year=plan.year, status=AgendaStatus.PASSED, project__isnull=True
    ).order_by("title")
    context = {
        "plan": plan,
        "council": council,
        "table": summarise(rows, _plan_filter(plan)),
        "manage": manage,
        "draft": plan.status == "draft",
        "waiting": list(waiting),
        "project_form": forms.get("project_form") or ProjectForm(council=council),
        "agenda_form": forms.get("agenda_form") or FromAgendaForm(),
    }
    return render(request, "plans/staff/plan.html", context, status=status)


def _plan_filter(plan: AutonomyPlan) -> AccountabilityFilter:
    return AccountabilityFilter(council=plan.council_id, year=plan.year)


@login_required
def plan_desk(request: HttpRequest, pk: int) -> HttpResponse:
    return _render_plan(request, _staff_plan(request, pk))


def _plan_action(
    request: HttpRequest,
    plan: AutonomyPlan,
    act: Callable[[], str],
    *,
    form: Any = None,
    form_key: str = "",
) -> HttpResponse:
    """Run one plan action: refuse (403), re-render an invalid form (400), or redirect."""
    forms = {form_key: form} if form_key else {}
    decision = can(request.user, Action.MANAGE_PLAN, plan, now=timezone.now())
    if not decision:
        messages.error(request, decision.reason)
        return _render_plan(request, plan, status=403, **forms)
    if form is not None and not form.is_valid():
        messages.error(request, first_error(form))
        return _render_plan(request, plan, status=400, **forms)
    try:
        notice = act()
    except RuleViolation as refusal:
        messages.error(request, refusal.message)
        return _render_plan(
            request, plan, status=403 if refusal.code == "forbidden" else 400, **forms
        )
    messages.success(request, notice)
    return redirect("plans:staff_plan", pk=plan.pk)


@login_required
@require_POST
def add_project(request: HttpRequest, pk: int) -> HttpResponse:
    plan = _staff_plan(request, pk)
    form = ProjectForm(request.POST, council=plan.council)

    def act() -> str:
        data = form.cleaned_data
        project = planning.add_project(
            plan=plan,
            title=data["title"],
            description=data["description"],
            programme=data["programme"],
            budget_source=data["budget_source"],
            budget=data["budget"],
            section=data["section"],
            starts_on=data["starts_on"],
            ends_on=data["ends_on"],
            staff=request.user,
            now=timezone.now(),
            ip=client_ip(request),
        )
        return _("The project “%(title)s” was added.") % {"title": project.title}

    return _plan_action(request, plan, act, form=form, form_key="project_form")


@login_required
@require_POST
def from_agenda(request: HttpRequest, pk: int) -> HttpResponse:
    plan = _staff_plan(request, pk)
    form = FromAgendaForm(request.POST)

    def act() -> str:
        report = planning.plan_from_agenda(
            council=plan.council,
            year=plan.year,
            programme=form.cleaned_data["programme"],
            budget_source=form.cleaned_data["budget_source"],
            staff=request.user,
            now=timezone.now(),
            ip=client_ip(request),
        )
        if not report.created:
            return _("No passed agenda item was waiting: nothing was added.")
        count = len(report.created)
        return ngettext(
            "%(count)d passed agenda item became a project of the plan.",
            "%(count)d passed agenda items became projects of the plan.",
            count,
        ) % {"count": count}

    return _plan_action(request, plan, act, form=form, form_key="agenda_form")


@login_required
@require_POST
def submit_plan(request: HttpRequest, pk: int) -> HttpResponse:
    plan = _staff_plan(request, pk)

    def act() -> str:
        planning.submit_plan(
            plan=plan, staff=request.user, now=timezone.now(), ip=client_ip(request)
        )
        return _("The plan was submitted. Its projects are now public.")

    return _plan_action(request, plan, act)


@login_required
@require_POST
def approve_plan(request: HttpRequest, pk: int) -> HttpResponse:
    plan = _staff_plan(request, pk)

    def act() -> str:
        planning.approve_plan(
            plan=plan, staff=request.user, now=timezone.now(), ip=client_ip(request)
        )
        return _("The plan was approved.")

    return _plan_action(request, plan, act)


@login_required
@require_POST
def return_plan(request: HttpRequest, pk: int) -> HttpResponse:
    plan = _staff_plan(request, pk)

    def act() -> str:
        planning.return_plan(
            plan=plan, staff=request.user, now=timezone.now(), ip=client_ip(request)
        )
        return _("The plan was sent back to draft.")

    return _plan_action(request, plan, act)


# --- A project's desk ------------------------------------------------------------------
def _render_project(
    request: HttpRequest, project: Project, *, status: int = 200, **forms: Any
) -> HttpResponse:
    now = timezone.now()
    user = request.user
    record = can(user, Action.RECORD_SPENDING, project, now=now)
    context = {
        "project": project,
        "plan": project.plan,
        "council": project.plan.council,
        "record": record,
        "left": project.budget - project.spent,
        "manage": can(user, Action.MANAGE_PLAN, project, now=now),
        "may_confirm": bool(can(user, Action.CONFIRM_OVER_BUDGET, project, now=now)),
        "entries": list(
            project.spending.select_related("entered_by", "confirmed_by").order_by("spent_on", "pk")
        ),
        "updates": list(project.updates.order_by("-created_at", "-pk")),
        "spending_form": forms.get("spending_form")
        or SpendingForm(
            may_confirm=bool(can(user, Action.CONFIRM_OVER_BUDGET, project, now=now)),
            initial={"spent_on": _default_day(project, timezone.localdate(now))},
        ),
        "update_form": forms.get("update_form") or ProgressUpdateForm(),
        "status_form": forms.get("status_form") or StatusForm(initial={"status": project.status}),
        "outcome_form": forms.get("outcome_form")
        or OutcomeForm(initial={"outcome": project.outcome}),
        "delete_form": DeleteSpendingForm(),
    }
    return render(request, "plans/staff/project.html", context, status=status)


def _default_day(project: Project, today: date) -> date:
    """Today, or the last day of the project's fiscal year once it is over."""
    return today if today.year <= project.year else date(project.year, 12, 31)


@login_required
def project_desk(request: HttpRequest, pk: int) -> HttpResponse:
    return _render_project(request, _staff_project(request, pk))


def _project_action(
    request: HttpRequest,
    project: Project,
    decision: Decision,
    act: Callable[[], str],
    *,
    form: Any = None,
    form_key: str = "",
) -> HttpResponse:
    """Run one action of the project desk (see `core.desk`)."""
    return desk_action(
        request,
        decision=decision,
        act=act,
        render=partial(_render_project, request, project),
        done_url=reverse("plans:staff_project", kwargs={"pk": project.pk}),
        form=form,
        form_key=form_key,
        errors_on_form=True,
    )


@login_required
@require_POST
def add_spending(request: HttpRequest, pk: int) -> HttpResponse:
    project, now = _staff_project(request, pk), timezone.now()
    may_confirm = bool(can(request.user, Action.CONFIRM_OVER_BUDGET, project, now=now))
    form = SpendingForm(request.POST, request.FILES, may_confirm=may_confirm)

    def act() -> str:
        data = form.cleaned_data
        confirmed = may_confirm and data.get("confirm_over_budget")
        entry = spending.record_spending(
            project=project,
            spent_on=data["spent_on"],
            amount=data["amount"],
            payee=data["payee"],
            purpose=data["purpose"],
            receipt=data["receipt"],
            over_budget_reason=data.get("over_budget_reason", "") if confirmed else "",
            confirmed_by=request.user if confirmed else None,
            staff=request.user,
            now=now,
            ip=client_ip(request),
        )
        return _("The payment of %(amount)s to %(payee)s was recorded.") % {
            "amount": format_won(entry.amount),
            "payee": entry.payee,
        }

    decision = can(request.user, Action.RECORD_SPENDING, project, now=now)
    return _project_action(request, project, decision, act, form=form, form_key="spending_form")


@login_required
def correct_spending(request: HttpRequest, pk: int) -> HttpResponse:
    """One entry's correction form (GET) and the correction (POST)."""
    entry, now = _staff_entry(request, pk), timezone.now()
    project = entry.project
    decision = can(request.user, Action.RECORD_SPENDING, project, now=now)
    may_confirm = bool(can(request.user, Action.CONFIRM_OVER_BUDGET, project, now=now))
    status = 200
    if request.method == "POST":
        form = SpendingForm(request.POST, request.FILES, may_confirm=may_confirm)
        if not decision:
            raise PermissionDenied(decision.reason)
        status = 400
        if form.is_valid():
            data = form.cleaned_data
            confirmed = may_confirm and data.get("confirm_over_budget")
            try:
                spending.correct_spending(
                    entry=entry,
                    spent_on=data["spent_on"],
                    amount=data["amount"],
                    payee=data["payee"],
                    purpose=data["purpose"],
                    receipt=data["receipt"],
                    over_budget_reason=data.get("over_budget_reason", "") if confirmed else "",
                    confirmed_by=request.user if confirmed else None,
                    staff=request.user,
                    now=now,
                    ip=client_ip(request),
                )
            except RuleViolation as refusal:
                if refusal.code == "forbidden":
                    raise PermissionDenied(refusal.message) from None
                form.add_error(None, refusal.message)
            else:
                messages.success(request, _("The entry was corrected."))
                return redirect("plans:staff_project", pk=project.pk)
    else:
        form = SpendingForm(
            may_confirm=may_confirm,
            initial={
                "spent_on": entry.spent_on,
                "amount": entry.amount,
                "payee": entry.payee,
                "purpose": entry.purpose,
            },
        )
    context = {"entry": entry, "project": project, "form": form, "decision": decision}
    return render(request, "plans/staff/spending.html", context, status=status)


@login_required
@require_POST
def delete_spending(request: HttpRequest, pk: int) -> HttpResponse:
    entry, now = _staff_entry(request, pk), timezone.now()
    project = entry.project
    form = DeleteSpendingForm(request.POST)

    def act() -> str:
        spending.delete_spending(
            entry=entry,
            reason=form.cleaned_data["reason"],
            staff=request.user,
            now=now,
            ip=client_ip(request),
        )
        return _("The entry was removed.")

    decision = can(request.user, Action.RECORD_SPENDING, project, now=now)
    return _project_action(request, project, decision, act, form=form)


@login_required
def receipt(request: HttpRequest, pk: int) -> FileResponse:
    """A receipt, for the staff who may record the project's spending; never a public URL."""
    entry = _staff_entry(request, pk)
    decision = can(request.user, Action.RECORD_SPENDING, entry.project, now=timezone.now())
    if not decision:
        raise PermissionDenied(decision.reason)
    stored = spending.receipt_file(entry)
    if stored is None:
        raise Http404
    try:
        handle = entry.receipt.storage.open(stored.path, "rb")
    except FileNotFoundError:
        raise Http404 from None
    response = FileResponse(handle, content_type=stored.content_type, filename=stored.name)
    response["Cache-Control"] = "private, no-store"
    response["Content-Security-Policy"] = "sandbox; default-src 'none'"
    return response


@login_required
@require_POST
def add_update(request: HttpRequest, pk: int) -> HttpResponse:
    project, now = _staff_project(request, pk), timezone.now()
    form = ProgressUpdateForm(request.POST, request.FILES)

    def act() -> str:
        data = form.cleaned_data
        spending.add_progress_update(
            project=project,
            body=data["body"],
            photo=data["photo"],
            photo_alt=data["photo_alt"],
            staff=request.user,
            now=now,
            ip=client_ip(request),
        )
        return _("The progress update was published.")

    decision = can(request.user, Action.RECORD_SPENDING, project, now=now)
    return _project_action(request, project, decision, act, form=form, form_key="update_form")


@login_required
@require_POST
def delete_update(request: HttpRequest, pk: int) -> HttpResponse:
    _require_staff(request)
    update = get_object_or_404(
        ProgressUpdate.objects.select_related("project__plan__council").filter(
            project__in=projects_in_scope(request.user)
        ),
        pk=pk,
    )
    project, now = update.project, timezone.now()

    def act() -> str:
        spending.delete_progress_update(
            update=update, staff=request.user, now=now, ip=client_ip(request)
        )
        return _("The progress update was removed.")

    decision = can(request.user, Action.RECORD_SPENDING, project, now=now)
    return _project_action(request, project, decision, act)


@login_required
@require_POST
def change_status(request: HttpRequest, pk: int) -> HttpResponse:
    project, now = _staff_project(request, pk), timezone.now()
    form = StatusForm(request.POST)

    def act() -> str:
        planning.change_project_status(
            project=project,
            status=form.cleaned_data["status"],
            staff=request.user,
            now=now,
            ip=client_ip(request),
        )
        return _("The project is now “%(status)s”.") % {"status": project.get_status_display()}

    decision = can(request.user, Action.MANAGE_PLAN, project, now=now)
    return _project_action(request, project, decision, act, form=form, form_key="status_form")


@login_required
@require_POST
def write_outcome(request: HttpRequest, pk: int) -> HttpResponse:
    project, now = _staff_project(request, pk), timezone.now()
    form = OutcomeForm(request.POST)

    def act() -> str:
        planning.write_outcome(
            project=project,
            outcome=form.cleaned_data["outcome"],
            staff=request.user,
            now=now,
            ip=client_ip(request),
        )
        return _("The outcome was saved; it is shown at the results sharing.")

    decision = can(request.user, Action.MANAGE_PLAN, project, now=now)
    return _project_action(request, project, decision, act, form=form, form_key="outcome_form")
