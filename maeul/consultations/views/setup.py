"""Staff forms that set up a forum (from the forum desk's list, or pre-filled as a 구민제안
발굴 워크숍 from a popular proposal) and a staged process with its ordered stages."""

from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from maeul.consultations.models import ForumKind, TargetGroup
from maeul.consultations.services import forums, processes
from maeul.consultations.services.forums import ForumSpec
from maeul.consultations.setup_forms import STAGE_ROWS, ForumForm, ProcessForm
from maeul.core.desk import form_page, served_row
from maeul.core.permissions import Action, can, staff_required
from maeul.core.requests import acting
from maeul.proposals.models import Proposal
from maeul.proposals.views.common import current_district


def _workshop_proposal(request: HttpRequest) -> Proposal | None:
    """The proposal a workshop is opened on (`?proposal=`), among those the staff serve."""
    pk = request.POST.get("proposal") or request.GET.get("proposal") or ""
    if not pk.isdigit():
        return None
    return served_row(request, Proposal.objects.select_related("district"), pk)


def _workshop_initial(proposal: Proposal) -> dict[str, object]:
    return {
        "kind": ForumKind.WORKSHOP,
        "title": (_("Proposal workshop: %(title)s") % {"title": proposal.title})[:200],
        "description": _("A workshop to develop the proposal “%(title)s” (%(count)d supports).")
        % {"title": proposal.title, "count": proposal.support_count},
        "dong": proposal.dong_id,
        "target_groups": [TargetGroup.RESIDENTS],
        "proposal": proposal.pk,
    }


@staff_required
def new_forum(request: HttpRequest) -> HttpResponse:
    """Set up a forum of the district (dong staff: of their dong), published at once; with
    `proposal`, a 구민제안 발굴 워크숍 on it, pre-filled (its kind fixed)."""
    proposal, now = _workshop_proposal(request), timezone.now()
    district = proposal.district if proposal else current_district(request)
    initial = _workshop_initial(proposal) if proposal else None
    form = ForumForm(request.POST or None, district=district, initial=initial)
    if proposal:
        form.fields["kind"].disabled = True

    def act() -> tuple[str, str]:
        data = form.cleaned_data
        spec = ForumSpec(
            kind=data["kind"],
            title=data["title"],
            place=data["place"],
            starts_at=data["starts_at"],
            ends_at=data["ends_at"],
            capacity=data["capacity"],
            target_groups=data["target_groups"],
            description=data["description"],
            panels=data["panels"],
            materials=data["materials"],
            dong=data["dong"],
        )
        if proposal:
            made = forums.open_workshop(proposal=proposal, spec=spec, **acting(request, now))
        else:
            made = forums.create_forum(spec=spec, district=district, **acting(request, now))
        return _("The forum was created."), reverse("consultations:staff_forum", args=[made.pk])

    context = {
        "form": form,
        "district": district,
        "proposal": proposal,
        "refusal": can(request.user, Action.OPEN_WORKSHOP, proposal, now=now) if proposal else None,
    }
    return form_page(
        request, form=form, act=act, template="consultations/staff/new_forum.html", context=context
    )


@staff_required
def new_process(request: HttpRequest) -> HttpResponse:
    """Lay out a staged process from the district's forums, consultations and votes."""
    district, now = current_district(request), timezone.now()
    form = ProcessForm(request.POST or None, district=district)

    def act() -> tuple[str, str]:
        data = form.cleaned_data
        made = processes.create_process(
            district=district,
            dong=data["dong"],
            title=data["title"],
            description=data["description"],
            stages=data["stages"],
            **acting(request, now),
        )
        return _("The staged process was created."), made.get_absolute_url()

    rows = [(form[f"stage_{n}_title"], form[f"stage_{n}"]) for n in range(1, STAGE_ROWS + 1)]
    return form_page(
        request,
        form=form,
        act=act,
        template="consultations/staff/new_process.html",
        context={"form": form, "district": district, "rows": rows},
    )
