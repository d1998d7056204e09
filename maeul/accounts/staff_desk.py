"""The staff verify desk's resident actions: confirm a dong tie, correct a birth year.

Kept apart from `views.staff_verify` (the look-up and the in-person check): these pages
take the resident by id and go back to the desk afterwards.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from maeul.accounts import services
from maeul.accounts.forms import BirthYearCorrectionForm
from maeul.accounts.models import DongTie, User
from maeul.core.errors import RuleViolation
from maeul.core.permissions import Action, can
from maeul.core.requests import client_ip


def _staff(request: HttpRequest) -> User:
    staff = request.user
    assert isinstance(staff, User)  # noqa: S101 -- guaranteed by login_required
    decision = can(staff, Action.VIEW_STAFF_PAGES, now=timezone.now())
    if not decision:
        raise PermissionDenied(decision.reason)
    return staff


def _back_to_desk(request: HttpRequest) -> HttpResponse:
    """To the desk page the form was sent from (same site only), else the desk itself."""
    target = request.POST.get("next", "")
    if target.startswith("/staff/verify/") and url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return redirect(target)
    return redirect("accounts:staff_verify")


def _resident(user_id: int) -> User:
    resident = User.objects.filter(pk=user_id, is_active=True).first()
    if resident is None:
        raise Http404
    return resident


@login_required
@require_POST
def confirm_tie(request: HttpRequest, user_id: int, tie_id: int) -> HttpResponse:
    """Staff checked this dong tie in person (신분증 address, 재직·재학 증명)."""
    staff = _staff(request)
    tie = DongTie.objects.select_related("dong", "user").filter(pk=tie_id, user_id=user_id).first()
    if tie is None or not tie.user.is_active:
        raise Http404
    try:
        services.confirm_tie(staff=staff, tie=tie, now=timezone.now(), ip=client_ip(request))
    except RuleViolation as exc:
        if exc.code == "forbidden":
            raise PermissionDenied(exc.message) from None
        messages.error(request, exc.message)
    else:
        messages.success(
            request,
            _("The tie to %(dong)s was confirmed.") % {"dong": tie.dong.name},
        )
    return _back_to_desk(request)


@login_required
def correct_birth_year(request: HttpRequest, user_id: int) -> HttpResponse:
    """Staff correct a verified resident's birth year from the identity card, with a reason."""
    staff = _staff(request)
    resident = _resident(user_id)
    decision = can(staff, Action.CORRECT_BIRTH_YEAR, resident, now=timezone.now())
    if not decision:
        raise PermissionDenied(decision.reason)
    form = BirthYearCorrectionForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                services.correct_birth_year(
                    staff=staff,
                    resident=resident,
                    birth_year=form.cleaned_data["birth_year"],
                    reason=form.cleaned_data["reason"],
                    now=timezone.now(),
                    ip=client_ip(request),
                )
            except RuleViolation as exc:
                form.add_error(None, exc.message)
            else:
                messages.success(request, _("The birth year was corrected."))
                return _back_to_desk(request)
        status = 400
    return render(
        request,
        "accounts/correct_birth_year.html",
        {"form": form, "resident": resident},
        status=status,
    )
