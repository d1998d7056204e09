"""Staff forms of votes: the settings, options, uploads, paper batches and the voter at the box.

The forms only read input; the services decide whether the settings make a vote that can be
held (`check_settings`), whether a text holds a resident registration number and whether a
person may vote, and name the field they refuse (`RuleViolation.field`), which the desk
shows beside it.
"""

from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from maeul.accounts.forms import BirthDateField
from maeul.accounts.models import TieKind
from maeul.core.forms import SeoulDateTimeField
from maeul.places.models import District, Dong
from maeul.proposals.models import Proposal
from maeul.voting.models import PAPER_CHANNELS, Vote
from maeul.voting.services.setup import VOTE_FIELDS

MAX_UPLOAD_BYTES = 5 * 1024 * 1024


class DongField(forms.ModelChoiceField[Dong]):
    with_district = False  # for a choice across districts, where dong names repeat

    def label_from_instance(self, obj: Dong) -> str:
        return f"{obj.district.name} {obj.name}" if self.with_district else obj.name


class VoteForm(forms.ModelForm[Vote]):
    """A vote's settings; the district is the staff member's own (a site admin picks one)."""

    GROUPS = (
        (_("The vote"), ("district", "title", "description", "dong")),
        (_("Ballot type and choices"), ("ballot_type", "max_choices", "min_choices", "budget")),
        (_("Counting"), ("rule", "quorum")),
        (_("Period (Korean time)"), ("opens_at", "closes_at")),
        (_("Ways of voting"), ("online", "on_site", "postal", "on_site_replaces_online")),
        (
            _("Who may vote"),
            (
                "allow_lives",
                "allow_works",
                "allow_studies",
                "min_age",
                "require_verified",
                "confirmed_ties_only",
            ),
        ),
        (_("Changing a ballot"), ("allow_change",)),
    )

    class Meta:
        model = Vote
        fields = ["district", *VOTE_FIELDS]  # the settings `save_vote` records
        field_classes = {
            "dong": DongField,
            "opens_at": SeoulDateTimeField,
            "closes_at": SeoulDateTimeField,
        }
        widgets = {"description": forms.Textarea(attrs={"rows": 5})}
        labels = {"district": _("District")}
        help_texts = {
            "title": _("As residents will see it, e.g. 2026 금천구 주민참여예산 주민투표."),
            "dong": _(
                "Empty: a vote of the whole district (구 단위 주민참여예산). "
                "A dong: its 주민총회 agenda or its dong budget."
            ),
            "ballot_type": _(
                "Choose up to k: the usual 주민참여예산 ballot. Within the budget: residents "
                "fit projects into the money available. Yes/no: 주민총회 agenda items. "
                "Ranking: 우선순위 투표."
            ),
            "max_choices": _("E.g. 3 for 최대 3개 사업 선택. Empty: no limit."),
            "min_choices": _("Usually 0; a ballot with fewer choices is refused."),
            "budget": _(
                "The money the vote spends, in won (e.g. 1000000000 for 10억 원). "
                "Needed for a budget ballot; the count selects projects within it."
            ),
            "rule": _(
                "Most votes first is the usual 다득표순 selection within the budget. "
                "Equal Shares spreads the budget fairly across dongs and groups of voters."
            ),
            "quorum": _(
                "주민총회 의결 정족수: yes/no items pass only when at least this many ballots "
                "were cast. 0: no quorum."
            ),
            "opens_at": _("Korean time (Asia/Seoul)."),
            "closes_at": _(
                "Korean time (Asia/Seoul). Paper ballots may be entered until the count."
            ),
            "online": _("Residents vote on this site (온라인 투표)."),
            "on_site": _(
                "현장투표 at the 주민총회 or the dong office; staff enter each ballot here."
            ),
            "postal": _("무인 우편투표함 ballots; staff upload or enter them as a batch."),
            "on_site_replaces_online": _(
                "주민총회 당일 현장투표를 우선하는 경우: an on-site ballot replaces the same "
                "person's online ballot."
            ),
            "allow_lives": _("Registered residents of the area (주민등록 주민)."),
            "allow_works": _("People who work there (직장인, 생활인구)."),
            "allow_studies": _("Students of schools there (학생)."),
            "min_age": _(
                "Many participatory budgets admit people aged 14 and over (만 14세 이상)."
            ),
            "require_verified": _(
                "Online ballots only from accounts verified by phone or at the dong office "
                "(본인확인)."
            ),
            "allow_change": _(
                "Voters may change their online ballot until the close; the last one counts."
            ),
        }

    def __init__(
        self,
        *args: Any,
        districts: QuerySet[District],
        dongs: QuerySet[Dong],
        whole_district: bool,
        **kwargs: Any,
    ) -> None:
        """`districts` to pick from (a site admin on a new vote), else the vote's is kept;
        `dongs` to pick from; `whole_district`: may the staff member hold a district vote."""
        super().__init__(*args, **kwargs)
        dong = self.fields["dong"]
        if self.instance._state.adding and districts.count() > 1:
            self.fields["district"].queryset = districts  # type: ignore[attr-defined]
            dong.with_district = True  # type: ignore[attr-defined]
        else:
            del self.fields["district"]
        dong.queryset = dongs.select_related("district")  # type: ignore[attr-defined]
        dong.required = not whole_district
        dong.empty_label = _("The whole district") if whole_district else None  # type: ignore[attr-defined]

    def groups(self) -> list[tuple[str, list[forms.BoundField]]]:
        return [
            (str(legend), [self[name] for name in names if name in self.fields])
            for legend, names in self.GROUPS
        ]

    def freeze(self) -> None:
        """Show the settings read-only: they are fixed once the vote has opened."""
        for field in self.fields.values():
            field.disabled = True


