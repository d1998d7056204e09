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


class TableNoteForm(forms.Form):
    table = forms.CharField(label=_("Table"), required=False, max_length=100)
    body = forms.CharField(
        label=_("What the table said"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )


class OutcomeForm(forms.Form):
    text = forms.CharField(
        label=_("Outcome"), required=False, widget=forms.Textarea(attrs={"rows": 5})
    )
    proposals = forms.CharField(
        label=_("Proposals it produced or answered (numbers, separated by commas)"),
        required=False,
    )

    def clean_proposals(self) -> str:
        text = str(self.cleaned_data.get("proposals") or "").replace(" ", "")
        if any(not part.isdigit() for part in text.split(",") if part):
            raise forms.ValidationError(_("Enter proposal numbers separated by commas."))
        return text

    @property
    def proposal_ids(self) -> list[int]:
        text = self.cleaned_data.get("proposals") or ""
        return [int(part) for part in text.replace(" ", "").split(",") if part.isdigit()]
