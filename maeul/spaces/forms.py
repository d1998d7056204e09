"""Input shapes of spaces: a booking, a loan request, the survey and the staff desk's forms.
Forms read input; the services decide the rules."""

from datetime import date, time, timedelta
from typing import Any, cast

from django import forms
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from maeul.core.forms import DateInput, PhotoInput
from maeul.spaces.models import Condition, Weekday

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
    on = forms.DateField(label=_("Day"), widget=DateInput())
    visitors = forms.IntegerField(label=_("Walk-in visitors"), min_value=0, max_value=100_000)


class ReturnForm(forms.Form):
    condition = forms.ChoiceField(label=_("Condition on return"), choices=Condition.choices)


def _time(value: str) -> time:
    hour, minute = value.split(":")
    return time(int(hour), int(minute))


class RoundForm(forms.Form):
    """Staff open an allocation round for one of the space's rooms."""

    room = forms.TypedChoiceField(label=_("Room"), coerce=int)
    name = forms.CharField(label=_("Season"), max_length=100, help_text=_("e.g. 2027 first half"))
    starts_on = forms.DateField(label=_("From"), widget=DateInput())
    ends_on = forms.DateField(label=_("Until"), widget=DateInput())

    def __init__(self, *args: Any, rooms: list[tuple[int, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast("forms.TypedChoiceField", self.fields["room"]).choices = rooms


class CloseRoundForm(forms.Form):
    seed = forms.CharField(
        label=_("Lottery seed (optional)"),
        max_length=64,
        required=False,
        help_text=_("Leave empty to use one fixed by the requests and the closing time."),
    )


class SlotRequestForm(forms.Form):
    group_name = forms.CharField(label=_("Group name"), max_length=100)
    weekday = forms.TypedChoiceField(label=_("Weekday"), choices=Weekday.choices, coerce=int)
    starts = forms.TypedChoiceField(label=_("Start time"), choices=TIMES, coerce=_time)
    ends = forms.TypedChoiceField(label=_("End time"), choices=TIMES, coerce=_time)
    headcount = forms.IntegerField(label=_("Number of people"), min_value=1, max_value=999)


class PhotoForm(forms.Form):
    image = forms.FileField(
        label=_("Photo"),
        help_text=_("JPEG, PNG, GIF or WebP, up to 10 MB. Location and camera data are removed."),
        widget=PhotoInput(),
    )
    alt = forms.CharField(
        label=_("Description of the photo"),
        max_length=200,
        help_text=_("What the photo shows, for people who cannot see it."),
    )
