"""Input shapes of the consultation pages; the services check the rules."""

from django import forms
from django.utils.translation import gettext_lazy as _

from maeul.consultations.models import Stance


class ArgumentForm(forms.Form):
    stance = forms.ChoiceField(
        label=_("Stance"), choices=Stance.choices, required=False, widget=forms.RadioSelect
    )
    body = forms.CharField(
        label=_("Your argument"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )


class ReplyForm(forms.Form):
    body = forms.CharField(
        label=_("Your reply"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), required=False, max_length=300)


class PublishedTextForm(forms.Form):
    text = forms.CharField(
        label=_("Text to publish"), required=False, widget=forms.Textarea(attrs={"rows": 6})
    )
