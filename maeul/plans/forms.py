"""Forms of plans and their execution: amounts in won, spending entries, progress updates.

The forms read input; the services decide (budget, fiscal year, receipts, permissions, the
reason for going over budget, a photo's description) and name the field they refuse, which
`desk_action` shows beside it.
"""

import re
from typing import Any, cast

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from maeul.core.forms import DateInput, PhotoInput
from maeul.councils.models import Council, Section
from maeul.plans.models import BudgetSource, EntryKind, Programme, ProjectStatus

# "1500000", "1,500,000", "1,500,000원", "1 500 000": digits with optional group separators.
_GROUPED = re.compile(r"^\d{1,3}(,\d{3})+$")
_PLAIN = re.compile(r"^\d+$")
_FRACTION = re.compile(r"^-?[\d,]*[.]\d*$")
UPLOAD_ACCEPT = "image/jpeg,image/png,image/gif,image/webp,application/pdf,.pdf"


class WonField(forms.CharField):
    """A whole number of won, typed as people write it (1,500,000 or 1500000원).

    Never rounds: "10.5" and "1,000.5" are refused, as are negative numbers and, unless
    `allow_zero`, 0.
    """

    default_error_messages = {
        "invalid": _("Enter the amount in whole won, e.g. 1,500,000."),
        "fraction": _("Enter a whole number of won: amounts have no fractions of a won."),
        "negative": _("The amount cannot be negative."),
        "zero": _("The amount must be more than 0 won."),
    }

    def __init__(self, *, allow_zero: bool = False, **kwargs: Any) -> None:
        self.allow_zero = allow_zero
        kwargs.setdefault(
            "widget",
            forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off", "maxlength": 24}),
        )
        super().__init__(**kwargs)

    def to_python(self, value: Any) -> int | None:  # type: ignore[override]
        text = str(super().to_python(value)).strip()
        if not text:
            return None
        if len(text) > 24:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        text = text.removesuffix("원").strip().replace(" ", "")
        if text.startswith("-"):
            raise forms.ValidationError(self.error_messages["negative"], code="negative")
        if _FRACTION.match(text):
            raise forms.ValidationError(self.error_messages["fraction"], code="fraction")
        if not (_PLAIN.match(text) or _GROUPED.match(text)) or len(text) > 18:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        won = int(text.replace(",", ""))
        if won == 0 and not self.allow_zero:
            raise forms.ValidationError(self.error_messages["zero"], code="zero")
        return won

    def prepare_value(self, value: Any) -> Any:
        return f"{value:,}" if isinstance(value, int) and not isinstance(value, bool) else value


class SpendingForm(forms.Form):
    """One payment: date, amount, payee, purpose, receipt; the over-budget fields for district staff."""

    spent_on = forms.DateField(label=_("Date of payment"), widget=DateInput())
    kind = forms.ChoiceField(
        label=_("Kind"),
        choices=EntryKind.choices,
        required=False,
        help_text=_(
            "A commitment is a contract or order signed (원인행위); a payment is money paid."
        ),
    )
    source = forms.ChoiceField(
        label=_("Budget source"), choices=BudgetSource.choices, required=False
    )
    amount = WonField(label=_("Amount (won)"), help_text=_("Whole won, e.g. 1,500,000."))
    payee = forms.CharField(label=_("Paid to"), max_length=100)
    purpose = forms.CharField(label=_("Purpose"), max_length=200)
    receipt = forms.FileField(
        label=_("Receipt"),
        required=False,
        help_text=_("A photo or scan (JPEG, PNG) or a PDF, up to 10 MB."),
        widget=forms.ClearableFileInput(attrs={"accept": UPLOAD_ACCEPT}),
    )
    confirm_over_budget = forms.BooleanField(
        label=_("I confirm this payment although it takes the project over its budget."),
        required=False,
    )
    over_budget_reason = forms.CharField(
        label=_("Reason for going over the budget"),
        max_length=300,
        required=False,
        help_text=_("Required with the confirmation; kept in the audit log."),
    )

    def __init__(
        self,
        *args: Any,
        may_confirm: bool = False,
        sources: list[str] | None = None,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        if sources:  # the project's own sources first, so the usual one is preselected
            cast(forms.ChoiceField, self.fields["source"]).choices = [
                (source, BudgetSource(source).label) for source in sources
            ]
        if not may_confirm:
            # Only district staff may let a project go over its budget.
            del self.fields["confirm_over_budget"]
            del self.fields["over_budget_reason"]


class DeleteSpendingForm(forms.Form):
    reason = forms.CharField(label=_("Why is the entry removed?"), max_length=300)


class ProgressUpdateForm(forms.Form):
    body = forms.CharField(label=_("What happened"), widget=forms.Textarea(attrs={"rows": 4}))
    photo = forms.FileField(
        label=_("Photo"),
        required=False,
        help_text=_("JPEG, PNG, GIF or WebP, up to 10 MB. Location data is removed."),
        widget=PhotoInput(),
    )
    photo_alt = forms.CharField(
        label=_("Photo description"),
        max_length=200,
        required=False,
        help_text=_("What the photo shows, for people who cannot see it."),
    )


class StatusForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=ProjectStatus.choices)


