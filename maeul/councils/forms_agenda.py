"""Forms of agenda discovery, meetings and events: they read input; the services decide.

As in `councils.forms`, the fields are named as the service's arguments."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from maeul.core.forms import SeoulDateTimeField
from maeul.councils.models import (
    AgendaItem,
    AgendaStatus,
    Council,
    CouncilMember,
    EventKind,
    MeetingKind,
    Section,
)
from maeul.councils.services.agenda import STAFF_TRANSITIONS
from maeul.proposals.models import Proposal
from maeul.voting.models import Channel


def _sections(council: Council) -> forms.ModelChoiceField[Section]:
    return forms.ModelChoiceField(
        queryset=council.sections.order_by("order", "name"),
        required=False,
        label=_("Section"),
        empty_label=_("No section (the whole council)"),
    )


def _year(initial: int) -> forms.IntegerField:
    return forms.IntegerField(
        label=_("For the year"),
        initial=initial,
        help_text=_("The year whose plan the item is meant for."),
    )


class AgendaItemForm(forms.Form):
    title = forms.CharField(label=_("Title"))
    description = forms.CharField(
        label=_("Description"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("What the issue is and what should be done. Markdown is allowed."),
    )
    estimated_cost = forms.IntegerField(
        label=_("Estimated cost (won)"),
        initial=0,
        help_text=_("A whole number of won, e.g. 5000000 for 500만 원."),
    )

    def __init__(self, *args: Any, council: Council, year: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["year"] = _year(year)
        self.fields["section"] = _sections(council)
        self.order_fields(["title", "section", "year", "description", "estimated_cost"])


class PromoteForm(forms.Form):
    proposal = forms.IntegerField(
        label=_("Proposal number"),
        help_text=_("The number in the proposal's address, e.g. 123 for /proposals/123/."),
    )

    def __init__(self, *args: Any, council: Council, year: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["year"] = _year(year)
        self.fields["section"] = _sections(council)

    def clean_proposal(self) -> Proposal:
        number = self.cleaned_data["proposal"]
        proposal = Proposal.objects.select_related("district", "dong").filter(pk=number).first()
        if proposal is None:
            raise forms.ValidationError(
                _("There is no proposal no. %(number)d.") % {"number": number}
            )
        return proposal


class StatusForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), max_length=300, required=False)

    def __init__(self, *args: Any, item: AgendaItem, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        allowed = sorted(STAFF_TRANSITIONS.get(item.status, set()))
        self.fields["status"] = forms.ChoiceField(
            label=_("New status"),
            choices=[(status, AgendaStatus(status).label) for status in allowed],
        )
        self.order_fields(["status", "reason"])


class MemberChoiceField(forms.ModelMultipleChoiceField[CouncilMember]):
    def label_from_instance(self, obj: CouncilMember) -> str:
        role = obj.get_role_display()
        return (
            f"{obj.public_name} ({obj.section.name}, {role})"
            if obj.section
            else f"{obj.public_name} ({role})"
        )


class MeetingForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=MeetingKind.choices)
    held_at = SeoulDateTimeField(label=_("Held at (Korean time)"))
    place = forms.CharField(label=_("Place"), max_length=200, required=False)
    guests = forms.IntegerField(
        label=_("Other people present"),
        initial=0,
        help_text=_("Residents, officials and guests who are not members."),
    )
    minutes = forms.CharField(
        label=_("Minutes"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("Markdown is allowed."),
    )

    def __init__(self, *args: Any, council: Council, members: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["section"] = _sections(council)
        self.fields["attendees"] = MemberChoiceField(
            queryset=members,
            required=False,
            label=_("Members present"),
            widget=forms.CheckboxSelectMultiple,
        )
        self.order_fields(["kind", "section", "held_at", "place", "attendees", "guests", "minutes"])


class AgendaChoiceField(forms.ModelMultipleChoiceField[AgendaItem]):
    def label_from_instance(self, obj: AgendaItem) -> str:
        return f"{obj.year} · {obj.title} ({obj.get_status_display()})"


class EventForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=EventKind.choices)
    title = forms.CharField(
        label=_("Title"),
        help_text=_("As residents will see it, e.g. 2026 독산1동 주민총회."),
    )
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    starts_at = SeoulDateTimeField(label=_("Starts at (Korean time)"))
    place = forms.CharField(label=_("Place"), max_length=200)
    online_link = forms.URLField(
        label=_("Online link"), required=False, assume_scheme="https", max_length=200
    )
    announce_days = forms.IntegerField(
        label=_("Days of announcement"),
        initial=14,
        help_text=_("The announcement (공고) is public this many days before the event."),
    )

    def __init__(self, *args: Any, council: Council, year: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["year"] = _year(year)
        self.fields["agenda_items"] = AgendaChoiceField(
            queryset=council.agenda_items.exclude(status=AgendaStatus.DROPPED).order_by(
                "-year", "pk"
            ),
            required=False,
            label=_("Agenda"),
            widget=forms.CheckboxSelectMultiple,
            help_text=_("The items of an assembly must be of its year and still being shaped."),
        )
        self.order_fields(["kind", "year", "title", "description", "starts_at", "place"])


class AssemblyVoteForm(forms.Form):
    opens_at = SeoulDateTimeField(
        label=_("Voting opens at (Korean time)"),
        help_text=_("The online pre-vote may open from the announcement day."),
    )
    closes_at = SeoulDateTimeField(
        label=_("Voting closes at (Korean time)"),
        help_text=_("With on-site ballots, after the assembly starts."),
    )
    channels = forms.MultipleChoiceField(
        label=_("Ways of voting"),
        choices=Channel.choices,
        initial=list(Channel.values),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("An on-site ballot replaces an online one."),
    )


class MinutesForm(forms.Form):
    minutes = forms.CharField(
        label=_("Minutes"),
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_("Markdown is allowed."),
    )
    attendance_on_site = forms.IntegerField(label=_("People present"), initial=0)
    attendance_online = forms.IntegerField(label=_("People online"), initial=0)
