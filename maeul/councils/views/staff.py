"""Staff desk of a council: terms, sections, members, the recruitment and the yearly cycle.

Dong staff (동 주민센터) manage their dong's resident council, district staff (구청) every
council of their district, site admins all. A council outside the staff member's dongs
and districts does not exist for them (404); people who are not staff get 403. Each
form posts to its own address and comes back to the desk (PRG); a refused or invalid
form is shown again on the desk with the reason, status 400.
"""

from collections.abc import Callable
from datetime import date
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from maeul.core.access_log import record_access
from maeul.core.errors import RuleViolation
from maeul.core.forms import ExportReasonForm
from maeul.core.models import AccessAction
from maeul.core.permissions import Action, can, scope_of
from maeul.core.requests import client_ip
from maeul.councils.forms import (
    CycleForm,
    EndMembershipForm,
    MemberChangeForm,
    MemberForm,
    RecruitmentForm,
    SectionForm,
    SelectionForm,
    StepForm,
    TermForm,
)
from maeul.councils.models import (
    Council,
    CouncilMember,
    CycleStep,
    Recruitment,
    RecruitmentStatus,
    Term,
)
from maeul.councils.services import cycle, members
from maeul.councils.services import recruitment as recruiting

DESK_FORMS = (
    "term_form",
    "section_form",
    "member_form",
    "recruitment_form",
    "selection_form",
    "cycle_form",
    "export_form",
)


# --- Scope ---------------------------------------------------------------------------------
def _require_staff(request: HttpRequest) -> None:
    decision = can(request.user, Action.VIEW_STAFF_PAGES, now=timezone.now())
    if not decision:
        raise PermissionDenied(decision.reason)


def councils_in_scope(user: Any) -> QuerySet[Council]:
    scope = scope_of(user)
    councils = Council.objects.select_related("district", "dong")
    if scope.site_admin:
        return councils
    return councils.filter(Q(district_id__in=scope.district_ids) | Q(dong_id__in=scope.dong_ids))


def _staff_council(request: HttpRequest, pk: int) -> Council:
    _require_staff(request)
    council = get_object_or_404(councils_in_scope(request.user), pk=pk)
    decision = can(request.user, Action.MANAGE_COUNCIL, council, now=timezone.now())
    if not decision:
        raise PermissionDenied(decision.reason)
    return council


def _staff_member(request: HttpRequest, member_pk: int) -> CouncilMember:
    _require_staff(request)
    in_scope = councils_in_scope(request.user).values("pk")
    return get_object_or_404(
        CouncilMember.objects.select_related("term__council__district", "section"),
        pk=member_pk,
        term__council__in=in_scope,
    )


def _staff_recruitment(request: HttpRequest, pk: int) -> Recruitment:
    _require_staff(request)
    in_scope = councils_in_scope(request.user).values("pk")
    return get_object_or_404(
        Recruitment.objects.select_related("term__council__district"),
        pk=pk,
        term__council__in=in_scope,
    )


def _staff_step(request: HttpRequest, pk: int) -> CycleStep:
    _require_staff(request)
    in_scope = councils_in_scope(request.user).values("pk")
    return get_object_or_404(
        CycleStep.objects.select_related("council__district"), pk=pk, council__in=in_scope
    )


def _refused(refusal: RuleViolation) -> None:
    if refusal.code == "forbidden":
        raise PermissionDenied(refusal.message)


# --- Pages ---------------------------------------------------------------------------------
@login_required
def council_list(request: HttpRequest) -> HttpResponse:
    """The councils the staff member manages."""
    _require_staff(request)
    councils = councils_in_scope(request.user).order_by("district__code", "kind", "dong__code")
    return render(request, "councils/staff_list.html", {"councils": councils})


def _desk_term(council: Council, request: HttpRequest, today: date) -> Term | None:
    number = request.GET.get("term", "")
    if number.isdigit():
        chosen = council.terms.filter(number=int(number)).first()
        if chosen is not None:
            return chosen
    return members.current_term(council, today) or council.terms.order_by("-number").first()


def _log_view(request: HttpRequest, subject: Any) -> None:
    """Members' and applicants' names are personal data: each staff view is logged."""
    record_access(
        staff=request.user,
        subject=subject,
        action=AccessAction.VIEW,
        what=request.path,
        reason=_("Council administration"),
        ip=client_ip(request),
        now=timezone.now(),
    )


