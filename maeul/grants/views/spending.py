"""The representative's side after selection: joint applicants on the draft, the group's
spending with receipts, and the final report (정산 보고); and a receipt, served only to the
representative and to the staff who check the spending."""

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from maeul.core.access_log import record_access
from maeul.core.media import private_file
from maeul.core.models import AccessAction
from maeul.core.permissions import Action
from maeul.core.permissions.grants import checks_spending
from maeul.core.requests import client_ip
from maeul.grants.forms import ExpenseForm, PartnerForm, SettlementForm
from maeul.grants.models import GrantExpense
from maeul.grants.services import joint, settlement, spending
from maeul.grants.views.applications import APPLICATION_PAGE, own_application, own_part


@login_required
@require_POST
def add_partner(request: HttpRequest, pk: int) -> HttpResponse:
    application, now = own_application(request, pk), timezone.now()
    form = PartnerForm(request.POST, candidates=joint.joint_candidates(application))

    def act() -> str:
        partner = joint.add_partner(
            application=application,
            partner_id=form.cleaned_data["partner_id"],
            user=request.user,
            now=now,
        )
        return _("%(group)s was named as joint applicant.") % {"group": partner.name}

    return APPLICATION_PAGE.act(request, application, act, form=form, form_key="partner_form")


@login_required
@require_POST
def remove_partner(request: HttpRequest, pk: int, group: int) -> HttpResponse:
    application, now = own_application(request, pk), timezone.now()

    def act() -> str:
        joint.remove_partner(application=application, partner_id=group, user=request.user, now=now)
        return _("The joint applicant was removed.")

    return APPLICATION_PAGE.act(request, application, act)


@login_required
@require_POST
def add_expense(request: HttpRequest, pk: int) -> HttpResponse:
    application, now = own_application(request, pk), timezone.now()
    form = ExpenseForm(request.POST, request.FILES, call=application.call)

    def act() -> str:
        spending.record_expense(
            application=application, user=request.user, now=now, **form.cleaned_data
        )
        return _("The spending was recorded.")

    return APPLICATION_PAGE.act(
        request,
        application,
        act,
        action=Action.RECORD_EXPENSE,
        form=form,
        form_key="expense_form",
    )


@login_required
@require_POST
def remove_expense(request: HttpRequest, pk: int) -> HttpResponse:
    expense = own_part(request, GrantExpense.objects.all(), pk)

    def act() -> str:
        spending.remove_expense(expense=expense, user=request.user, now=timezone.now())
        return _("The spending entry was removed.")

    return APPLICATION_PAGE.act(request, expense.application, act, action=Action.RECORD_EXPENSE)


@login_required
@require_POST
def submit_settlement(request: HttpRequest, pk: int) -> HttpResponse:
    application, now = own_application(request, pk), timezone.now()
    form = SettlementForm(request.POST)

    def act() -> str:
        settlement.submit_settlement(
            application=application, report=form.cleaned_data["report"], user=request.user, now=now
        )
        return _("The settlement was handed in. Staff will check it.")

    return APPLICATION_PAGE.act(
        request,
        application,
        act,
        action=Action.SUBMIT_SETTLEMENT,
        form=form,
        form_key="settlement_form",
    )


@login_required
@require_safe
def receipt(request: HttpRequest, pk: int) -> FileResponse:
    expense = get_object_or_404(
        GrantExpense.objects.select_related("application__call", "application__group"), pk=pk
    )
    application = expense.application
    own = application.group.representative_id == request.user.pk
    if not expense.receipt or not (own or checks_spending(request.user, application)):
        raise Http404  # whether someone else's receipt exists is not told
    if not own:
        record_access(
            staff=request.user,
            subject=f"grant application {application.pk}: a receipt",
            action=AccessAction.VIEW,
            what=request.path,
            reason="보조금 집행 점검",
            ip=client_ip(request),
            now=timezone.now(),
        )
    return private_file(
        expense.receipt.storage,
        expense.receipt.name,
        content_type=expense.receipt_type,
        filename=expense.receipt_name,
    )
