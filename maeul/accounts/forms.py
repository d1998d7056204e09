from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from maeul.accounts.models import TieKind
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


class PhoneForm(forms.Form):
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
