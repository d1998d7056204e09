"""A person's own personal data: consents, 내 정보 내려받기, 회원 탈퇴 (session only)."""

from collections.abc import Callable

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from maeul.accounts.models import User
from maeul.core.dates import local_date
from maeul.core.errors import RuleViolation
from maeul.core.requests import signed_in_user
from maeul.privacy import services
from maeul.privacy.export import as_json, personal_data
from maeul.privacy.forms import IdentityCheckForm, OptionalConsentForm, WithdrawForm
from maeul.privacy.models import OPTIONAL_KINDS, REQUIRED_KINDS, ConsentRecord, version_of


def _status(form: IdentityCheckForm) -> int:
    errors = form.errors.as_data().get("password", [])
    return 429 if any(error.code == "rate_limited" for error in errors) else 400


@login_required
def consents(request: HttpRequest) -> HttpResponse:
    """The person's consents: required ones to read, optional ones to give or withdraw."""
    user = signed_in_user(request)
    form = OptionalConsentForm(request.POST or None)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            granted = form.cleaned_data["granted"]
            services.set_optional_consent(
                user=user, kind=form.cleaned_data["kind"], granted=granted, now=timezone.now()
            )
            messages.success(
                request,
                _("Your consent was recorded.") if granted else _("Your consent was withdrawn."),
            )
            return redirect("privacy:consents")
        status = 400
        messages.error(request, _("Choose a consent and an answer."))
    latest = ConsentRecord.objects.latest_by_kind(user.pk)
    rows = [
        {
            "kind": kind,
            "label": kind.label,
            "record": latest.get(kind),
            "version": version_of(kind),
            "required": kind in REQUIRED_KINDS,
        }
        for kind in (*REQUIRED_KINDS, *OPTIONAL_KINDS)
    ]
    history = ConsentRecord.objects.filter(user=user)[:50]
    return render(
        request, "privacy/consents.html", {"rows": rows, "history": history}, status=status
    )


def _after_password(
    request: HttpRequest,
    form_class: type[IdentityCheckForm],
    template: str,
    act: Callable[[User], HttpResponse],
) -> HttpResponse:
    """A page that asks for the password again; once it is right, `act` answers the POST.

    A wrong password shows the page again (429 while rate-limited, else 400); a refusal by
    the service (`RuleViolation`) too, the reason atop the form.
    """
    user = signed_in_user(request)
    form = form_class(request.POST or None, user=user)
    status = 200
    if request.method == "POST":
        if not form.is_valid():
            status = _status(form)
        else:
            try:
                return act(user)
            except RuleViolation as exc:
                form.add_error(None, exc.message)
                status = 400
    return render(request, template, {"form": form}, status=status)


@never_cache
@login_required
def download_data(request: HttpRequest) -> HttpResponse:
    """After the password again, a JSON file of everything held about the person."""

    def act(user: User) -> HttpResponse:
        now = timezone.now()
        response = HttpResponse(
            as_json(personal_data(user=user, now=now)),
            content_type="application/json; charset=utf-8",
        )
        day = local_date(now).strftime("%Y%m%d")
        response["Content-Disposition"] = f'attachment; filename="maeul-my-data-{day}.json"'
        return response

    return _after_password(request, IdentityCheckForm, "privacy/download.html", act)


@never_cache
@login_required
def withdraw(request: HttpRequest) -> HttpResponse:
    """회원 탈퇴: explain what happens, then close the account after the password again."""

    def act(user: User) -> HttpResponse:
        services.withdraw_account(user=user, now=timezone.now())
        logout(request)
        messages.success(
            request,
            _("Your account is closed. Your personal data will be erased within five days."),
        )
        return redirect("home")

    return _after_password(request, WithdrawForm, "privacy/withdraw.html", act)
