"""The shapes of volunteering input; the services check the rules."""

from typing import Any, cast

from django import forms
from django.utils.translation import gettext_lazy as _

from maeul.core.forms import DateInput, ExportReasonForm, SeoulDateTimeField
from maeul.courses.models import Course
from maeul.volunteering.models import DEFAULT_MIN_AGE, ConsentChannel, Field


class GroupSignUpForm(forms.Form):
    organisation = forms.CharField(label=_("Company or organisation"), max_length=80)
    head_count = forms.IntegerField(label=_("Number of people"), min_value=1, max_value=500)
    contact_name = forms.CharField(label=_("Contact person"), max_length=30)
    contact = forms.CharField(
        label=_("Phone or e-mail of the contact"),
        max_length=80,
        help_text=_("Only the camp and staff see it, to arrange the day."),
    )


class GuardianConsentForm(forms.Form):
    guardian_name = forms.CharField(label=_("Guardian's name"), max_length=30)
    relation = forms.CharField(
        label=_("Relation to you"), max_length=20, help_text=_("e.g. mother, father, grandmother")
    )
    consented_on = forms.DateField(label=_("Date of consent"), widget=DateInput())
    channel = forms.ChoiceField(label=_("How the guardian agreed"), choices=ConsentChannel.choices)


class PortalIdForm(forms.Form):
    portal_id = forms.CharField(
        label=_("1365 portal ID"),
        max_length=40,
        required=False,
        help_text=_("Your ID on the 1365 volunteer portal, so your hours can be entered there."),
    )


class CertificateForm(forms.Form):
    starts_on = forms.DateField(label=_("From"), widget=DateInput(), required=False)
    ends_on = forms.DateField(label=_("Until"), widget=DateInput(), required=False)
    activity = forms.IntegerField(required=False, widget=forms.HiddenInput)


class ConfirmHoursForm(forms.Form):
    volunteer = forms.IntegerField(widget=forms.HiddenInput)
    minutes = forms.IntegerField(label=_("Minutes credited"), min_value=1, max_value=24 * 60)


class ConfirmGroupForm(forms.Form):
    attended = forms.IntegerField(label=_("People who came"), min_value=0, max_value=500)


class WorkProposalForm(forms.Form):
    title = forms.CharField(label=_("Work proposed"), max_length=100)
    description = forms.CharField(
        label=_("What and for whom"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    meeting_on = forms.DateField(label=_("Date of the camp meeting"), widget=DateInput())


class DeclineForm(forms.Form):
    answer = forms.CharField(label=_("Why it is declined"), max_length=500)


class ActivityForm(forms.Form):
    """A new activity: run by one of the camps or clubs the staff member serves."""

    organiser = forms.ChoiceField(label=_("Camp or club"))
    title = forms.CharField(label=_("Title"), max_length=100)
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    field = forms.ChoiceField(label=_("Field"), choices=Field.choices)
    min_age = forms.IntegerField(
        label=_("Minimum age"),
        min_value=0,
        max_value=100,
        initial=DEFAULT_MIN_AGE,
        help_text=_(
            "14 unless children may come with a guardian. Under 19 needs guardian consent."
        ),
    )

    required_course = forms.ModelChoiceField(
        label=_("Required training"),
        queryset=Course.objects.none(),
        required=False,
        help_text=_("Only volunteers who completed this training may sign up."),
    )

    def __init__(
        self, *args: Any, organisers: list[tuple[str, str]], courses: Any = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        cast("forms.ChoiceField", self.fields["organiser"]).choices = organisers
        if courses is not None:
            cast(
                "forms.ModelChoiceField[Course]", self.fields["required_course"]
            ).queryset = courses


class ShiftForm(forms.Form):
    starts_at = SeoulDateTimeField(label=_("Starts"))
    ends_at = SeoulDateTimeField(label=_("Ends"))
    place = forms.CharField(label=_("Place"), max_length=100)
    places = forms.IntegerField(label=_("Places available"), min_value=1, max_value=1000)
    minutes = forms.IntegerField(
        label=_("Minutes credited"),
        min_value=1,
        max_value=24 * 60,
        required=False,
        help_text=_("Leave empty to credit the whole shift."),
    )


class ExportForm(ExportReasonForm):
    place = forms.ChoiceField(label=_("District or dong"))
    starts_on = forms.DateField(label=_("From"), widget=DateInput())
    ends_on = forms.DateField(label=_("Until"), widget=DateInput())

    def __init__(self, *args: Any, places: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast("forms.ChoiceField", self.fields["place"]).choices = places
