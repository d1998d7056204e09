"""Staff record a selected application's grant agreement (협약) and its payments (교부) on
the application desk; `on_application_desk` runs every money step there."""

from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from maeul.core.permissions import Action, staff_required
from maeul.core.requests import acting
from maeul.grants.forms import AgreementForm, DisbursementForm
from maeul.grants.services import agreements as services
from maeul.grants.views.staff import APPLICATION_DESK, staff_application


def on_application_desk(
    request: HttpRequest,
    pk: int,
    *,
    action: Action,
    service: Callable[..., Any],
    done: str,
    form_class: Any = None,
    form_key: str = "",
) -> HttpResponse:
    """Run `service` (with the form's fields, if any) on the application desk if `action` is
    allowed; refusals beside the form's fields. The money steps after selection use it."""
    application, now = staff_application(request, pk), timezone.now()
    form = form_class(request.POST) if form_class is not None else None

    def act() -> str:
        fields = form.cleaned_data if form is not None else {}
        service(application=application, **acting(request, now), **fields)
        return done

    return APPLICATION_DESK.act(
        request, application, act, action=action, now=now, form=form, form_key=form_key
    )


@staff_required
@require_POST
def create_agreement(request: HttpRequest, pk: int) -> HttpResponse:
    return on_application_desk(
        request,
        pk,
        action=Action.MANAGE_AGREEMENT,
        form_class=AgreementForm,
        form_key="agreement_form",
        service=services.create_agreement,
        done=_("The grant agreement was recorded."),
    )


@staff_required
@require_POST
def record_disbursement(request: HttpRequest, pk: int) -> HttpResponse:
    return on_application_desk(
        request,
        pk,
        action=Action.RECORD_DISBURSEMENT,
        form_class=DisbursementForm,
        form_key="disbursement_form",
        service=services.record_disbursement,
        done=_("The disbursement was recorded."),
    )
