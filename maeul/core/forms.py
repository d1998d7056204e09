"""Forms shared by several apps."""

from django import forms
from django.utils.translation import gettext_lazy as _

from maeul.core.access_log import identifying


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
