"""Pages of one's own account (profile, dong ties, phone verification) and staff verification."""

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from maeul.accounts import services
from maeul.accounts.forms import (
    CodeForm,
    DongTieForm,
    IdentityCardForm,
    PhoneForm,
    ProfileForm,
    ResidentLookupForm,
    TieMoveForm,
)
from maeul.accounts.lookup import desk_resident, find_resident
from maeul.accounts.models import User
from maeul.accounts.verification.in_person import verify_in_person
from maeul.accounts.verification.phone_code import confirm_phone_code, send_phone_code
from maeul.core.access_log import record_access
from maeul.core.desk import button_action, form_page
from maeul.core.errors import RuleViolation
from maeul.core.models import AccessAction
from maeul.core.permissions import Action, can, require
from maeul.core.requests import acting, client_ip, signed_in_user


def _profile_page(
    request: HttpRequest,
    user: User,
    *,
    form: ProfileForm | None = None,
    tie_form: DongTieForm | None = None,
    status: int = 200,
) -> HttpResponse:
    now = timezone.now()
    ties = list(user.dong_ties.current().select_related("dong__district"))
    for tie in ties:
        tie.next_change = services.next_tie_change(user, tie.kind, now)  # type: ignore[attr-defined]
    return render(
        request,
        "accounts/profile.html",
        {
            "form": form or _profile_form(user),
            "tie_form": tie_form or DongTieForm(),
            "move_form": TieMoveForm(),
            "ties": ties,
            "me": user,
        },
        status=status,
    )


def _profile_form(user: User, data: Any = None) -> ProfileForm:
    return ProfileForm(
        data,
        initial={"display_name": user.display_name, "birth_year": user.birth_year},
        birth_year_fixed=user.is_verified,
    )


@login_required
def profile(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    form = _profile_form(user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_profile(
                user=user,
                display_name=form.cleaned_data["display_name"],
                birth_year=form.cleaned_data["birth_year"],
                now=timezone.now(),
            )
        except RuleViolation as exc:
            form.add_error("birth_year", exc.message)
        else:
            messages.success(request, _("Your profile was saved."))
            return redirect("accounts:profile")
    return _profile_page(request, user, form=form)


@login_required
@require_POST
def add_tie(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    form = DongTieForm(request.POST)
    if form.is_valid():
        try:
            services.add_dong_tie(
                user=user,
                dong=form.cleaned_data["dong"],
                kind=form.cleaned_data["kind"],
                now=timezone.now(),
                ip=client_ip(request),
            )
        except RuleViolation as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, _("The dong tie was added."))
            return redirect("accounts:profile")
    return _profile_page(request, user, tie_form=form, status=400)


@login_required
@require_POST
def delete_tie(request: HttpRequest, tie_id: int) -> HttpResponse:
    def act() -> str:
        services.remove_dong_tie(
            user=signed_in_user(request), tie_id=tie_id, now=timezone.now(), ip=client_ip(request)
        )
        return _("The dong tie was removed.")

    return button_action(request, act, "accounts:profile")


@login_required
@require_POST
def move_tie(request: HttpRequest, tie_id: int) -> HttpResponse:
    """One moved house, job or school: the tie moves to another dong."""
    form = TieMoveForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose the new dong."))
        return redirect("accounts:profile")

    def act() -> str:
        services.move_dong_tie(
            user=signed_in_user(request),
            tie_id=tie_id,
            dong=form.cleaned_data["new_dong"],
            now=timezone.now(),
            ip=client_ip(request),
        )
        return _("The dong tie was moved.")

    return button_action(request, act, "accounts:profile")


@login_required
def verify_phone(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    if user.is_verified:
        messages.info(request, _("Your account is already verified."))
        return redirect("accounts:profile")
    form = PhoneForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            try:
                send_phone_code(
                    user=user,
                    raw_phone=form.cleaned_data["phone"],
                    name=form.cleaned_data["name"],
                    birth_date=form.cleaned_data["birth_date"],
                    ip=client_ip(request),
                    now=timezone.now(),
                )
            except RuleViolation as exc:
                form.add_error(exc.field if exc.field in form.fields else "phone", exc.message)
                status = 429 if exc.code == "rate_limited" else 400
            else:
                messages.success(request, _("We sent a code. Enter it within ten minutes."))
                return redirect("accounts:verify_code")
        else:
            status = 400
    return render(request, "accounts/verify_phone.html", {"form": form}, status=status)


@login_required
def verify_code(request: HttpRequest) -> HttpResponse:
    user = signed_in_user(request)
    if user.is_verified:
        return redirect("accounts:profile")
    form = CodeForm(request.POST or None)

    def act() -> str:
        confirm_phone_code(user=user, code=form.cleaned_data["code"], now=timezone.now())
        return _("Your account is now verified.")

    return form_page(
        request,
        form=form,
        act=act,
        template="accounts/verify_code.html",
        context={"form": form},
        done_url=reverse("accounts:profile"),
    )


def _log(request: HttpRequest, subject: User | str, action: AccessAction) -> None:
    record_access(
        subject=subject,
        action=action,
        what=request.path,
        reason=_("Identity check at the dong office"),
        **acting(request, timezone.now()),
    )


@login_required
def staff_verify(request: HttpRequest) -> HttpResponse:
    """Dong office staff find a resident by e-mail address (a POST: the address stays out
    of URLs and logs); a resident in their scope opens by account number."""
    staff = signed_in_user(request)
    now = timezone.now()
    require(staff, Action.LOOK_UP_RESIDENT, now=now)
    form = ResidentLookupForm(request.POST if request.method == "POST" else None)
    status = 200
    if request.method == "POST":
        status = 400
        if form.is_valid():
            resident = find_resident(staff=staff, email=form.cleaned_data["email"], now=now)
            _log(request, resident or "no account found in scope", AccessAction.SEARCH)
            if resident is not None:
                return redirect("accounts:staff_resident", pk=resident.pk)
            # Out of scope reads exactly like unknown: an account's existence is private.
            form.add_error("email", _("No account in your dongs uses this e-mail address."))
            status = 404
    return render(request, "accounts/staff_verify.html", {"form": form}, status=status)


@login_required
def staff_resident(request: HttpRequest, pk: int) -> HttpResponse:
    """One resident for the dong office: name, birth year, ties, status; confirm in person
    with the name and birth date read from the identity card."""
    staff = signed_in_user(request)
    now = timezone.now()
    resident = desk_resident(staff, pk, now=now)
    verdict = can(staff, Action.VERIFY_IN_PERSON, resident, now=now)
    card = IdentityCardForm(request.POST if "confirm" in request.POST else None)
    status = 200
    if request.method == "POST" and "confirm" in request.POST:
        try:
            if not card.is_valid():
                raise RuleViolation(_("Type the name and birth date from the identity card."))
            verify_in_person(
                staff=staff,
                resident=resident,
                name=card.cleaned_data["name"],
                birth_date=card.cleaned_data["birth_date"],
                ip=client_ip(request),
                now=now,
            )
        except RuleViolation as exc:
            messages.error(request, exc.message)
            status = 403 if exc.code == "forbidden" else 400
            _log(request, resident, AccessAction.VIEW)  # the page shows the resident again
        else:
            _log(request, resident, AccessAction.EDIT)
            messages.success(request, _("The account was marked as checked in person."))
            return redirect("accounts:staff_resident", pk=resident.pk)
    else:
        _log(request, resident, AccessAction.VIEW)
    context = {
        "form": ResidentLookupForm(),
        "resident": resident,
        "verdict": verdict,
        "card_form": card,
    }
    return render(request, "accounts/staff_verify.html", context, status=status)
