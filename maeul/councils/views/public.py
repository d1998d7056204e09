"""Public pages of councils: the district's councils, one council (members, sections, the
year's timeline), its recruitment (the call, the application, the published result).

Members are shown by the name they chose to show, their role and section only.
"""

from django.contrib import messages
from django.contrib.auth.views import redirect_to_login
from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from maeul.core.errors import RuleViolation
from maeul.core.permissions import Action, can
from maeul.councils.forms import ApplicationForm
from maeul.councils.models import (
    Council,
    CycleStep,
    MembershipApplication,
    Recruitment,
)
from maeul.councils.services import cycle, members
from maeul.councils.services import recruitment as recruiting
from maeul.courses.completion import school_refusal
from maeul.places.models import District


def _councils() -> QuerySet[Council]:
    return Council.objects.select_related("district", "dong")


def council_list(request: HttpRequest) -> HttpResponse:
    """A district's councils (?district=code): its governance council and the dongs' councils."""
    today = timezone.localdate()
    districts = District.objects.filter(councils__isnull=False).distinct().order_by("code")
    code = request.GET.get("district", "")
    district = districts.filter(code=code).first() if code else None
    if district is None:
        district = districts.first()
    rows = []
    if district is not None:
        councils = (
            _councils()
            .filter(district=district)
            .prefetch_related(
                Prefetch(
                    "cycle_steps",
                    queryset=CycleStep.objects.filter(year=today.year),
                    to_attr="year_steps",
                )
            )
            .order_by("kind", "dong__code")  # "governance" before "resident"
        )
        for council in councils:
            steps = council.year_steps or cycle.default_steps(council, today.year)
            now_steps = cycle.current_of(steps, today)
            rows.append({"council": council, "phase": now_steps[0] if now_steps else None})
    choices = districts.values_list("code", "name")
    context = {"districts": choices, "district": district, "rows": rows}
    return render(request, "councils/list.html", context)


def council_detail(request: HttpRequest, pk: int) -> HttpResponse:
    now = timezone.now()
    today = timezone.localdate(now)
    council = get_object_or_404(_councils(), pk=pk)
    term = members.current_term(council, today)
    sections = council.sections.annotate(
        member_count=Count(
            "members",
            filter=Q(members__left_on__isnull=True, members__term=term),
        )
    ).order_by("order", "name")
    call = recruiting.recruitment_of(council)
    context = {
        "council": council,
        "term": term,
        "members": members.current_members(term) if term is not None else [],
        "sections": sections,
        "year": today.year,
        "timeline": cycle.timeline(council, today.year, today),
        "planned": council.cycle_steps.filter(year=today.year).exists(),
        "recruitment": call,
        "recruitment_open": call is not None and call.is_open(now),
        "is_staff": bool(can(request.user, Action.MANAGE_COUNCIL, council, now=now)),
    }
    return render(request, "councils/detail.html", context)


def _recruitment_page(
    request: HttpRequest,
    council: Council,
    call: Recruitment | None,
    *,
    form: ApplicationForm | None = None,
    status: int = 200,
) -> HttpResponse:
    now = timezone.now()
    mine = None
    decision = None
    missing_school = None
    if call is not None:
        decision = can(request.user, Action.APPLY_TO_COUNCIL, call, now=now)
        if request.user.is_authenticated:
            mine = MembershipApplication.objects.filter(recruitment=call, user=request.user).first()
            missing_school = school_refusal(request.user, council)
        if form is None and decision and mine is None and missing_school is None:
            form = ApplicationForm(
                council=council,
                initial={"public_name": getattr(request.user, "display_name", "")},
            )
    context = {
        "council": council,
        "recruitment": call,
        "is_open": call is not None and call.is_open(now),
        "selected": call is not None and call.is_selected,
        "results": recruiting.results(call) if call is not None and call.is_selected else [],
        "application_count": call.applications.count() if call is not None else 0,
        "decision": decision,
        "missing_school": missing_school,
        "mine": mine,
        "form": form,
        "recommended_places": recruiting.recommended_places(call.seats) if call else 0,
    }
    return render(request, "councils/recruitment.html", context, status=status)


def recruitment(request: HttpRequest, pk: int) -> HttpResponse:
    council = get_object_or_404(_councils(), pk=pk)
    return _recruitment_page(request, council, recruiting.recruitment_of(council))


def apply(request: HttpRequest, pk: int) -> HttpResponse:
    """The application form is on the recruitment page; a POST here sends it."""
    council = get_object_or_404(_councils(), pk=pk)
    page = reverse("councils:recruitment", kwargs={"pk": council.pk})
    if not request.user.is_authenticated:
        return redirect_to_login(page)
    if request.method != "POST":
        return redirect(page)
    call = recruiting.recruitment_of(council)
    if call is None:
        raise Http404
    form = ApplicationForm(request.POST, council=council)
    if not form.is_valid():
        return _recruitment_page(request, council, call, form=form, status=400)
    try:
        recruiting.apply(
            recruitment=call,
            user=request.user,
            **form.cleaned_data,
            now=timezone.now(),
        )
    except RuleViolation as refusal:
        form.add_error(refusal.field if refusal.field in form.fields else None, refusal.message)
        return _recruitment_page(request, council, call, form=form, status=400)
    messages.success(request, _("Your application has been received."))
    return redirect(page)
