"""The committee's pages (심의): a reviewer's calls and applications, and one application
beside its similar matches with the scoring sheet and the conflict-of-interest button.

A reviewer opens only the applications of calls whose committee they sit on (others are a
404) and never one on which they declared a conflict (a 403 that says why)."""

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from maeul.core.desk import RowDesk
from maeul.core.permissions import Action
from maeul.core.permissions.grants import REVIEW_FILE_KINDS
from maeul.core.permissions.scope import require
from maeul.grants.forms import ScoreForm
from maeul.grants.models import HANDED_IN, Application, Conflict, Review, Reviewer
from maeul.grants.services import review as services
from maeul.grants.services.settlement import past_evaluations


def _me(request: HttpRequest) -> int:
    return int(request.user.pk or 0)


@login_required
def review_list(request: HttpRequest) -> HttpResponse:
    """The calls whose committee the user sits on, with their applications."""
    seats = Reviewer.objects.filter(user_id=_me(request)).select_related("call")
    conflicts = set(
        Conflict.objects.filter(reviewer__in=seats).values_list("application_id", flat=True)
    )
    scored = dict(Review.objects.filter(reviewer__in=seats).values_list("application_id", "total"))
    calls = [
        {
            "call": seat.call,
            "applications": [
                {
                    "application": application,
                    "conflict": application.pk in conflicts,
                    "total": scored.get(application.pk),
                }
                for application in seat.call.applications.filter(status__in=HANDED_IN)
                .select_related("group", "dong")
                .order_by("submitted_at", "pk")
            ],
        }
        for seat in seats
    ]
    return render(request, "grants/review/list.html", {"calls": calls})


def _application(request: HttpRequest, pk: int) -> Application:
    """An application of a call the user reviews (else 404); refused (403) after a conflict."""
    application = get_object_or_404(
        Application.objects.filter(
            status__in=HANDED_IN, call__reviewers__user_id=_me(request)
        ).select_related("call", "group", "dong"),
        pk=pk,
    )
    require(request.user, Action.REVIEW_APPLICATION, application, now=timezone.now())
    return application


def _render(
    request: HttpRequest, application: Application, *, status: int = 200, **forms: Any
) -> HttpResponse:
    criteria = services.criteria_of(application.call)
    review = Review.objects.filter(application=application, reviewer__user_id=_me(request)).first()
    initial: dict[str, Any] = {}
    if review is not None:
        initial = {f"criterion_{s.criterion_id}": s.points for s in review.scores.all()}
        initial["comment"] = review.comment
    matches = application.duplicate_matches.select_related(
        "other__group", "other__call", "other__dong"
    )
    context = {
        "application": application,
        "call": application.call,
        "lines": list(application.budget_lines.select_related("category")),
        "matches": list(matches),
        "attachments": list(application.attachments.filter(kind__in=REVIEW_FILE_KINDS)),
        "review": review,
        "past_evaluations": past_evaluations(application),
        "may_score": timezone.now() >= application.call.closes_at
        and application.decided_at is None,
        "form": forms.get("form") or ScoreForm(initial=initial, criteria=criteria),
    }
    return render(request, "grants/review/application.html", context, status=status)


# A reviewer's actions on an application: the scores, the conflict of interest.
REVIEW_DESK = RowDesk(page=_render, url_name="grants:review", action=Action.REVIEW_APPLICATION)


@login_required
def review_page(request: HttpRequest, pk: int) -> HttpResponse:
    return _render(request, _application(request, pk))


@login_required
@require_POST
def score(request: HttpRequest, pk: int) -> HttpResponse:
    application, now = _application(request, pk), timezone.now()
    form = ScoreForm(request.POST, criteria=services.criteria_of(application.call))

    def act() -> str:
        review = services.score_application(
            application=application,
            user=request.user,
            points=form.points(),
            comment=form.cleaned_data["comment"],
            now=now,
        )
        return _("Your scores were saved: %(total)d points.") % {"total": review.total}

    return REVIEW_DESK.act(request, application, act, now=now, form=form, form_key="form")


@login_required
@require_POST
def declare_conflict(request: HttpRequest, pk: int) -> HttpResponse:
    application, now = _application(request, pk), timezone.now()

    def act() -> tuple[str, str]:
        services.declare_conflict(application=application, user=request.user, now=now)
        return (
            _("Your conflict of interest was recorded: you will not review this application."),
            reverse("grants:reviews"),
        )

    return REVIEW_DESK.act(request, application, act, now=now)
