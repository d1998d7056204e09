"""A project's budget by source on its desk: the split, the carry-over (이월) of the unspent
budget to next year's plan, and the closing of the accounts (정산·반납)."""

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from maeul.core.money import format_won
from maeul.core.permissions import staff_required
from maeul.core.requests import acting
from maeul.plans.forms import BudgetSplitForm
from maeul.plans.services import budget
from maeul.plans.views.staff.projects import PROJECT_DESK, staff_project


@staff_required
@require_POST
def split_budget(request: HttpRequest, pk: int) -> HttpResponse:
    project, now = staff_project(request, pk), timezone.now()
    form = BudgetSplitForm(request.POST)

    def act() -> str:
        budget.split_budget(
            project=project,
            amounts=form.amounts(),
            **acting(request, now),
        )
        return _("The budget of %(amount)s is split by source.") % {
            "amount": format_won(project.budget)
        }

    return PROJECT_DESK.act(request, project, act, form=form, form_key="split_form")


@staff_required
@require_POST
def carry_over(request: HttpRequest, pk: int) -> HttpResponse:
    project, now = staff_project(request, pk), timezone.now()

    def act() -> tuple[str, str]:
        carried = budget.carry_over(project=project, **acting(request, now))
        notice = _("%(amount)s was carried over to the %(year)d plan.") % {
            "amount": format_won(carried.budget),
            "year": carried.year,
        }
        return notice, reverse("plans:staff_project", kwargs={"pk": carried.pk})

    return PROJECT_DESK.act(request, project, act)


@staff_required
@require_POST
def close_accounts(request: HttpRequest, pk: int) -> HttpResponse:
    project, now = staff_project(request, pk), timezone.now()

    def act() -> str:
        lines = budget.close_accounts(project=project, **acting(request, now))
        returned = sum(line.returned for line in lines)
        return _("The accounts are closed; %(amount)s is returned.") % {
            "amount": format_won(returned)
        }

    return PROJECT_DESK.act(request, project, act)
