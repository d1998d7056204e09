"""The input shapes of the course pages; the services check the rules."""

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from maeul.core.forms import SeoulDateTimeField

SCORES = [(str(n), str(n)) for n in range(5, 0, -1)]


class RatingForm(forms.Form):
    # A plain text field: the service refuses anything but 1-5 with its own message.
    score = forms.CharField(
        label=_("How satisfied were you? (5 = very satisfied)"),
        widget=forms.RadioSelect(choices=SCORES),
    )
    comment = forms.CharField(label=_("Comment (optional)"), max_length=500, required=False)


class SessionForm(forms.Form):
    topic = forms.CharField(label=_("Topic"), max_length=200, required=False)
    starts_at = SeoulDateTimeField(label=_("Starts at"))
    ends_at = SeoulDateTimeField(label=_("Ends at"))
    hours = forms.CharField(
        label=_("Hours"), max_length=10, help_text=_("In half hours, e.g. 2.5.")
    )


class AttendanceForm(forms.Form):
    present = forms.TypedMultipleChoiceField(
        label=_("Who attended"), coerce=int, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args: Any, people: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.TypedMultipleChoiceField, self.fields["present"]).choices = people


class WorkForm(forms.Form):
    title = forms.CharField(label=_("Title of your completion work"), max_length=300)
