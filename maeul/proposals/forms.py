"""The shape of what people send: fields, lengths and choices, with the browser's hints.

The rules (a category of this district, at most five files, a move allowed from this
status …) are the services': they raise `RuleViolation(field=...)` and the view shows the
refusal beside that field (`maeul.core.desk.show_refusal`), so no rule is checked twice.
"""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from maeul.places.models import Department, District, Dong
from maeul.proposals.models import Category, Channel, Decision, Proposal, Status


class DongField(forms.ModelChoiceField[Dong]):
    def label_from_instance(self, obj: Dong) -> str:
        return obj.name


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    widget = MultipleFileInput

    def clean(self, data: Any, initial: Any = None) -> Any:
        if isinstance(data, list | tuple):
            return [super(MultipleFileField, self).clean(item, initial) for item in data if item]
        return [super().clean(data, initial)] if data else []


class ProposalForm(forms.Form):
    """A resident's proposal. Only these fields are read: status, counts and staff fields are not."""

    title = forms.CharField(
        label=_("Title"),
        max_length=100,
        help_text=_("Up to 100 characters. Similar proposals appear below as you type."),
    )
    category = forms.ModelChoiceField(label=_("Category"), queryset=Category.objects.none())
    dong = DongField(
        label=_("Dong"),
        queryset=Dong.objects.none(),
        required=False,
        empty_label=_("The whole district"),
    )
    place = forms.CharField(
        label=_("Place (optional)"),
        max_length=200,
        required=False,
        help_text=_("An address or a landmark, e.g. 독산로 ○○ 앞 사거리."),
    )
    body = forms.CharField(
        label=_("What do you propose?"),
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_(
            "Describe the problem and your idea. You can use **bold**, lists and links. "
            "Do not write personal data such as phone or resident registration numbers."
        ),
    )
    attachments = MultipleFileField(
        label=_("Photos or PDF (optional)"),
        required=False,
        help_text=_("Up to 5 files, 10 MB each. Photo location data is removed."),
        widget=MultipleFileInput(
            attrs={"accept": "image/jpeg,image/png,image/gif,image/webp,application/pdf"}
        ),
    )

    def __init__(self, *args: Any, district: District, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.district = district
        self.fields["category"].queryset = Category.objects.filter(district=district)  # type: ignore[attr-defined]
        self.fields["dong"].queryset = Dong.objects.in_district(district).order_by("code")  # type: ignore[attr-defined]


class OfflineProposalForm(ProposalForm):
    """A proposal collected offline (동에 번쩍 street booth, workshop, phone) and typed in by staff."""

    channel = forms.ChoiceField(
        label=_("Where was it collected?"),
        choices=[c for c in Channel.choices if c[0] != Channel.ONLINE],
    )
    author_name = forms.CharField(
        label=_("Proposer's name (optional)"),
        max_length=30,
        required=False,
        help_text=_("Leave empty if the person did not want to give a name."),
    )

    field_order = ["channel", "author_name", "title", "category", "dong", "place", "body"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        del self.fields["attachments"]


class CommentForm(forms.Form):
    body = forms.CharField(
        label=_("Comment"),
        required=False,  # the browser's hint only: an empty comment is the service's refusal
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3, "required": True}),
    )
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput)


class ReportForm(forms.Form):
    reason = forms.CharField(
        label=_("Why do you report this comment?"),
        required=False,  # the browser's hint only: the service asks for the reason
        max_length=300,
        widget=forms.TextInput(attrs={"required": True}),
    )


class ReasonForm(forms.Form):
    """Hiding a comment (the reason is the service's to ask for: keeping needs none)."""

    reason = forms.CharField(label=_("Reason (shown publicly)"), required=False, max_length=300)


class AnswerForm(forms.Form):
    decision = forms.ChoiceField(label=_("Decision"), choices=Decision.choices)
    body = forms.CharField(label=_("Answer"), widget=forms.Textarea(attrs={"rows": 8}))


class AssignForm(forms.Form):
    department = forms.ModelChoiceField(label=_("Department"), queryset=Department.objects.none())

    def __init__(self, *args: Any, proposal: Proposal, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        departments = Department.objects.filter(district_id=proposal.district_id)
        self.fields["department"].queryset = departments  # type: ignore[attr-defined]


class StatusForm(forms.Form):
    """Offers the moves allowed from the proposal's status; the service decides them."""

    status = forms.ChoiceField(label=_("New status"), choices=Status.choices)
    reason = forms.CharField(
        label=_("Reason (needed for hiding, shown publicly)"), max_length=300, required=False
    )

    def __init__(self, *args: Any, offered: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["status"].widget.choices = offered

    @property
    def offers_a_move(self) -> bool:
        return bool(self.fields["status"].widget.choices)


class MergeForm(forms.Form):
    target = forms.IntegerField(
        label=_("Number of the proposal to merge into"),
        min_value=1,
        help_text=_("The supports of this proposal move there; nobody is counted twice."),
    )