class OutcomeForm(forms.Form):
    outcome = forms.CharField(
        label=_("Outcome"),
        max_length=5000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("What the project achieved, for the results sharing (성과공유)."),
    )


class SectionField(forms.ModelChoiceField[Section]):
    def label_from_instance(self, obj: Section) -> str:
        return obj.name


class ProjectForm(forms.Form):
    """A project typed in by staff."""

    title = forms.CharField(label=_("Project name"), max_length=200)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    programme = forms.ChoiceField(label=_("Programme"), choices=Programme.choices)
    budget_source = forms.ChoiceField(label=_("Budget source"), choices=BudgetSource.choices)
    budget = WonField(label=_("Budget (won)"), help_text=_("Whole won, e.g. 5,000,000."))
    section = SectionField(
        label=_("Responsible section"), queryset=Section.objects.none(), required=False
    )
    starts_on = forms.DateField(label=_("Starts on"), widget=DateInput(), required=False)
    ends_on = forms.DateField(label=_("Ends on"), widget=DateInput(), required=False)

    def __init__(self, *args: Any, council: Council, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(SectionField, self.fields["section"]).queryset = council.sections.order_by(
            "order", "name"
        )


class FromAgendaForm(forms.Form):
    programme = forms.ChoiceField(label=_("Programme"), choices=Programme.choices)
    budget_source = forms.ChoiceField(label=_("Budget source"), choices=BudgetSource.choices)


class CouncilField(forms.ModelChoiceField[Council]):
    def label_from_instance(self, obj: Council) -> str:
        return obj.name


class PlanForm(forms.Form):
    council = CouncilField(label=_("Council"), queryset=Council.objects.none())
    year = forms.IntegerField(label=_("Year"))

    def __init__(
        self, *args: Any, councils: QuerySet[Council], year: int | None = None, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        cast(CouncilField, self.fields["council"]).queryset = councils
        if year is not None:
            self.fields["year"].initial = year


class ReviewForm(forms.Form):
    """The district's review opinion (검토의견) on approving or returning a plan."""

    opinion = forms.CharField(
        label=_("Review opinion"),
        required=False,
        strip=False,  # the service strips it, and decides whether it may be empty
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Required when sending the plan back; the dong office reads it."),
    )


class BudgetSplitForm(forms.Form):
    """The budget split by source (재원별 예산): an amount in won per source, empty for none."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for source, label in BudgetSource.choices:
            self.fields[f"source_{source}"] = WonField(
                label=_("%(source)s (won)") % {"source": label}, allow_zero=True, required=False
            )

    def amounts(self) -> dict[str, int]:
        return {
            source: self.cleaned_data.get(f"source_{source}") or 0 for source in BudgetSource.values
        }