class OptionForm(forms.Form):
    """One option typed in, or taken from a proposal of the vote's district."""

    proposal = forms.IntegerField(
        label=_("From proposal no. (optional)"),
        required=False,
        min_value=1,
        help_text=_(
            "The number of a proposal of this district; its title, dong and proposer are "
            "used where you leave them empty, and the option links back to it."
        ),
    )
    title = forms.CharField(label=_("Project name"), max_length=200, required=False)
    cost = forms.IntegerField(label=_("Cost (won)"), min_value=0, required=False, initial=0)
    dong = DongField(label=_("Dong"), queryset=Dong.objects.none(), required=False)
    category = forms.CharField(label=_("Category"), max_length=30, required=False)
    proposer = forms.CharField(label=_("Proposer"), max_length=100, required=False)
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args: Any, vote: Vote, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "option_%s")  # several forms share the desk page
        super().__init__(*args, **kwargs)
        self.vote = vote
        self.fields["dong"].queryset = vote_dongs(vote)  # type: ignore[attr-defined]
        self.fields["dong"].empty_label = _("The whole vote")  # type: ignore[attr-defined]

    def clean_proposal(self) -> Proposal | None:
        number = self.cleaned_data.get("proposal")
        if number is None:
            return None
        proposal = (
            Proposal.objects.public()
            .filter(pk=number, district_id=self.vote.district_id)
            .select_related("author", "dong")
            .first()
        )
        if proposal is None:
            raise forms.ValidationError(_("There is no such proposal in this district."))
        return proposal

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        proposal: Proposal | None = data.get("proposal")
        if proposal is not None:
            data["title"] = data.get("title") or proposal.title
            data["proposer"] = data.get("proposer") or proposal.proposer_label
            if data.get("dong") is None and proposal.dong and self.vote.covers_dong(proposal.dong):
                data["dong"] = proposal.dong
        data["title"] = data.get("title") or ""
        data["cost"] = data.get("cost") or 0
        return data


class UploadForm(forms.Form):
    file = forms.FileField(
        label=_("XLSX or CSV file"),
        help_text=_("Use the template: its first line holds the column names."),
        widget=forms.ClearableFileInput(attrs={"accept": ".xlsx,.csv"}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "import_%s")
        super().__init__(*args, **kwargs)

    def clean_file(self) -> UploadedFile:
        upload: UploadedFile = self.cleaned_data["file"]
        if upload.size is not None and upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("The file is larger than 5 MB."))
        return upload


class PostalUploadForm(UploadForm):
    """A file of postal ballots, entered as one batch of one dong."""

    dong = DongField(label=_("Ballot box of dong"), queryset=Dong.objects.none())

    field_order = ["dong", "file"]

    def __init__(self, *args: Any, dongs: QuerySet[Dong], **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "postal_%s")
        super().__init__(*args, **kwargs)
        self.fields["dong"].queryset = dongs  # type: ignore[attr-defined]


class BatchForm(forms.Form):
    """Open a batch: one ballot box, or one sitting of entering postal ballots."""

    dong = DongField(label=_("Dong"), queryset=Dong.objects.none())
    channel = forms.ChoiceField(label=_("Kind of ballots"), choices=())
    label = forms.CharField(
        label=_("Label"),
        max_length=100,
        required=False,
        help_text=_("E.g. 독산1동 주민센터 투표함 1. Empty: “Ballot box”."),
    )

    def __init__(self, *args: Any, vote: Vote, dongs: QuerySet[Dong], **kwargs: Any) -> None:
        kwargs.setdefault("auto_id", "batch_%s")
        super().__init__(*args, **kwargs)
        self.fields["dong"].queryset = dongs  # type: ignore[attr-defined]
        if len(dongs) == 1:  # a dong office opens batches of its own dong only
            self.fields["dong"].empty_label = None  # type: ignore[attr-defined]
        self.fields["channel"].choices = [  # type: ignore[attr-defined]
            (channel.value, channel.label)
            for channel in PAPER_CHANNELS
            if vote.allows_channel(channel)
        ]


class PaperVoterForm(forms.Form):
    """The person at the ballot box, as staff read them from the identity card (신분증)."""

    name = forms.CharField(
        label=_("Name"),
        max_length=50,
        widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "off"}),
    )
    birth_date = BirthDateField(
        help_text=_("E.g. 1960-03-15 or 19600315."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    dong = DongField(label=_("Dong"), queryset=Dong.objects.none(), empty_label=None)
    phone = forms.CharField(
        label=_("Mobile phone (optional)"),
        max_length=20,
        required=False,
        help_text=_("When given, it matches the person's verified account, so nobody votes twice."),
        widget=forms.TextInput(attrs={"type": "tel", "inputmode": "tel", "autocomplete": "off"}),
    )
    tie = forms.ChoiceField(label=_("Tie to the dong"), choices=())

    def __init__(self, *args: Any, vote: Vote, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["dong"].queryset = vote_dongs(vote)  # type: ignore[attr-defined]
        self.fields["tie"].choices = [  # type: ignore[attr-defined]
            (kind, TieKind(kind).label) for kind in vote.allowed_ties
        ]


class CountForm(forms.Form):
    """The tick that says the staff member has read what counting does (it cannot be undone)."""

    confirmed = forms.BooleanField(
        label=_("I have checked"),
        error_messages={
            "required": _("Tick “I have checked” to count the vote. Nothing was counted.")
        },
    )


def vote_dongs(vote: Vote) -> QuerySet[Dong]:
    """The dongs a vote covers: its dong, or every dong of its district."""
    if vote.dong_id is not None:
        return Dong.objects.filter(pk=vote.dong_id)
    return Dong.objects.filter(district_id=vote.district_id).order_by("code")
