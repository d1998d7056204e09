"""Staff forms that set up a forum and a staged process; the services check the rules and
their refusals are shown beside the field they name."""

from typing import Any

from django import forms
from django.db.models import Model
from django.utils.translation import gettext_lazy as _

from maeul.consultations.models import Consultation, Forum, ForumKind, TargetGroup
from maeul.core.forms import SeoulDateTimeField
from maeul.places.models import District, Dong
from maeul.voting.models import Vote

STAGE_ROWS = 6


class ForumForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=ForumKind.choices)
    title = forms.CharField(label=_("Title"), max_length=200)
    dong = forms.ModelChoiceField(
        label=_("Dong"),
        queryset=Dong.objects.none(),
        required=False,
        help_text=_("Leave empty for a forum of the whole district."),
    )
    starts_at = SeoulDateTimeField(label=_("Starts at"))
    ends_at = SeoulDateTimeField(label=_("Ends at"))
    place = forms.CharField(label=_("Place"), max_length=200)
    capacity = forms.IntegerField(label=_("Capacity"))
    target_groups = forms.MultipleChoiceField(
        label=_("Groups invited"),
        choices=TargetGroup.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    panels = forms.CharField(
        label=_("Panels"),
        required=False,
        help_text=_("One panel member a line."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    materials = forms.CharField(
        label=_("Materials"),
        required=False,
        help_text=_("One link a line."),
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    proposal = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args: Any, district: District, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["dong"].queryset = district.dongs.order_by("name")  # type: ignore[attr-defined]


def _steps(district: District) -> dict[str, Model]:
    """The forums, consultations and votes of `district` a stage may be, by choice value."""
    steps: dict[str, Model] = {}
    for kind, rows in (
        ("forum", Forum.objects.filter(district=district)),
        ("consultation", Consultation.objects.filter(district=district)),
        ("vote", Vote.objects.filter(district=district)),
    ):
        for row in rows.order_by("-pk"):
            steps[f"{kind}:{row.pk}"] = row
    return steps


class ProcessForm(forms.Form):
    """A staged process: its title, and up to six stages in order (empty rows are skipped)."""

    title = forms.CharField(label=_("Title"), max_length=200)
    dong = forms.ModelChoiceField(
        label=_("Dong"),
        queryset=Dong.objects.none(),
        required=False,
        help_text=_("Leave empty for a process of the whole district."),
    )
    description = forms.CharField(
        label=_("Description"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )

    def __init__(self, *args: Any, district: District, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["dong"].queryset = district.dongs.order_by("name")  # type: ignore[attr-defined]
        self.steps = _steps(district)
        groups: dict[str, list[tuple[str, str]]] = {}
        labels = {"forum": _("Forums"), "consultation": _("Consultations"), "vote": _("Votes")}
        for value, step in self.steps.items():
            groups.setdefault(str(labels[value.split(":")[0]]), []).append((value, str(step)))
        choices: list[Any] = [("", "—"), *groups.items()]
        for n in range(1, STAGE_ROWS + 1):
            self.fields[f"stage_{n}_title"] = forms.CharField(
                label=_("Stage %(n)d: title") % {"n": n}, max_length=200, required=False
            )
            self.fields[f"stage_{n}"] = forms.ChoiceField(
                label=_("Stage %(n)d: forum, consultation or vote") % {"n": n},
                choices=choices,
                required=False,
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        stages: list[tuple[str, Model]] = []
        for n in range(1, STAGE_ROWS + 1):
            value, title = data.get(f"stage_{n}") or "", data.get(f"stage_{n}_title") or ""
            if value:
                stages.append((title, self.steps[value]))
            elif title.strip():
                self.add_error(
                    f"stage_{n}", _("Choose the forum, consultation or vote of this stage.")
                )
        data["stages"] = stages
        return data
