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
from maeul.core.desk_steps import desk_step, resident
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
    application = own_application(request, pk)
    return desk_step(
        request,
        APPLICATION_PAGE,
        application,
        joint.remove_partner,
        _("The joint applicant was removed."),
        by=resident,
        application=application,
        partner_id=group,
    )


@login_required
@require_POST
def add_expense(request: HttpRequest, pk: int) -> HttpResponse:
    application = own_application(request, pk)
    return desk_step(
        request,
        APPLICATION_PAGE,
        application,
        spending.record_expense,
        _("The spending was recorded."),
        action=Action.RECORD_EXPENSE,
        form=ExpenseForm(request.POST, request.FILES, call=application.call),
        form_key="expense_form",
        by=resident,
        application=application,
    )


@login_required
@require_POST
def remove_expense(request: HttpRequest, pk: int) -> HttpResponse:
    expense = own_part(request, GrantExpense.objects.all(), pk)
    return desk_step(
        request,
        APPLICATION_PAGE,
        expense.application,
        spending.remove_expense,
        _("The spending entry was removed."),
        action=Action.RECORD_EXPENSE,
        by=resident,
        expense=expense,
    )


@login_required
@require_POST
def submit_settlement(request: HttpRequest, pk: int) -> HttpResponse:
    application = own_application(request, pk)
    return desk_step(
        request,
        APPLICATION_PAGE,
        application,
        settlement.submit_settlement,
        _("The settlement was handed in. Staff will check it."),
        action=Action.SUBMIT_SETTLEMENT,
        form=SettlementForm(request.POST),
        form_key="settlement_form",
        by=resident,
        application=application,
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
