"""Forms of councils: the application (신청) and the staff desk's terms, sections, members,
recruitment and cycle. The forms read input; the services decide what is allowed.

A form's fields are named as the arguments of the service it feeds, so a view passes
`**form.cleaned_data` and a refusal's `RuleViolation.field` names the field it is about."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from maeul.accounts.models import User
from maeul.core.forms import DateInput, SeoulDateTimeField
from maeul.councils.models import (
    Council,
    CouncilMember,
    MemberRole,
    Recruitment,
    Section,
    SelectionRoute,
    Term,
)


class SectionChoiceField(forms.ModelChoiceField[Section]):
    def label_from_instance(self, obj: Section) -> str:
        return obj.name


class TermChoiceField(forms.ModelChoiceField[Term]):
    def label_from_instance(self, obj: Term) -> str:
        return str(
            _("Term %(number)d (%(starts)s to %(ends)s)")
            % {
                "number": obj.number,
                "starts": obj.starts_on.isoformat(),
                "ends": obj.ends_on.isoformat(),
            }
        )


def _sections(council: Council) -> Any:
    return council.sections.order_by("order", "name")


# --- Residents -----------------------------------------------------------------------------
class ApplicationForm(forms.Form):
    public_name = forms.CharField(
        label=_("Name to be shown"),
        max_length=30,
        help_text=_("If you are selected, this name is shown in the list of members."),
    )
    route = forms.ChoiceField(
        label=_("How you apply"),
        choices=[
            (SelectionRoute.OPEN_CALL, _("I apply myself (open call)")),
            (SelectionRoute.RECOMMENDATION, _("An organisation recommends me")),
        ],
        initial=SelectionRoute.OPEN_CALL,
        widget=forms.RadioSelect,
    )
    recommended_by = forms.CharField(
        label=_("Recommending organisation"),
        max_length=100,
        required=False,
        help_text=_("Only for a recommendation: the organisation's name."),
    )
    wanted_section = SectionChoiceField(
        label=_("Section you would like to join"),
        queryset=Section.objects.none(),
        required=False,
        empty_label=_("No preference"),
    )
    motivation = forms.CharField(
        label=_("Why you apply"), max_length=2000, widget=forms.Textarea(attrs={"rows": 6})
    )

    def __init__(self, *args: Any, council: Council, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["wanted_section"].queryset = _sections(council)  # type: ignore[attr-defined]


# --- Staff ---------------------------------------------------------------------------------
class TermForm(forms.Form):
    number = forms.IntegerField(label=_("Term number"), max_value=999)
    starts_on = forms.DateField(label=_("Starts on"), widget=DateInput())


class SectionForm(forms.Form):
    name = forms.CharField(label=_("Section name"), max_length=50)


class MemberForm(forms.Form):
    term = TermChoiceField(label=_("Term"), queryset=Term.objects.none(), empty_label=None)
    public_name = forms.CharField(label=_("Name shown"), max_length=30)
    role = forms.ChoiceField(label=_("Role"), choices=MemberRole.choices)
    section = SectionChoiceField(
        label=_("Section"), queryset=Section.objects.none(), required=False, empty_label="-"
    )
    route = forms.ChoiceField(label=_("Selected by"), choices=SelectionRoute.choices)
    joined_on = forms.DateField(label=_("Joined on"), widget=DateInput())
    user = forms.EmailField(
        label=_("Account e-mail (optional)"),
        required=False,
        help_text=_("Links the member's account, so that they can write agenda items."),
    )

    def __init__(self, *args: Any, council: Council, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["term"].queryset = council.terms.order_by("-number")  # type: ignore[attr-defined]
        self.fields["section"].queryset = _sections(council)  # type: ignore[attr-defined]

    def clean_user(self) -> User | None:
        """The account with the e-mail address typed, if one was."""
        email = self.cleaned_data.get("user", "").strip()
        if not email:
            return None
        user = User.objects.filter(email__iexact=email, is_active=True).first()
        if user is None:
            raise forms.ValidationError(_("No account has this e-mail address."))
        return user


class MemberChangeForm(forms.Form):
    public_name = forms.CharField(label=_("Name shown"), max_length=30)
    role = forms.ChoiceField(label=_("Role"), choices=MemberRole.choices)
    section = SectionChoiceField(
        label=_("Section"), queryset=Section.objects.none(), required=False, empty_label="-"
    )

    def __init__(self, *args: Any, member: CouncilMember, **kwargs: Any) -> None:
        kwargs.setdefault(
            "initial",
            {"public_name": member.public_name, "role": member.role, "section": member.section},
        )
        super().__init__(*args, **kwargs)
        self.fields["section"].queryset = _sections(member.term.council)  # type: ignore[attr-defined]


class EndMembershipForm(forms.Form):
    left_on = forms.DateField(label=_("Left on"), widget=DateInput())


class RecruitmentForm(forms.Form):
    term = TermChoiceField(
        label=_("Term to recruit for"), queryset=Term.objects.none(), empty_label=None
    )
    seats = forms.IntegerField(label=_("Places"))
    opens_at = SeoulDateTimeField(label=_("Opens at"))
    closes_at = SeoulDateTimeField(label=_("Closes at"))

    def __init__(self, *args: Any, council: Council, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        with_call = Recruitment.objects.values("term_id")
        self.fields["term"].queryset = council.terms.exclude(pk__in=with_call).order_by(  # type: ignore[attr-defined]
            "-number"
        )


class SelectionForm(forms.Form):
    seed = forms.CharField(
        label=_("Lottery seed (optional)"),
        required=False,
        help_text=_(
            "For example the numbers drawn at the public draw. Left empty, the seed is "
            "computed from the applications and the closing time. It is published."
        ),
    )


class CycleForm(forms.Form):
    year = forms.IntegerField(label=_("Year"))


class StepForm(forms.Form):
    starts_on = forms.DateField(label=_("Starts on"), widget=DateInput())
    ends_on = forms.DateField(label=_("Ends on"), widget=DateInput())
