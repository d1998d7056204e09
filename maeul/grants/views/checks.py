"""Staff after the money is paid: the interim checks (중간점검) of support-centre, dong and
district staff, with each spending entry marked; and, on the application desk, the
settlement's approval or return for corrections, the money returned and the evaluation."""

from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from maeul.core.desk import RowDesk
from maeul.core.desk_steps import desk_step
from maeul.core.permissions import Action, staff_required
from maeul.core.permissions.grants import spending_rows
from maeul.core.requests import acting
from maeul.grants.forms import EvaluationForm, InterimCheckForm, ReturnForm, SendBackForm
from maeul.grants.models import Application, ApplicationStatus, CheckMark, GrantExpense
from maeul.grants.services import settlement as services
from maeul.grants.services.spending import record_interim_check
from maeul.grants.views.money import money_context
from maeul.grants.views.staff import APPLICATION_DESK, staff_application


def _checked_rows(request: HttpRequest) -> QuerySet[Application]:
    """The funded applications (selected, with an agreement) whose spending this person checks."""
    return spending_rows(
        request.user,
        Application.objects.filter(status=ApplicationStatus.SELECTED, agreement__isnull=False),
    )


def _checked_application(request: HttpRequest, pk: int) -> Application:
    return get_object_or_404(
        _checked_rows(request).select_related("call__district", "group", "dong", "representative"),
        pk=pk,
    )


@staff_required
def check_list(request: HttpRequest) -> HttpResponse:
    """The funded applications whose spending this person checks, newest call first."""
    applications = (
        _checked_rows(request)
        .select_related("call", "group", "dong", "settlement")
        .order_by("-call__year", "call__title", "title")
    )
    return render(request, "grants/staff/check_list.html", {"applications": list(applications)})


def marks_from(data: QueryDict, expenses: list[GrantExpense]) -> dict[int, tuple[str, str]]:
    """{entry id: (mark, note)} from the check form's `mark-<id>` and `note-<id>` fields."""
    marks = {}
    for expense in expenses:
        mark = data.get(f"mark-{expense.pk}")
        if mark is not None:
            marks[expense.pk] = (mark, data.get(f"note-{expense.pk}", ""))
    return marks


def _render_check(
    request: HttpRequest, application: Application, *, status: int = 200, **forms: Any
) -> HttpResponse:
    context = money_context(application)
    posted = marks_from(request.POST, [e for e, _w in context["expenses"]])
    context.update(
        application=application,
        call=application.call,
        form=forms.get("form") or InterimCheckForm(),
        marks=CheckMark.choices,
        # What the checker chose, kept when the form comes back with a refusal.
        check_rows=[
            (expense, warnings, *posted.get(expense.pk, (expense.mark, expense.mark_note)))
            for expense, warnings in context["expenses"]
        ],
    )
    return render(request, "grants/staff/check.html", context, status=status)


CHECK_DESK = RowDesk(
    page=_render_check, url_name="grants:staff_check", action=Action.CHECK_SPENDING
)


@staff_required
def check_page(request: HttpRequest, pk: int) -> HttpResponse:
    application, now = _checked_application(request, pk), timezone.now()
    if request.method != "POST":
        return _render_check(request, application)
    form = InterimCheckForm(request.POST)
    expenses = list(application.expenses.all())

    def act() -> str:
        record_interim_check(
            application=application,
            marks=marks_from(request.POST, expenses),
            **acting(request, now),
            **form.cleaned_data,
        )
        return _("The interim check was recorded and the group notified.")

    return CHECK_DESK.act(request, application, act, now=now, form=form, form_key="form")


@staff_required
@require_POST
def approve_settlement(request: HttpRequest, pk: int) -> HttpResponse:
    application = staff_application(request, pk)
    return desk_step(
        request,
        APPLICATION_DESK,
        application,
        services.approve_settlement,
        _("The settlement was approved and the group notified."),
        action=Action.SETTLE_GRANT,
        application=application,
    )


@staff_required
@require_POST
def send_back_settlement(request: HttpRequest, pk: int) -> HttpResponse:
    application = staff_application(request, pk)
    return desk_step(
        request,
        APPLICATION_DESK,
        application,
        services.send_back_settlement,
        _("The settlement was sent back and the group notified."),
        action=Action.SETTLE_GRANT,
        form=SendBackForm(request.POST),
        form_key="send_back_form",
        application=application,
    )


@staff_required
@require_POST
def evaluate(request: HttpRequest, pk: int) -> HttpResponse:
    application = staff_application(request, pk)
    return desk_step(
        request,
        APPLICATION_DESK,
        application,
        services.evaluate,
        _("The evaluation was recorded."),
        action=Action.EVALUATE_GRANT,
        form=EvaluationForm(request.POST),
        form_key="evaluation_form",
        application=application,
    )


@staff_required
@require_POST
def record_return(request: HttpRequest, pk: int) -> HttpResponse:
    application = staff_application(request, pk)
    return desk_step(
        request,
        APPLICATION_DESK,
        application,
        services.record_return,
        _("The return of the money was recorded."),
        action=Action.EVALUATE_GRANT,
        form=ReturnForm(request.POST),
        form_key="return_form",
        application=application,
    )
