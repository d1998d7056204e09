"""The staff verify desk's resident actions: confirm a dong tie, correct a birth year.

Kept apart from `views.staff_resident` (the look-up and the in-person check): these pages
take the resident by id and go back to the resident's page afterwards. A resident outside the staff
member's dongs is not found (404), as on the desk itself.
"""

from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from maeul.accounts import services
from maeul.accounts.forms import BirthYearCorrectionForm
from maeul.accounts.lookup import desk_resident
from maeul.accounts.models import User
from maeul.core.desk import button_action, form_page
from maeul.core.permissions import Action, require, staff_required
from maeul.core.requests import client_ip, signed_in_user


def _desk_url(resident: User) -> str:
    """The resident's page on the desk (by account number: no e-mail in the address)."""
    return reverse("accounts:staff_resident", args=[resident.pk])


@staff_required
@require_POST
def confirm_tie(request: HttpRequest, user_id: int, tie_id: int) -> HttpResponse:
    """Staff checked this dong tie in person (신분증 address, 재직·재학 증명)."""
    staff, now = signed_in_user(request), timezone.now()
    resident = desk_resident(staff, user_id, now=now)
    tie = resident.dong_ties.select_related("dong", "user").filter(pk=tie_id).first()
    if tie is None:
        raise Http404
    require(staff, Action.CONFIRM_TIE, tie, now=now)

    def act() -> str:
        services.confirm_tie(staff=staff, tie=tie, now=now, ip=client_ip(request))
        return _("The tie to %(dong)s was confirmed.") % {"dong": tie.dong.name}

    return button_action(request, act, _desk_url(resident))


@staff_required
def correct_birth_year(request: HttpRequest, user_id: int) -> HttpResponse:
    """Staff correct a verified resident's birth year from the identity card, with a reason."""
    staff, now = signed_in_user(request), timezone.now()
    resident = desk_resident(staff, user_id, now=now)
    require(staff, Action.CORRECT_BIRTH_YEAR, resident, now=now)
    form = BirthYearCorrectionForm(request.POST or None)

    def act() -> str:
        services.correct_birth_year(
            staff=staff,
            resident=resident,
            birth_year=form.cleaned_data["birth_year"],
            reason=form.cleaned_data["reason"],
            now=now,
            ip=client_ip(request),
        )
        return _("The birth year was corrected.")

    return form_page(
        request,
        form=form,
        act=act,
        template="accounts/correct_birth_year.html",
        context={"form": form, "resident": resident},
        done_url=_desk_url(resident),
    )
