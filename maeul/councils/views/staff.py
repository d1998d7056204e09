"""Staff desk of a council: its terms, sections, members and yearly cycle.

Dong staff (동 주민센터) manage their dong's resident council, district staff (구청) every
council of their district, site admins all (see `views.access` for the refusals). Each
form posts to its own address and comes back to the desk (PRG); a refused or invalid form
is answered by `core.desk.desk_action`. A member's page and the call for members are in
`staff_members`.
"""

from collections.abc import Callable
from datetime import date
from operator import attrgetter
from typing import Any

from django import forms
from django.db.models import Count, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from maeul.core.access_log import record_access
from maeul.core.desk import RowDesk, served_row
from maeul.core.forms import ExportReasonForm
from maeul.core.models import AccessAction
from maeul.core.permissions import Action, scope_of, staff_required
from maeul.core.requests import acting
from maeul.councils.forms import (
    CycleForm,
    MemberForm,
    RecruitmentForm,
    SectionForm,
    SelectionForm,
    StepForm,
    TermForm,
)
from maeul.councils.models import Council, CycleStep, Term
from maeul.councils.services import cycle, members
from maeul.councils.services import recruitment as recruiting
from maeul.councils.views.access import (
    managed_council,
    require_manage,
    staff_council,
)


# --- Pages ---------------------------------------------------------------------------------
@staff_required
def council_list(request: HttpRequest) -> HttpResponse:
    """The councils the staff member manages."""
    councils = (
        scope_of(request.user)
        .rows(Council.objects.select_related("district", "dong"))
        .order_by("district__code", "kind", "dong__code")
    )
    return render(request, "councils/staff_list.html", {"councils": councils})


def desk_term(council: Council, request: HttpRequest, today: date) -> Term | None:
    """The term the desk shows: `?term=<number>`, else the current one, else the newest."""
    number = request.GET.get("term", "")
    if number.isdigit():
        chosen = council.terms.filter(number=int(number)).first()
        if chosen is not None:
            return chosen
    return members.current_term(council, today) or council.terms.order_by("-number").first()


def log_view(request: HttpRequest, subject: Any) -> None:
    """Members' and applicants' names are personal data: each staff view is logged."""
    record_access(
        subject=subject,
        action=AccessAction.VIEW,
        what=request.path,
        reason=_("Council administration"),
        **acting(request, timezone.now()),
    )


def render_desk(
    request: HttpRequest, council: Council, *, status: int = 200, **bound: forms.Form
) -> HttpResponse:
    """The council's desk, with the forms in `bound` as posted (the others empty)."""
    now = timezone.now()
    today = timezone.localdate(now)
    log_view(request, f"council {council.pk}: members and applicants")
    term = desk_term(council, request, today)
    member_initial = {"term": term, "joined_on": max(term.starts_on, today)} if term else {}
    call = recruiting.recruitment_of(council)
    year = today.year
    defaults: dict[str, Callable[[], forms.Form]] = {
        "term_form": TermForm,
        "section_form": SectionForm,
        "member_form": lambda: MemberForm(council=council, initial=member_initial),
        "recruitment_form": lambda: RecruitmentForm(council=council),
        "selection_form": SelectionForm,
        "cycle_form": lambda: CycleForm(initial={"year": year}),
        "export_form": ExportReasonForm,
    }
    context: dict[str, Any] = {name: bound.get(name) or make() for name, make in defaults.items()}
    context.update(
        {
            "council": council,
            "terms": council.terms.annotate(
                member_count=Count("members", filter=Q(members__left_on__isnull=True))
            ).order_by("-number"),
            "term": term,
            "members": list(
                term.members.select_related("section", "user").order_by(
                    "left_on", "role", "public_name"
                )
            )
            if term is not None
            else [],
            "sections": council.sections.order_by("order", "name"),
            "recruitment": call,
            "applications": list(
                call.applications.select_related("wanted_section").order_by("created_at")
            )
            if call is not None
            else [],
            "may_select": call is not None and call.may_select(now),
            "steps": council.cycle_steps.filter(year__gte=year - 1).order_by("year", "starts_on"),
            "timeline": cycle.timeline(council, year, today),
        }
    )
    return render(request, "councils/staff_desk.html", context, status=status)


