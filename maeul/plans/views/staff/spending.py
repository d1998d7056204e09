"""A project's payments: recording one (with the over-budget confirmation that only district
staff may give), correcting or removing one, and its receipt, served to staff only."""

from functools import partial
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from maeul.core.desk import desk_action, served_row
from maeul.core.desk_steps import desk_step
from maeul.core.media import private_file
from maeul.core.money import format_won
from maeul.core.permissions import Action, Decision, can, require, staff_required
from maeul.core.requests import acting
from maeul.plans.forms import DeleteSpendingForm, SpendingForm
from maeul.plans.models import SpendingEntry
from maeul.plans.services import spending
from maeul.plans.views.staff.projects import PROJECT_DESK, may_confirm, staff_project


def _entry(request: HttpRequest, pk: int) -> SpendingEntry:
    return served_row(
        request,
        SpendingEntry.objects.select_related(
            "project__plan__council", "project__district", "project__dong"
        ),
        pk,
    )


def _payment(form: SpendingForm, *, confirming: bool, user: Any) -> dict[str, Any]:
    """The service's arguments from a valid form; the confirmation only from those who may."""
    data = form.cleaned_data
    confirmed = confirming and bool(data.get("confirm_over_budget"))
    return {
        "spent_on": data["spent_on"],
        "amount": data["amount"],
        "payee": data["payee"],
        "purpose": data["purpose"],
        "receipt": data["receipt"],
        "source": data.get("source") or "",
        "kind": data.get("kind") or "",
        "over_budget_reason": data.get("over_budget_reason", "") if confirmed else "",
        "confirmed_by": user if confirmed else None,
    }


@staff_required
@require_POST
def add_spending(request: HttpRequest, pk: int) -> HttpResponse:
    project, now = staff_project(request, pk), timezone.now()
    confirming = may_confirm(request.user, project, now)
    form = SpendingForm(request.POST, request.FILES, may_confirm=confirming)

    def act() -> str:
        entry = spending.record_spending(
            project=project,
            **_payment(form, confirming=confirming, user=request.user),
            **acting(request, now),
        )
        return _("The payment of %(amount)s to %(payee)s was recorded.") % {
            "amount": format_won(entry.amount),
            "payee": entry.payee,
        }

    return PROJECT_DESK.act(
        request, project, act, action=Action.RECORD_SPENDING, form=form, form_key="spending_form"
    )


def _render_correction(
    request: HttpRequest,
    entry: SpendingEntry,
    decision: Decision,
    *,
    form: SpendingForm,
    status: int = 200,
) -> HttpResponse:
    context = {"entry": entry, "project": entry.project, "form": form, "decision": decision}
    return render(request, "plans/staff/spending.html", context, status=status)


@staff_required
def correct_spending(request: HttpRequest, pk: int) -> HttpResponse:
    """One entry's correction form (GET) and the correction (POST)."""
    entry, now = _entry(request, pk), timezone.now()
    project = entry.project
    decision = can(request.user, Action.RECORD_SPENDING, project, now=now)
    confirming = may_confirm(request.user, project, now)
    if request.method != "POST":
        initial = {
            "spent_on": entry.spent_on,
            "amount": entry.amount,
            "payee": entry.payee,
            "purpose": entry.purpose,
            "kind": entry.kind,
            "source": entry.source,
        }
        form = SpendingForm(may_confirm=confirming, initial=initial)
        return _render_correction(request, entry, decision, form=form)
    form = SpendingForm(request.POST, request.FILES, may_confirm=confirming)

    def act() -> str:
        spending.correct_spending(
            entry=entry,
            **_payment(form, confirming=confirming, user=request.user),
            **acting(request, now),
        )
        return _("The entry was corrected.")

    return desk_action(
        request,
        decision=decision,
        act=act,
        render=partial(_render_correction, request, entry, decision),
        done_url=reverse("plans:staff_project", kwargs={"pk": project.pk}),
        form=form,
        form_key="form",
        errors_on_form=True,
    )


@staff_required
@require_POST
def delete_spending(request: HttpRequest, pk: int) -> HttpResponse:
    entry = _entry(request, pk)
    return desk_step(
        request,
        PROJECT_DESK,
        entry.project,
        spending.delete_spending,
        _("The entry was removed."),
        action=Action.RECORD_SPENDING,
        form=DeleteSpendingForm(request.POST),
        entry=entry,
    )


@login_required
def receipt(request: HttpRequest, pk: int) -> FileResponse:
    """A receipt, for the staff who may record the project's spending; never a public URL."""
    now = timezone.now()
    require(request.user, Action.VIEW_STAFF_PAGES, now=now)
    entry = _entry(request, pk)
    require(request.user, Action.RECORD_SPENDING, entry.project, now=now)
    stored = spending.receipt_file(entry)
    if stored is None:
        raise Http404
    return private_file(
        entry.receipt.storage,
        stored.path,
        content_type=stored.content_type,
        filename=stored.name,
        download=False,
    )
