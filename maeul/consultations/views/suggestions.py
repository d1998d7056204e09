"""건의 pages: the public list (what, where, which department, the answer; never who), and
the staff desks to record one, route it, answer it or turn it into a proposal."""

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from maeul.consultations.forms import PublishedTextForm, RouteForm, SuggestionForm, ToProposalForm
from maeul.consultations.models import FieldSuggestion
from maeul.consultations.services import suggestions
from maeul.core.desk import PageDesk, RowDesk, served_row
from maeul.core.permissions import Action, can, scope_of, staff_required
from maeul.core.requests import acting
from maeul.proposals.views.common import current_district

STEPS = ("route", "answer", "proposal")


def suggestion_list(request: HttpRequest) -> HttpResponse:
    rows = FieldSuggestion.objects.select_related("district", "dong", "department", "proposal")
    return render(request, "consultations/suggestions.html", {"suggestions": list(rows[:200])})


def _staff_page(request: HttpRequest, *, status: int = 200, **forms: object) -> HttpResponse:
    district = current_district(request)
    rows = scope_of(request.user).rows(FieldSuggestion.objects.select_related("dong", "department"))
    context = {
        "suggestions": list(rows[:200]),
        "district": district,
        "form": SuggestionForm(district=district),
        **forms,
    }
    return render(request, "consultations/staff/suggestions.html", context, status=status)


@staff_required
def staff_suggestions(request: HttpRequest) -> HttpResponse:
    return _staff_page(request)


SUGGESTIONS_PAGE = PageDesk(page=_staff_page, url_name="consultations:staff_suggestions")


@staff_required
@require_POST
def record(request: HttpRequest) -> HttpResponse:
    district, now = current_district(request), timezone.now()
    form = SuggestionForm(request.POST, district=district)
    # Dong staff record for their dong: the place is the dong chosen, else the district.
    place = (form.cleaned_data.get("dong") if form.is_valid() else None) or district

    def act() -> str:
        data = form.cleaned_data
        suggestions.record_suggestion(
            district=district,
            dong=data["dong"],
            occasion=data["occasion"],
            heard_on=data["heard_on"],
            place=data["place"],
            raised_by=data["raised_by"],
            body=data["body"],
            **acting(request, now),
        )
        return _("The suggestion was recorded.")

    decision = can(request.user, Action.RECORD_SUGGESTION, place, now=now)
    return SUGGESTIONS_PAGE.act(request, act, decision=decision, form=form, form_key="form")


def _served(request: HttpRequest, pk: int) -> FieldSuggestion:
    return served_row(request, FieldSuggestion.objects.select_related("district", "dong"), pk)


def _desk(
    request: HttpRequest, suggestion: FieldSuggestion, *, status: int = 200, **forms: object
) -> HttpResponse:
    district = suggestion.district
    context = {
        "suggestion": suggestion,
        "route_form": RouteForm(
            district=district, initial={"department": suggestion.department_id}
        ),
        "answer_form": PublishedTextForm(initial={"text": suggestion.answer}),
        "proposal_form": ToProposalForm(district=district),
        "now": timezone.now(),
        **forms,
    }
    return render(request, "consultations/staff/suggestion.html", context, status=status)


@staff_required
def desk(request: HttpRequest, pk: int) -> HttpResponse:
    return _desk(request, _served(request, pk))


# A refused step shows the refusal in the messages only.
SUGGESTION_DESK = RowDesk(
    page=_desk,
    url_name="consultations:staff_suggestion",
    action=Action.ANSWER_SUGGESTION,
    errors_on_form=False,
)


@staff_required
@require_POST
def act_on(request: HttpRequest, pk: int, step: str) -> HttpResponse:
    """Route (`route`), answer (`answer`) or turn into a proposal (`proposal`)."""
    if step not in STEPS:
        raise Http404
    suggestion, now = _served(request, pk), timezone.now()
    district = suggestion.district
    form: RouteForm | PublishedTextForm | ToProposalForm
    if step == "route":
        form, key = RouteForm(request.POST, district=district), "route_form"
    elif step == "answer":
        form, key = PublishedTextForm(request.POST), "answer_form"
    else:
        form, key = ToProposalForm(request.POST, district=district), "proposal_form"

    def act() -> str:
        data = form.cleaned_data
        if step == "route":
            suggestions.route_suggestion(
                suggestion=suggestion, department=data["department"], **acting(request, now)
            )
            return _("The suggestion was sent to the department.")
        if step == "answer":
            suggestions.answer_suggestion(
                suggestion=suggestion, text=data["text"], **acting(request, now)
            )
            return _("The answer is published.")
        suggestions.suggestion_to_proposal(
            suggestion=suggestion,
            category=data["category"],
            title=data["title"],
            **acting(request, now),
        )
        return _("The suggestion is now a proposal.")

    return SUGGESTION_DESK.act(request, suggestion, act, now=now, form=form, form_key=key)
