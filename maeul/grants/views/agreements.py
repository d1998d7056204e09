"""Staff record a selected application's grant agreement (협약) and its payments (교부) on
the application desk."""

from functools import partial

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from maeul.core.desk import desk_action
from maeul.core.permissions import Action, can, staff_required
from maeul.core.requests import client_ip
from maeul.grants.forms import AgreementForm, DisbursementForm
from maeul.grants.services import agreements as services
from maeul.grants.views.staff import _render_application, staff_application


@staff_required
@require_POST
def create_agreement(request: HttpRequest, pk: int) -> HttpResponse:
    application, now = staff_application(request, pk), timezone.now()
    form = AgreementForm(request.POST)

    def act() -> str:
        services.create_agreement(
            application=application,
            amount=form.cleaned_data["amount"],
            conditions=form.cleaned_data["conditions"],
            signed_at=form.cleaned_data["signed_at"],
            bank=form.cleaned_data["bank"],
            account=form.cleaned_data["account"],
            staff=request.user,
            now=now,
            ip=client_ip(request),
        )
        return _("The grant agreement was recorded.")

    return desk_action(
        request,
        decision=can(request.user, Action.MANAGE_AGREEMENT, application, now=now),
        act=act,
        render=partial(_render_application, request, application),
        done_url=reverse("grants:staff_application", args=[application.pk]),
        form=form,
        form_key="agreement_form",
        errors_on_form=True,
    )


@staff_required
@require_POST
def record_disbursement(request: HttpRequest, pk: int) -> HttpResponse:
    application, now = staff_application(request, pk), timezone.now()
    form = DisbursementForm(request.POST)

    def act() -> str:
        services.record_disbursement(
            application=application,
            amount=form.cleaned_data["amount"],
            paid_at=form.cleaned_data["paid_at"],
            note=form.cleaned_data["note"],
            staff=request.user,
            now=now,
            ip=client_ip(request),
        )
        return _("The disbursement was recorded.")

    return desk_action(
        request,
        decision=can(request.user, Action.RECORD_DISBURSEMENT, application, now=now),
        act=act,
        render=partial(_render_application, request, application),
        done_url=reverse("grants:staff_application", args=[application.pk]),
        form=form,
        form_key="disbursement_form",
        errors_on_form=True,
    )
