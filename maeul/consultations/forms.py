"""Input shapes of the consultation pages; the services check the rules."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from maeul.consultations.models import AgeGroup, Occasion, Stance
from maeul.core.forms import DateInput, SeoulDateTimeField
from maeul.places.models import Department, District, Dong
from maeul.proposals.models import Category


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


class NumbersField(forms.CharField):
    """Numbers separated by commas (what the item's address shows), as a list of ints."""

    default_error_messages = {"invalid": _("Enter numbers separated by commas.")}

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(required=False, **kwargs)

    def to_python(self, value: Any) -> list[int]:  # type: ignore[override]
        parts = [p for p in str(super().to_python(value)).replace(" ", "").split(",") if p]
        if any(not part.isdigit() for part in parts):
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        return [int(part) for part in parts]


class OutcomeForm(forms.Form):
    text = forms.CharField(
        label=_("Outcome"), required=False, widget=forms.Textarea(attrs={"rows": 5})
    )
    proposals = NumbersField(
        label=_("Proposals it produced or answered (numbers, separated by commas)")
    )
    agenda_items = NumbersField(label=_("Agenda items it produced (numbers, separated by commas)"))
    projects = NumbersField(label=_("Projects it produced (numbers, separated by commas)"))


class SuggestionForm(forms.Form):
    occasion = forms.ChoiceField(label=_("Where it was heard"), choices=Occasion.choices)
    dong = forms.ModelChoiceField(label=_("Dong"), queryset=Dong.objects.none(), required=False)
    heard_on = forms.DateField(label=_("Heard on"), widget=DateInput())
    place = forms.CharField(label=_("Place"), max_length=200, required=False)
    raised_by = forms.CharField(
        label=_("Who raised it"),
        max_length=100,
        required=False,
        help_text=_("Shown to staff only. Never a resident registration number."),
    )
    body = forms.CharField(
        label=_("What was suggested"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )

    def __init__(self, *args: Any, district: District | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if district is not None:
            self.fields["dong"].queryset = district.dongs.order_by("name")  # type: ignore[attr-defined]


class RouteForm(forms.Form):
    department = forms.ModelChoiceField(label=_("Department"), queryset=Department.objects.none())

    def __init__(self, *args: Any, district: District, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = district.departments.order_by("name")  # type: ignore[attr-defined]


class ToProposalForm(forms.Form):
    category = forms.ModelChoiceField(label=_("Category"), queryset=Category.objects.none())
    title = forms.CharField(label=_("Proposal title"), max_length=100)

    def __init__(self, *args: Any, district: District, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["category"].queryset = Category.objects.filter(district=district)  # type: ignore[attr-defined]


KIND_WORDS = {
    "single": "single",
    "하나": "single",
    "multiple": "multiple",
    "여럿": "multiple",
    "scale": "scale",
    "척도": "scale",
    "short": "short_text",
    "짧은글": "short_text",
    "long": "long_text",
    "긴글": "long_text",
    "ranking": "ranking",
    "순위": "ranking",
}


class NewConsultationForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    question = forms.CharField(label=_("The question"), widget=forms.Textarea(attrs={"rows": 3}))
    background = forms.CharField(
        label=_("Background"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    opens_at = SeoulDateTimeField(label=_("Opens at"))
    closes_at = SeoulDateTimeField(label=_("Closes at"))
    dong = forms.ModelChoiceField(
        label=_("Dong"),
        queryset=Dong.objects.none(),
        required=False,
        help_text=_("Leave empty for a consultation of the whole district."),
    )
    age_groups = forms.MultipleChoiceField(
        label=_("Age groups asked"),
        choices=AgeGroup.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("None ticked: every age."),
    )
    results_live = forms.BooleanField(label=_("Show results while open"), required=False)
    questions = forms.CharField(
        label=_("Survey questions"),
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_(
            "One question a line: kind, a colon, the question, and for choices an equals sign "
            "and the options separated by slashes. Kinds: 하나, 여럿, 척도, 짧은글, 긴글, 순위. "
            "Example: 하나: 찬성하십니까? = 찬성 / 반대"
        ),
    )

    def __init__(self, *args: Any, district: District, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["dong"].queryset = district.dongs.order_by("name")  # type: ignore[attr-defined]

    def clean_questions(self) -> list[tuple[str, str, list[str]]]:
        parsed = []
        for number, line in enumerate(self.cleaned_data["questions"].splitlines(), start=1):
            if not line.strip():
                continue
            kind, colon, rest = line.partition(":")
            text, _equals, options = rest.partition("=")
            if not colon or kind.strip().lower() not in KIND_WORDS or not text.strip():
                raise forms.ValidationError(
                    _("Line %(number)d does not read as a question.") % {"number": number}
                )
            parsed.append(
                (
                    KIND_WORDS[kind.strip().lower()],
                    text.strip(),
                    [o.strip() for o in options.split("/") if o.strip()],
                )
            )
        return parsed