@staff_required
def desk(request: HttpRequest, pk: int) -> HttpResponse:
    return render_desk(request, managed_council(request, pk))


def desk_url(council: Council, term: Term | None = None) -> str:
    url = reverse("councils:staff_desk", kwargs={"pk": council.pk})
    return f"{url}?term={term.number}" if term is not None else url


# Each action of a council's desk; one that leaves it on a term returns its `desk_url`.
COUNCIL_DESK = RowDesk(
    page=render_desk, url_name="councils:staff_desk", action=Action.MANAGE_COUNCIL
)


# --- Terms, sections, members --------------------------------------------------------------
@staff_required
@require_POST
def start_term(request: HttpRequest, pk: int) -> HttpResponse:
    council, now = staff_council(request, pk), timezone.now()
    form = TermForm(request.POST)

    def act() -> tuple[str, str]:
        term = members.start_term(council=council, **form.cleaned_data, **acting(request, now))
        notice = _("Term %(number)d runs from %(starts)s to %(ends)s.") % {
            "number": term.number,
            "starts": term.starts_on.isoformat(),
            "ends": term.ends_on.isoformat(),
        }
        return notice, desk_url(council, term)

    return COUNCIL_DESK.act(request, council, act, now=now, form=form, form_key="term_form")


@staff_required
@require_POST
def add_section(request: HttpRequest, pk: int) -> HttpResponse:
    council, now = staff_council(request, pk), timezone.now()
    form = SectionForm(request.POST)

    def act() -> str:
        section = members.add_section(council=council, **form.cleaned_data, **acting(request, now))
        return _("The section %(name)s was added.") % {"name": section.name}

    return COUNCIL_DESK.act(request, council, act, now=now, form=form, form_key="section_form")


@staff_required
@require_POST
def add_member(request: HttpRequest, pk: int) -> HttpResponse:
    council, now = staff_council(request, pk), timezone.now()
    form = MemberForm(request.POST, council=council)

    def act() -> tuple[str, str]:
        member = members.add_member(**form.cleaned_data, **acting(request, now))
        notice = _("%(name)s was added to the term.") % {"name": member.public_name}
        return notice, desk_url(council, member.term)

    return COUNCIL_DESK.act(request, council, act, now=now, form=form, form_key="member_form")


# --- The yearly cycle ----------------------------------------------------------------------
@staff_required
@require_POST
def plan_cycle(request: HttpRequest, pk: int) -> HttpResponse:
    council, now = staff_council(request, pk), timezone.now()
    form = CycleForm(request.POST)

    def act() -> str:
        cycle.plan_cycle(council=council, **form.cleaned_data, **acting(request, now))
        return _(
            "The cycle of %(year)d is planned. Staff will be reminded before each deadline."
        ) % {"year": form.cleaned_data["year"]}

    return COUNCIL_DESK.act(request, council, act, now=now, form=form, form_key="cycle_form")


def _step_page(
    request: HttpRequest, step: CycleStep, *, form: StepForm | None = None, status: int = 200
) -> HttpResponse:
    initial = {"starts_on": step.starts_on, "ends_on": step.ends_on}
    context = {"step": step, "council": step.council, "form": form or StepForm(initial=initial)}
    return render(request, "councils/staff_step.html", context, status=status)


# A step's page asks of its council, and returns to the council's desk when done.
STEP_PAGE = RowDesk(
    page=_step_page,
    url_name="councils:staff_step",
    action=Action.MANAGE_COUNCIL,
    asked_of=attrgetter("council"),
    done_url=lambda step: desk_url(step.council),
)


@staff_required
def step(request: HttpRequest, pk: int) -> HttpResponse:
    """Move one cycle step's dates (GET the form, POST the change)."""
    row = served_row(request, CycleStep.objects.select_related("council__district"), pk)
    now = timezone.now()
    if request.method != "POST":
        require_manage(request, row.council, now)
        return _step_page(request, row)
    form = StepForm(request.POST)

    def act() -> str:
        cycle.change_step(step=row, **form.cleaned_data, **acting(request, now))
        return _("The dates were saved.")

    return STEP_PAGE.act(request, row, act, now=now, form=form, form_key="form")
