"""Staff pages of grants: the calls of the districts served (new, change, categories,
publish, the review committee and the ranking), and a call's applications beside their
similar matches (다시 확인), their reviews and the decision (선정 / 미선정)."""

from typing import Any, cast

from django.db.models import Count, Prefetch, Q
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from maeul.core.desk import PageDesk, RowDesk, served_row
from maeul.core.desk_steps import desk_step
from maeul.core.permissions import Action, can, scope_of, staff_required
from maeul.core.requests import acting
from maeul.grants.forms import (
    AgreementForm,
    CallForm,
    CategoryForm,
    CriteriaForm,
    DecisionForm,
    DisbursementForm,
    ReviewerForm,
)
from maeul.grants.models import (
    DEFAULT_CRITERIA,
    HANDED_IN,
    Application,
    DuplicateMatch,
    ExpenseCategory,
    GrantCall,
    Review,
)
from maeul.grants.services import calls as services
from maeul.grants.services import review as review_services
from maeul.grants.services.screening import recheck_duplicates
from maeul.grants.views.money import money_context
from maeul.places.models import District, Dong


def _district(request: HttpRequest) -> District | None:
    """The district a new call is for: the first one the staff member configures calls of."""
    scope = scope_of(request.user)
    districts = District.objects.order_by("code")
    if not scope.site_admin:
        districts = districts.filter(pk__in=scope.district_ids)
    return districts.first()


def _dongs(district: District | None) -> Any:
    return Dong.objects.filter(district=district).order_by("code")


def staff_call(request: HttpRequest, pk: int) -> GrantCall:
    return served_row(request, GrantCall.objects.select_related("district", "dong"), pk)


def _render_list(request: HttpRequest, *, status: int = 200, **forms: Any) -> HttpResponse:
    district = _district(request)
    rows = scope_of(request.user).rows(GrantCall.objects.select_related("district", "dong"))
    handed_in = Count("applications", filter=Q(applications__status__in=HANDED_IN))
    return render(
        request,
        "grants/staff/call_list.html",
        {
            "calls": list(rows.annotate(handed_in=handed_in).order_by("-year", "-opens_at")),
            "district": district,
            "form": forms.get("form") or CallForm(dongs=_dongs(district)),
            "may_create": district is not None
            and can(request.user, Action.MANAGE_GRANT_CALL, district, now=timezone.now()),
        },
        status=status,
    )


CALLS_PAGE = PageDesk(page=_render_list, url_name="grants:staff_calls")


