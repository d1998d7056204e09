"""Staff record a selected application's grant agreement (협약) and its payments (교부) on
the application desk; each is one `desk_step`, as every money step there is."""

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from maeul.core.desk_steps import desk_step
from maeul.core.permissions import Action, staff_required
from maeul.grants.forms import AgreementForm, DisbursementForm
from maeul.grants.services import agreements as services
from maeul.grants.views.staff import APPLICATION_DESK, staff_application


@staff_required
@require_POST
def create_agreement(request: HttpRequest, pk: int) -> HttpResponse:
    application = staff_application(request, pk)
    return desk_step(
        request,
        APPLICATION_DESK,
        application,
        services.create_agreement,
        _("The grant agreement was recorded."),
        action=Action.MANAGE_AGREEMENT,
        form=AgreementForm(request.POST),
        form_key="agreement_form",
        application=application,
    )


@staff_required
@require_POST
def record_disbursement(request: HttpRequest, pk: int) -> HttpResponse:
    application = staff_application(request, pk)
    return desk_step(
        request,
        APPLICATION_DESK,
        application,
        services.record_disbursement,
        _("The disbursement was recorded."),
        action=Action.RECORD_DISBURSEMENT,
        form=DisbursementForm(request.POST),
        form_key="disbursement_form",
        application=application,
    )
