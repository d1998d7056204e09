"""Forms of personal data: the consent part of sign-up, optional consents, identity checks.

`SignupConsentForm` is allauth's ACCOUNT_SIGNUP_FORM_CLASS: allauth's e-mail and social
sign-up forms both inherit its fields and call its `signup()` once the user exists. This
module must not import allauth's forms, which import it.
"""

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from maeul.accounts.models import WITHDRAWN_EMAIL_DOMAIN, User
from maeul.core.errors import RuleViolation
from maeul.core.ratelimit import hit
from maeul.privacy.models import OPTIONAL_KINDS, ConsentKind
from maeul.privacy.services import UNDER_AGE_MESSAGE, check_sign_up, record_sign_up

CONSENT_FIELDS = {
    ConsentKind.TERMS: "agree_terms",
    ConsentKind.PRIVACY: "agree_privacy",
    ConsentKind.NOTIFY_EMAIL: "consent_notify_email",
    ConsentKind.SURVEY: "consent_survey",
}
# Where a refusal of check_sign_up is shown.
_ERROR_FIELDS = {
    "consent_terms": "agree_terms",
    "consent_privacy": "agree_privacy",
    "birth_year": "birth_year",
    "under_14": "birth_year",
}
# Wrong passwords on the confirm forms: at most this many tries per account and window.
CONFIRM_TRIES = 10
CONFIRM_WINDOW_SECONDS = 15 * 60


class SignupConsentForm(forms.Form):
    """Birth year, the age confirmation and the consents, each its own checkbox."""

    birth_year = forms.IntegerField(
        label=_("Birth year"),
        min_value=1900,
        max_value=2100,
        help_text=_(
            "Used to check age limits. We never ask for your resident registration number."
        ),
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "autocomplete": "bday-year"}),
    )
    over_14 = forms.BooleanField(
        label=_("I am 14 years old or older."),
        error_messages={"required": UNDER_AGE_MESSAGE},
    )
    agree_terms = forms.BooleanField(
        label=_("I agree to the terms of use. (required)"),
        error_messages={"required": _("Please agree to the terms of use.")},
    )
    agree_privacy = forms.BooleanField(
        label=_("I agree to the collection and use of my personal data. (required)"),
        error_messages={
            "required": _("Please agree to the collection and use of your personal data.")
        },
    )
    consent_notify_email = forms.BooleanField(
        label=_("Send me notifications by e-mail. (optional)"), required=False
    )
    consent_survey = forms.BooleanField(
        label=_("Invite me to satisfaction surveys and similar questions. (optional)"),
        required=False,
    )

    def clean(self) -> dict[str, Any] | None:
        data = super().clean() or {}
        email = str(data.get("email") or "")
        if email.lower().endswith("@" + WITHDRAWN_EMAIL_DOMAIN):
            self.add_error("email", _("This e-mail address cannot be used."))
        # Refusals of the age and consent rules show beside the e-mail and password ones.
        if not any(name in self.errors for name in self._rule_fields):
            try:
                check_sign_up(
                    birth_year=data.get("birth_year"),
                    over_14=bool(data.get("over_14")),
                    consents=self.consents(),
                    now=timezone.now(),
                )
            except RuleViolation as exc:
                self.add_error(_ERROR_FIELDS.get(exc.code), exc.message)
        return data

    _rule_fields = ("birth_year", "over_14", "agree_terms", "agree_privacy")

    def consents(self) -> dict[str, bool]:
        return {kind: bool(self.cleaned_data.get(name)) for kind, name in CONSENT_FIELDS.items()}

    def signup(self, request: Any, user: User) -> None:
        """allauth calls this inside the sign-up transaction, once the user row exists."""
        record_sign_up(
            user=user,
            birth_year=self.cleaned_data["birth_year"],
            over_14=self.cleaned_data["over_14"],
            consents=self.consents(),
            now=timezone.now(),
        )


class OptionalConsentForm(forms.Form):
    kind = forms.ChoiceField(choices=[(kind.value, kind.label) for kind in OPTIONAL_KINDS])
    granted = forms.TypedChoiceField(
        choices=[("yes", _("Agree")), ("no", _("Withdraw"))], coerce=lambda value: value == "yes"
    )


class IdentityCheckForm(forms.Form):
    """The account's password again (or, for a Kakao/Naver account without one, its e-mail)."""

    password = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user
        if not user.has_usable_password():
            self.fields["password"] = forms.CharField(
                label=_("Your log-in e-mail address"),
                help_text=_("Your account has no password: type its e-mail address instead."),
                widget=forms.EmailInput(attrs={"autocomplete": "email"}),
            )

    def clean_password(self) -> str:
        value: str = self.cleaned_data["password"]
        if not hit(
            f"privacy-confirm:{self.user.pk}", window=CONFIRM_WINDOW_SECONDS, allowed=CONFIRM_TRIES
        ):
            raise forms.ValidationError(
                _("Too many tries. Please wait 15 minutes and try again."), code="rate_limited"
            )
        if self.user.has_usable_password():
            correct = self.user.check_password(value)
        else:
            correct = value.strip().lower() == self.user.email.lower()
        if not correct:
            raise forms.ValidationError(_("This is not your password."), code="wrong_password")
        return value


class WithdrawForm(IdentityCheckForm):
    confirm = forms.BooleanField(
        label=_("I have read the above and want to close my account."),
        error_messages={"required": _("Please tick the box to confirm.")},
    )