@staff_required
def call_list(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return _render_list(request)
    now, district = timezone.now(), _district(request)
    form = CallForm(request.POST, dongs=_dongs(district))

    def act() -> tuple[str, str]:
        call = services.create_call(
            district=cast(District, district),
            **acting(request, now),
            **form.cleaned_data,
        )
        return _("The call was saved. Add its expense categories, then publish it."), reverse(
            "grants:staff_call", args=[call.pk]
        )

    decision = can(request.user, Action.MANAGE_GRANT_CALL, district, now=now)
    return CALLS_PAGE.act(request, act, decision=decision, form=form, form_key="form")


def _render_call(
    request: HttpRequest, call: GrantCall, *, status: int = 200, **forms: Any
) -> HttpResponse:
    now = timezone.now()
    criteria = list(call.criteria.all())
    applications = (
        scope_of(request.user)
        .rows(call.applications.filter(status__in=HANDED_IN))
        .select_related("group", "dong")
        .prefetch_related(
            Prefetch(
                "duplicate_matches",
                queryset=DuplicateMatch.objects.select_related(
                    "other__group", "other__call", "other__dong"
                ),
            )
        )
        .order_by("submitted_at", "pk")
    )
    return render(
        request,
        "grants/staff/call.html",
        {
            "call": call,
            "categories": list(call.categories.all()),
            "applications": list(applications),
            "manage": can(request.user, Action.MANAGE_GRANT_CALL, call, now=now),
            "form": forms.get("form") or CallForm(instance=call, dongs=_dongs(call.district)),
            "category_form": forms.get("category_form") or CategoryForm(),
            "reviewers": list(call.reviewers.select_related("user")),
            "criteria": criteria,
            "sheet_open": not Review.objects.filter(application__call=call).exists(),
            "criteria_form": forms.get("criteria_form")
            or CriteriaForm(
                initial={
                    "criteria": "\n".join(f"{c.name} {c.max_points}" for c in criteria)
                    or "\n".join(f"{name} {points}" for name, points in DEFAULT_CRITERIA)
                }
            ),
            "ranking": review_services.ranking(call),
            "reviewer_form": forms.get("reviewer_form") or ReviewerForm(),
        },
        status=status,
    )


@staff_required
def call_desk(request: HttpRequest, pk: int) -> HttpResponse:
    return _render_call(request, staff_call(request, pk))


CALL_DESK = RowDesk(
    page=_render_call, url_name="grants:staff_call", action=Action.MANAGE_GRANT_CALL
)


@staff_required
@require_POST
def change_call(request: HttpRequest, pk: int) -> HttpResponse:
    call = staff_call(request, pk)
    form = CallForm(request.POST, dongs=_dongs(call.district))
    return desk_step(
        request,
        CALL_DESK,
        call,
        services.change_call,
        _("The call was saved."),
        form=form,
        form_key="form",
        call=call,
    )


@staff_required
@require_POST
def add_category(request: HttpRequest, pk: int) -> HttpResponse:
    call = staff_call(request, pk)
    return desk_step(
        request,
        CALL_DESK,
        call,
        services.add_category,
        _("The expense category was added."),
        form=CategoryForm(request.POST),
        form_key="category_form",
        call=call,
    )


@staff_required
@require_POST
def remove_category(request: HttpRequest, pk: int) -> HttpResponse:
    calls = scope_of(request.user).rows(GrantCall.objects.all())
    category = get_object_or_404(ExpenseCategory.objects.filter(call__in=calls), pk=pk)
    call = staff_call(request, category.call_id)
    return desk_step(
        request,
        CALL_DESK,
        call,
        services.remove_category,
        _("The expense category was removed."),
        category=category,
    )


@staff_required
@require_POST
def publish(request: HttpRequest, pk: int) -> HttpResponse:
    call = staff_call(request, pk)
    return desk_step(
        request, CALL_DESK, call, services.publish_call, _("The call was published."), call=call
    )


@staff_required
@require_POST
def add_reviewer(request: HttpRequest, pk: int) -> HttpResponse:
    call = staff_call(request, pk)
    return desk_step(
        request,
        CALL_DESK,
        call,
        review_services.add_reviewer,
        _("The reviewer was added to the committee."),
        action=Action.MANAGE_COMMITTEE,
        form=ReviewerForm(request.POST),
        form_key="reviewer_form",
        call=call,
    )


@staff_required
@require_POST
def set_criteria(request: HttpRequest, pk: int) -> HttpResponse:
    call = staff_call(request, pk)
    return desk_step(
        request,
        CALL_DESK,
        call,
        review_services.set_criteria,
        _("The scoring sheet was saved."),
        action=Action.MANAGE_COMMITTEE,
        form=CriteriaForm(request.POST),
        form_key="criteria_form",
        call=call,
    )


def staff_application(request: HttpRequest, pk: int) -> Application:
    rows = Application.objects.filter(status__in=HANDED_IN)
    return served_row(
        request, rows.select_related("call__district", "group", "dong", "representative"), pk
    )


def agreement_context(application: Application, **forms: Any) -> dict[str, Any]:
    """The agreement (협약) and payments (교부) of a selected application, and their forms."""
    return {
        "agreement_form": forms.get("agreement_form")
        or AgreementForm(initial={"amount": application.granted_amount}),
        "disbursement_form": forms.get("disbursement_form") or DisbursementForm(),
    }


def _render_application(
    request: HttpRequest, application: Application, *, status: int = 200, **forms: Any
) -> HttpResponse:
    matches = application.duplicate_matches.select_related(
        "other__group", "other__call", "other__dong"
    )
    return render(
        request,
        "grants/staff/application.html",
        {
            "application": application,
            "call": application.call,
            "lines": list(application.budget_lines.select_related("category")),
            "attachments": list(application.attachments.all()),
            "matches": list(matches),
            "reviews": list(
                application.reviews.select_related("reviewer__user").prefetch_related(
                    "scores__criterion"
                )
            ),
            "may_decide": can(
                request.user, Action.DECIDE_APPLICATION, application, now=timezone.now()
            ),
            "decision_form": forms.get("decision_form") or DecisionForm(),
            **money_context(application, **forms),
            **agreement_context(application, **forms),
        },
        status=status,
    )


# Each step on an application after it was handed in; the decision unless it names another.
APPLICATION_DESK = RowDesk(
    page=_render_application,
    url_name="grants:staff_application",
    action=Action.DECIDE_APPLICATION,
)


@staff_required
def application_desk(request: HttpRequest, pk: int) -> HttpResponse:
    return _render_application(request, staff_application(request, pk))


@staff_required
@require_POST
def recheck(request: HttpRequest, pk: int) -> HttpResponse:
    application, now = staff_application(request, pk), timezone.now()

    def act() -> str:
        matches = recheck_duplicates(application=application, **acting(request, now))
        return _("Similar applications checked again: %(count)d found.") % {"count": len(matches)}

    return APPLICATION_DESK.act(
        request, application, act, action=Action.SCREEN_APPLICATION, now=now
    )


@staff_required
@require_POST
def decide(request: HttpRequest, pk: int) -> HttpResponse:
    application, now = staff_application(request, pk), timezone.now()
    form = DecisionForm(request.POST)

    def act() -> str:
        selected = form.cleaned_data["outcome"] == "selected"
        review_services.decide(
            application=application,
            selected=selected,
            amount=form.cleaned_data["amount"],
            reasons=form.cleaned_data["reasons"],
            **acting(request, now),
        )
        return _("The decision was recorded and the applicant notified.")

    return APPLICATION_DESK.act(
        request, application, act, now=now, form=form, form_key="decision_form"
    )
