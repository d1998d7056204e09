"""Forms of grants: a call and its categories (staff), a group and its members, an
application, its budget rows and files (the representative). They read input; the services
decide, and name the field they refuse."""

from typing import Any, cast

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from maeul.core.forms import DateInput, DateTimeInput
from maeul.grants.models import (
    AttachmentKind,
    CheckOutcome,
    CommunityGroup,
    Criterion,
    ExpenseCategory,
    ExpenseKind,
    GrantCall,
    GroupKind,
    MemberTie,
)
from maeul.grants.services.calls import CALL_FIELDS, DATE_ORDER
from maeul.places.models import Dong
from maeul.plans.forms import WonField

DOCUMENT_ACCEPT = ".pdf,.hwp,.hwpx,.xlsx,.png,.jpg,.jpeg"


class CallForm(forms.ModelForm[GrantCall]):
    total_budget = WonField(label=_("Total budget (won)"))
    min_amount = WonField(label=_("Least a project may ask (won)"), allow_zero=True)
    max_amount = WonField(label=_("Most a project may ask (won)"))
    required_attachments = forms.MultipleChoiceField(
        label=_("Required attachments"),
        choices=AttachmentKind.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = GrantCall
        fields = CALL_FIELDS
        widgets = {
            "notice": forms.Textarea(attrs={"rows": 8}),
            **{name: DateInput() for name in DATE_ORDER},
            "opens_at": DateTimeInput(),
            "closes_at": DateTimeInput(),
        }

    def __init__(self, *args: Any, dongs: QuerySet[Dong], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        dong = cast("forms.ModelChoiceField[Dong]", self.fields["dong"])
        dong.queryset = dongs
        dong.empty_label = str(_("The whole district"))

    def _post_clean(self) -> None:
        """The form only reads input: the service checks the call (not the model's clean)."""


class CategoryForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=ExpenseKind.choices)
    name = forms.CharField(label=_("Expense category"), max_length=60)
    cap_percent = forms.IntegerField(
        label=_("Cap (percent of the total)"), min_value=0, max_value=100, required=False
    )
    cap_won = WonField(label=_("Cap (won)"), required=False)


class GroupForm(forms.Form):
    name = forms.CharField(label=_("Group name"), max_length=100)
    kind = forms.ChoiceField(label=_("Kind"), choices=GroupKind.choices)
    dong = forms.ModelChoiceField(label=_("Dong"), queryset=Dong.objects.none())
    contact = forms.CharField(
        label=_("Contact number"),
        max_length=20,
        help_text=_("Stored encrypted; pages show only 010-****-1234."),
        widget=forms.TextInput(attrs={"inputmode": "tel", "autocomplete": "tel"}),
    )

    def __init__(self, *args: Any, dongs: QuerySet[Dong], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast("forms.ModelChoiceField[Dong]", self.fields["dong"]).queryset = dongs


class MemberForm(forms.Form):
    member_name = forms.CharField(label=_("Member's name"), max_length=50)
    tie = forms.ChoiceField(label=_("Tie to the area"), choices=MemberTie.choices)
    consent = forms.BooleanField(
        label=_("The member agreed to be listed for this group's applications"), required=False
    )


class ApplicationForm(forms.Form):
    title = forms.CharField(label=_("Project title"), max_length=200)
    description = forms.CharField(
        label=_("Description"), widget=forms.Textarea(attrs={"rows": 8}), required=False
    )
    place = forms.CharField(label=_("Place"), max_length=200, required=False)
    dong = forms.ModelChoiceField(label=_("Dong"), queryset=Dong.objects.none())
    amount = WonField(label=_("Amount asked (won)"))

    def __init__(self, *args: Any, dongs: QuerySet[Dong], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast("forms.ModelChoiceField[Dong]", self.fields["dong"]).queryset = dongs


class BudgetLineForm(forms.Form):
    category = forms.ModelChoiceField(
        label=_("Expense category"), queryset=ExpenseCategory.objects.none()
    )
    item = forms.CharField(label=_("Item"), max_length=100)
    line_amount = WonField(label=_("Amount (won)"))

    def __init__(self, *args: Any, call: GrantCall, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(
            "forms.ModelChoiceField[ExpenseCategory]", self.fields["category"]
        ).queryset = call.categories.all()


class AttachmentForm(forms.Form):
    kind = forms.ChoiceField(label=_("What the file is"), choices=AttachmentKind.choices)
    file = forms.FileField(
        label=_("File (PDF, HWP, HWPX, XLSX, PNG or JPEG, up to 10 MB)"),
        widget=forms.ClearableFileInput(attrs={"accept": DOCUMENT_ACCEPT}),
    )


class ReviewerForm(forms.Form):
    email = forms.EmailField(
        label=_("Reviewer's e-mail address"),
        help_text=_("The e-mail address of the reviewer's account."),
    )


class ScoreForm(forms.Form):
    """One field per criterion of the call's scoring sheet (the service checks the range)."""

    comment = forms.CharField(
        label=_("Reviewer's comment"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )

    def __init__(self, *args: Any, criteria: list[Criterion], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        comment = self.fields.pop("comment")
        for criterion in criteria:
            self.fields[f"criterion_{criterion.pk}"] = forms.CharField(
                label=_("%(name)s (0 to %(max)d points)")
                % {"name": criterion.name, "max": criterion.max_points},
                max_length=4,
                widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
            )
        self.fields["comment"] = comment

    def points(self) -> dict[int, str]:
        return {
            int(name.removeprefix("criterion_")): value
            for name, value in self.cleaned_data.items()
            if name.startswith("criterion_")
        }


class DecisionForm(forms.Form):
    outcome = forms.ChoiceField(
        label=_("Selection decision"),
        choices=[("selected", _("Selected")), ("not_selected", _("Not selected"))],
    )
    amount = WonField(
        label=_("Amount granted (won)"),
        required=False,
        help_text=_("Only when selected: at most the amount asked."),
    )
    reasons = forms.CharField(label=_("Reasons"), widget=forms.Textarea(attrs={"rows": 4}))


class CriteriaForm(forms.Form):
    """The scoring sheet as lines of a name and its most points (사업의 필요성 30)."""

    criteria = forms.CharField(
        label=_("Scoring sheet"),
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("One criterion a line: its name, then its most points."),
        max_length=2000,
    )

    def clean_criteria(self) -> list[tuple[str, int]]:
        rows = []
        for line in str(self.cleaned_data["criteria"]).splitlines():
            if not line.strip():
                continue
            name, _space, points = line.strip().rpartition(" ")
            if not name.strip() or not points.isdigit():
                raise forms.ValidationError(
                    _("Write each criterion as its name and points, e.g. 주민 참여 20.")
                )
            rows.append((name.strip(), int(points)))
        return rows


class AgreementForm(forms.Form):
    """The grant agreement (협약): the account number is read here, stored encrypted."""

    amount = WonField(label=_("Amount agreed (won)"), help_text=_("At most the amount granted."))
    signed_at = forms.DateField(label=_("Signed on"), widget=DateInput())
    conditions = forms.CharField(
        label=_("Conditions of the agreement"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    bank = forms.CharField(label=_("Bank"), max_length=50)
    account = forms.CharField(
        label=_("Account number of the group"),
        max_length=30,
        widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "numeric"}),
        help_text=_("Stored encrypted; pages show only its last four digits."),
    )


class DisbursementForm(forms.Form):
    """One payment of the grant (교부)."""

    amount = WonField(label=_("Amount paid (won)"))
    paid_at = forms.DateField(label=_("Paid on"), widget=DateInput())
    note = forms.CharField(label=_("Note"), max_length=200, required=False)


class PartnerForm(forms.Form):
    """A trade association named as joint applicant (공동 신청)."""

    partner_id = forms.TypedChoiceField(label=_("Joint applicant"), coerce=int, choices=[])

    def __init__(self, *args: Any, candidates: list[CommunityGroup], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = cast("forms.TypedChoiceField", self.fields["partner_id"])
        field.choices = [(group.pk, f"{group.name} ({group.dong.name})") for group in candidates]


class ExpenseForm(forms.Form):
    """One payment the group made from the grant, with its receipt (집행 내역)."""

    category = forms.ModelChoiceField(
        label=_("Expense category"), queryset=ExpenseCategory.objects.none()
    )
    item = forms.CharField(label=_("What was bought"), max_length=100)
    amount = WonField(label=_("Amount spent (won)"))
    spent_on = forms.DateField(label=_("Spent on"), widget=DateInput())
    receipt = forms.FileField(
        label=_("Receipt (PDF, PNG or JPEG, up to 10 MB)"),
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": DOCUMENT_ACCEPT}),
    )

    def __init__(self, *args: Any, call: GrantCall, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(
            "forms.ModelChoiceField[ExpenseCategory]", self.fields["category"]
        ).queryset = call.categories.all()


class SettlementForm(forms.Form):
    report = forms.CharField(
        label=_("Final report"),
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("What was done, who took part, what changed, and what is left over."),
    )


class InterimCheckForm(forms.Form):
    """A visit of the interim check; each spending entry's mark comes beside it."""

    visited_on = forms.DateField(label=_("Visited on"), widget=DateInput())
    findings = forms.CharField(label=_("Findings"), widget=forms.Textarea(attrs={"rows": 5}))
    outcome = forms.ChoiceField(
        label=_("Outcome"), choices=CheckOutcome.choices, widget=forms.RadioSelect
    )


class SendBackForm(forms.Form):
    note = forms.CharField(
        label=_("What must be corrected"), widget=forms.Textarea(attrs={"rows": 3})
    )


class EvaluationForm(forms.Form):
    score = forms.IntegerField(label=_("Evaluation score (out of 100)"), min_value=0, max_value=100)
    comment = forms.CharField(
        label=_("Evaluation"), widget=forms.Textarea(attrs={"rows": 4}), required=False
    )


class ReturnForm(forms.Form):
    returned_on = forms.DateField(label=_("Returned on"), widget=DateInput())
