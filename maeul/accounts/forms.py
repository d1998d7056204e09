from datetime import date
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from maeul.accounts.models import TieKind
from maeul.accounts.person import check_birth_date, parse_birth_date
from maeul.core.errors import RuleViolation
from maeul.places.models import Dong


class ProfileForm(forms.Form):
    display_name = forms.CharField(
        label=_("Display name"),
        max_length=30,
        required=False,
        help_text=_("Shown next to what you write. You may use a nickname."),
    )
    birth_year = forms.IntegerField(
        label=_("Birth year"),
        required=False,
        min_value=1900,
        max_value=2100,
        help_text=_(
            "Used only to check age limits of votes. We never ask for your resident registration number."
        ),
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "autocomplete": "bday-year"}),
    )

    def __init__(self, *args: Any, birth_year_fixed: bool = False, **kwargs: Any) -> None:
        """`birth_year_fixed`: a verified account shows its birth year but cannot change it."""
        super().__init__(*args, **kwargs)
        if birth_year_fixed:
            field = self.fields["birth_year"]
            field.disabled = True
            field.help_text = _(
                "Checked when your account was verified. If it is wrong, staff at your dong "
                "office can correct it."
            )


class BirthDateField(forms.CharField):
    """A full birth date typed as 1990-03-15, 1990.3.15 or 19900315; not in the future."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("label", _("Date of birth"))
        kwargs.setdefault("max_length", 20)
        kwargs.setdefault("help_text", _("E.g. 1990-03-15 or 19900315."))
        kwargs.setdefault(
            "widget", forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "bday"})
        )
        super().__init__(**kwargs)

    def clean(self, value: Any) -> date:
        text = super().clean(value)
        try:
            return check_birth_date(parse_birth_date(text), today=timezone.localdate())
        except RuleViolation as refusal:
            raise forms.ValidationError(refusal.message) from None


class PersonFields(forms.Form):
    """Name and birth date as an identity card or 본인확인 gives them."""

    name = forms.CharField(
        label=_("Name"),
        max_length=50,
        help_text=_("As on your identity card. It is kept only in a form nobody can read back."),
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    birth_date = BirthDateField()


class IdentityCardForm(PersonFields):
    """What staff read from the resident's identity card (신분증)."""

    name = forms.CharField(
        label=_("Name on the identity card"),
        max_length=50,
        widget=forms.TextInput(attrs={"autocomplete": "off"}),
    )
    birth_date = BirthDateField(
        label=_("Date of birth on the identity card"),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )


class BirthYearCorrectionForm(forms.Form):
    birth_year = forms.IntegerField(
        label=_("Birth year on the identity card"),
        min_value=1900,
        max_value=2100,
        widget=forms.NumberInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    reason = forms.CharField(
        label=_("Reason for the correction"),
        max_length=300,
        help_text=_("Kept in the audit log, e.g. 신분증 확인 결과 출생연도 오기."),
    )


class DongChoiceField(forms.ModelChoiceField[Dong]):
    def label_from_instance(self, obj: Dong) -> str:
        return f"{obj.district.name} {obj.name}"


class DongTieForm(forms.Form):
    dong = DongChoiceField(
        label=_("Dong"),
        queryset=Dong.objects.select_related("district").order_by("code"),
        empty_label=_("Choose a dong"),
    )
    kind = forms.ChoiceField(label=_("Tie"), choices=TieKind.choices)


class TieMoveForm(forms.Form):
    new_dong = DongChoiceField(
        label=_("New dong"),
        queryset=Dong.objects.select_related("district").order_by("code"),
        empty_label=_("Choose a dong"),
    )


class PhoneForm(PersonFields):
    field_order = ["name", "birth_date", "phone"]

    phone = forms.CharField(
        label=_("Mobile phone number"),
        max_length=20,
        help_text=_("We send a six-digit code by text message. Others never see your number."),
        widget=forms.TextInput(attrs={"type": "tel", "inputmode": "tel", "autocomplete": "tel"}),
    )


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code"),
        max_length=6,
        min_length=6,
        widget=forms.TextInput(
            attrs={"inputmode": "numeric", "autocomplete": "one-time-code", "pattern": "[0-9]{6}"}
        ),
    )

    def clean_code(self) -> Any:
        code: str = self.cleaned_data["code"].strip()
        if not code.isdigit():
            raise forms.ValidationError(_("Enter the six digits of the code."))
        return code


class ResidentLookupForm(forms.Form):
    email = forms.EmailField(
        label=_("The resident's e-mail address"),
        help_text=_("Check the person's identity card before you confirm."),
    )
