"""Input shapes of spaces: a booking, a loan request, the survey and the staff desk's forms.
Forms read input; the services decide the rules."""

from datetime import date, time, timedelta
from typing import Any, cast

from django import forms
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from maeul.spaces.models import Condition

TIMES = [(f"{h:02d}:{m:02d}", f"{h:02d}:{m:02d}") for h in range(6, 23) for m in (0, 30)]
DURATIONS = [(str(n), _("%(hours)s hours") % {"hours": n / 2}) for n in range(1, 9)]


class BookingForm(forms.Form):
    """A booking of one room: the day is chosen among the days the space takes bookings for
    (a list, not a date picker: quicker by keyboard and on a phone)."""

    day = forms.TypedChoiceField(label=_("Day"), coerce=date.fromisoformat)
    start = forms.ChoiceField(label=_("Start time"), choices=TIMES)
    half_hours = forms.TypedChoiceField(
        label=_("Length"), choices=DURATIONS, coerce=int, initial="2"
    )
    headcount = forms.IntegerField(label=_("Number of people"), min_value=1, max_value=999)
    purpose = forms.CharField(label=_("Purpose"), max_length=200)
    group_name = forms.CharField(label=_("Group name (optional)"), max_length=100, required=False)

    def __init__(self, *args: Any, first_day: date, days: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [
            (day.isoformat(), date_format(day, "Y-m-d (D)"))
            for day in (first_day + timedelta(days=n) for n in range(days + 1))
        ]
        cast("forms.TypedChoiceField", self.fields["day"]).choices = choices

    def start_time(self) -> time:
        hour, minute = self.cleaned_data["start"].split(":")
        return time(int(hour), int(minute))


class LoanForm(forms.Form):
    quantity = forms.IntegerField(label=_("Quantity"), min_value=1, max_value=99, initial=1)


class SurveyForm(forms.Form):
    rating = forms.TypedChoiceField(
        label=_("How satisfied were you?"),
        choices=[
            ("5", _("5 - very satisfied")),
            ("4", _("4 - satisfied")),
            ("3", _("3 - neutral")),
            ("2", _("2 - dissatisfied")),
            ("1", _("1 - very dissatisfied")),
        ],
        coerce=int,
        widget=forms.RadioSelect,
    )
    comment = forms.CharField(label=_("Comment (optional)"), max_length=300, required=False)


class CheckInForm(forms.Form):
    code = forms.CharField(
        label=_("Check-in code"),
        max_length=6,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )


class RefuseForm(forms.Form):
    reason = forms.CharField(label=_("Reason for refusal"), max_length=200)


class VisitorForm(forms.Form):
    on = forms.DateField(label=_("Day"), widget=forms.DateInput(attrs={"type": "date"}))
    visitors = forms.IntegerField(label=_("Walk-in visitors"), min_value=0, max_value=100_000)


class ReturnForm(forms.Form):
    condition = forms.ChoiceField(label=_("Condition on return"), choices=Condition.choices)