def _desk(
    request: HttpRequest, council: Council, *, status: int = 200, **bound: forms.Form
) -> HttpResponse:
    now = timezone.now()
    today = timezone.localdate(now)
    _log_view(request, f"council {council.pk}: members and applicants")
    term = _desk_term(council, request, today)
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
    steps = list(council.cycle_steps.filter(year__gte=year - 1).order_by("year", "starts_on"))
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
            "call_open": call is not None and call.is_open(now),
            "may_select": call is not None
            and call.status != RecruitmentStatus.SELECTED
            and now >= call.closes_at,
            "steps": steps,
            "timeline": cycle.timeline(council, year, today),
            "year": year,
        }
    )
    return render(request, "councils/staff_desk.html", context, status=status)


@login_required
def desk(request: HttpRequest, pk: int) -> HttpResponse:
    return _desk(request, _staff_council(request, pk))


def _back(council: Council, term: Term | None = None) -> HttpResponse:
    url = reverse("councils:staff_desk", kwargs={"pk": council.pk})
    return redirect(f"{url}?term={term.number}" if term is not None else url)


def _form_action(
    request: HttpRequest,
    form: Any,
    act: Callable[[dict[str, Any]], tuple[str, HttpResponse]],
    invalid: Callable[[], HttpResponse],
) -> HttpResponse:
    """Validate `form` and run `act` (one service call) with its data.

    `act` returns the success message and where to go. A refusal goes onto the form and the
    page is shown again (403 when the rule was about who may act); so is an invalid form.
    """
    if form.is_valid():
        try:
            notice, done = act(form.cleaned_data)
        except RuleViolation as refusal:
            _refused(refusal)
            form.add_error(None, refusal.message)
        else:
            messages.success(request, notice)
            return done
    return invalid()


def _by(request: HttpRequest) -> dict[str, Any]:
    """The acting staff member, the time and the address every service call records."""
    return {"staff": request.user, "now": timezone.now(), "ip": client_ip(request)}


@login_required
@require_POST
def start_term(request: HttpRequest, pk: int) -> HttpResponse:
    council = _staff_council(request, pk)
    form = TermForm(request.POST)

    def act(data: dict[str, Any]) -> tuple[str, HttpResponse]:
        term = members.start_term(
            council=council, number=data["number"], starts_on=data["starts_on"], **_by(request)
        )
        notice = _("Term %(number)d runs from %(starts)s to %(ends)s.") % {
            "number": term.number,
            "starts": term.starts_on.isoformat(),
            "ends": term.ends_on.isoformat(),
        }
        return notice, _back(council, term)

    return _form_action(
        request, form, act, lambda: _desk(request, council, status=400, term_form=form)
    )


@login_required
@require_POST
def add_section(request: HttpRequest, pk: int) -> HttpResponse:
    council = _staff_council(request, pk)
    form = SectionForm(request.POST)

    def act(data: dict[str, Any]) -> tuple[str, HttpResponse]:
        section = members.add_section(council=council, name=data["name"], **_by(request))
        return _("The section %(name)s was added.") % {"name": section.name}, _back(council)

    return _form_action(
        request, form, act, lambda: _desk(request, council, status=400, section_form=form)
    )


@login_required
@require_POST
def add_member(request: HttpRequest, pk: int) -> HttpResponse:
    council = _staff_council(request, pk)
    form = MemberForm(request.POST, council=council)

    def act(data: dict[str, Any]) -> tuple[str, HttpResponse]:
        member = members.add_member(
            term=data["term"],
            public_name=data["public_name"],
            role=data["role"],
            section=data["section"],
            route=data["route"],
            user=data["email"],
            joined_on=data["joined_on"],
            **_by(request),
        )
        notice = _("%(name)s was added to the term.") % {"name": member.public_name}
        return notice, _back(council, member.term)

    return _form_action(
        request, form, act, lambda: _desk(request, council, status=400, member_form=form)
    )


def _member_page(
    request: HttpRequest,
    member: CouncilMember,
    *,
    change_form: MemberChangeForm | None = None,
    end_form: EndMembershipForm | None = None,
    status: int = 200,
) -> HttpResponse:
    context = {
        "member": member,
        "council": member.term.council,
        "change_form": change_form or MemberChangeForm(member=member),
        "end_form": end_form or EndMembershipForm(initial={"left_on": timezone.localdate()}),
    }
    return render(request, "councils/staff_member.html", context, status=status)


