"""Forms shared by several apps: the date, time and photo inputs, and the reason for a download."""

from datetime import datetime
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from maeul.core.access_log import identifying
from maeul.core.dates import SEOUL


class DateInput(forms.DateInput):
    """The browser's date picker (`<input type="date">`), its value as `2026-03-04`."""

    input_type = "date"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%d", **kwargs)


class DateTimeInput(forms.DateTimeInput):
    """The browser's date and time picker (`datetime-local`), its value as `2026-03-04T09:30`."""

    input_type = "datetime-local"

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(format="%Y-%m-%dT%H:%M", **kwargs)


class PhotoInput(forms.ClearableFileInput):
    """A file input that offers the photo types every upload of a photo takes."""

    def __init__(self) -> None:
        super().__init__(attrs={"accept": "image/jpeg,image/png,image/gif,image/webp"})


class SeoulDateTimeField(forms.DateTimeField):
    """A `datetime-local` input read and shown in Korean time, whatever the active zone."""

    input_formats = ["%Y-%m-%dT%H:%M", "%Y-%m-%dT%H:%M:%S", "%Y-%m-%d %H:%M"]

    def __init__(self, **kwargs: Any) -> None:
        kwargs["widget"] = DateTimeInput()
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> datetime | None:
        with timezone.override(SEOUL):
            return super().to_python(value)

    def prepare_value(self, value: Any) -> Any:
        with timezone.override(SEOUL):
            return super().prepare_value(value)


class ExportReasonForm(forms.Form):
    """The reason a staff member gives before downloading personal data (kept in the log)."""

    reason = forms.CharField(
        label=_("Reason for the download"),
        max_length=300,
        help_text=_("Required for any download of personal data. It is kept in the access log."),
        error_messages={
            "required": _("Give the reason for this download. It is kept in the access log.")
        },
    )

    def clean_reason(self) -> str:
        reason: str = self.cleaned_data["reason"].strip()
        if len(reason) < 2:
            raise forms.ValidationError(
                _("Give the reason for this download. It is kept in the access log.")
            )
        if identifying(reason):
            raise forms.ValidationError(
                _(
                    "Write the reason without e-mail addresses, phone numbers or resident "
                    "registration numbers."
                )
            )
        return reason
