"""Input shapes of the archive: a record, a resource of the survey, the list's filters.
The forms read input; the services check the rules."""

from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from maeul.archive.models import RecordKind, ResourceKind
from maeul.core.forms import DateInput, PhotoInput
from maeul.places.models import District, Dong


class RecordForm(forms.Form):
    dong = forms.ModelChoiceField(
        label=_("Dong"),
        queryset=Dong.objects.none(),
        required=False,
        empty_label=_("Whole district"),
    )
    title = forms.CharField(label=_("Title"), max_length=200)
    kind = forms.ChoiceField(label=_("Kind of record"), choices=RecordKind.choices)
    year = forms.IntegerField(label=_("Year"), min_value=1990, max_value=2100)
    body = forms.CharField(
        label=_("Text"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("What happened, who took part (groups, not names), what was made."),
    )
    tags = forms.CharField(
        label=_("Tags"),
        required=False,
        max_length=300,
        help_text=_("Separate tags with commas: 마을축제, 성과공유회."),
    )
    photo = forms.FileField(
        label=_("Photo"),
        required=False,
        help_text=_("JPEG, PNG, GIF or WebP, up to 10 MB. Location and camera data are removed."),
        widget=PhotoInput(),
    )
    photo_alt = forms.CharField(
        label=_("Description of the photo"),
        required=False,
        max_length=200,
        help_text=_("What the photo shows, for people who cannot see it."),
    )
    document = forms.FileField(
        label=_("Document"),
        required=False,
        help_text=_("PDF, HWP, HWPX, XLSX, PNG or JPEG, up to 10 MB."),
    )
    video_url = forms.CharField(
        label=_("Video link"),
        required=False,
        max_length=500,
        help_text=_("An https link to YouTube, Vimeo, Naver TV or Kakao TV."),
    )

    def __init__(self, *args: Any, district: District, **kwargs: Any) -> None:
        kwargs.setdefault("initial", {}).setdefault("year", timezone.localdate().year)
        super().__init__(*args, **kwargs)
        self.fields["dong"].queryset = Dong.objects.in_district(district).order_by("code")  # type: ignore[attr-defined]


class ResourceForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=ResourceKind.choices)
    name = forms.CharField(
        label=_("Resource"),
        max_length=100,
        help_text=_("Describe people by what they offer, never by name: 은퇴 목수 3명."),
    )
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )
    surveyed_on = forms.DateField(label=_("Surveyed on"), widget=DateInput())