@login_required
def member(request: HttpRequest, member_pk: int) -> HttpResponse:
    """A member's role, section and name shown (GET the form, POST the change)."""
    row = _staff_member(request, member_pk)
    if request.method != "POST":
        _log_view(request, row.user or f"council member {row.pk}")
        return _member_page(request, row)
    form = MemberChangeForm(request.POST, member=row)

    def act(data: dict[str, Any]) -> tuple[str, HttpResponse]:
        members.change_member(
            member=row,
            public_name=data["public_name"],
            role=data["role"],
            section=data["section"],
            **_by(request),
        )
        return _("The member's details were saved."), _back(row.term.council, row.term)

    return _form_action(
        request, form, act, lambda: _member_page(request, row, change_form=form, status=400)
    )


@login_required
@require_POST
def end_member(request: HttpRequest, member_pk: int) -> HttpResponse:
    row = _staff_member(request, member_pk)
    form = EndMembershipForm(request.POST)

    def act(data: dict[str, Any]) -> tuple[str, HttpResponse]:
        members.end_membership(member=row, left_on=data["left_on"], **_by(request))
        notice = _("%(name)s has left the council.") % {"name": row.public_name}
        return notice, _back(row.term.council, row.term)

    return _form_action(
        request, form, act, lambda: _member_page(request, row, end_form=form, status=400)
    )


@login_required
@require_POST
def open_recruitment(request: HttpRequest, pk: int) -> HttpResponse:
    council = _staff_council(request, pk)
    form = RecruitmentForm(request.POST, council=council)

    def act(data: dict[str, Any]) -> tuple[str, HttpResponse]:
        recruiting.open_recruitment(
            term=data["term"],
            seats=data["seats"],
            opens_at=data["opens_at"],
            closes_at=data["closes_at"],
            **_by(request),
        )
        return _("The call for members is open."), _back(council)

    return _form_action(
        request, form, act, lambda: _desk(request, council, status=400, recruitment_form=form)
    )


@login_required
@require_POST
def close_recruitment(request: HttpRequest, pk: int) -> HttpResponse:
    call = _staff_recruitment(request, pk)
    council = call.term.council
    try:
        recruiting.close_recruitment(
            recruitment=call, staff=request.user, now=timezone.now(), ip=client_ip(request)
        )
    except RuleViolation as refusal:
        _refused(refusal)
        messages.error(request, refusal.message)
        return _desk(request, council, status=400)
    messages.success(request, _("The call for members is closed."))
    return _back(council)


@login_required
@require_POST
def select_members(request: HttpRequest, pk: int) -> HttpResponse:
    call = _staff_recruitment(request, pk)
    council = call.term.council
    form = SelectionForm(request.POST)

    def act(data: dict[str, Any]) -> tuple[str, HttpResponse]:
        ranked = recruiting.select_members(
            recruitment=call, seed=data["seed"] or None, **_by(request)
        )
        chosen = sum(1 for a in ranked if a.status == "selected")
        notice = _("%(count)d members were selected. The result is published.") % {"count": chosen}
        return notice, _back(council, call.term)

    return _form_action(
        request, form, act, lambda: _desk(request, council, status=400, selection_form=form)
    )


@login_required
@require_POST
def plan_cycle(request: HttpRequest, pk: int) -> HttpResponse:
    council = _staff_council(request, pk)
    form = CycleForm(request.POST)

    def act(data: dict[str, Any]) -> tuple[str, HttpResponse]:
        cycle.plan_cycle(council=council, year=data["year"], **_by(request))
        notice = _(
            "The cycle of %(year)d is planned. Staff will be reminded before each deadline."
        ) % {"year": data["year"]}
        return notice, _back(council)

    return _form_action(
        request, form, act, lambda: _desk(request, council, status=400, cycle_form=form)
    )


@login_required
def step(request: HttpRequest, pk: int) -> HttpResponse:
    """Move one cycle step's dates (GET the form, POST the change)."""
    row = _staff_step(request, pk)
    council = row.council

    def page(form: StepForm, status: int = 200) -> HttpResponse:
        context = {"step": row, "council": council, "form": form}
        return render(request, "councils/staff_step.html", context, status=status)

    if request.method != "POST":
        return page(StepForm(initial={"starts_on": row.starts_on, "ends_on": row.ends_on}))
    form = StepForm(request.POST)

    def act(data: dict[str, Any]) -> tuple[str, HttpResponse]:
        cycle.change_step(
            step=row, starts_on=data["starts_on"], ends_on=data["ends_on"], **_by(request)
        )
        return _("The dates were saved."), _back(council)

    return _form_action(request, form, act, lambda: page(form, status=400))
