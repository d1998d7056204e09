"""Staff desks of consultations: the list of those they serve, and one consultation's desk
(its results with every group, publish the results, the official response and the debate's
summary). Reported arguments are moderated from the staff's moderation queue."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from maeul.consultations.forms import NewConsultationForm, PublishedTextForm, ReasonForm
from maeul.consultations.models import Argument, Consultation
from maeul.consultations.results import results_of
from maeul.consultations.services import debate, running
from maeul.consultations.services.running import ConsultationSpec, QuestionSpec
from maeul.core.desk import RowDesk, form_page, served_row
from maeul.core.permissions import Action, scope_of, staff_required
from maeul.core.requests import acting
from maeul.proposals.views.common import current_district
from maeul.proposals.views.staff import Moderation


def _served(request: HttpRequest, pk: int) -> Consultation:
    return served_row(request, Consultation.objects.select_related("district", "dong"), pk)


@staff_required
def consultation_list(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    rows = scope_of(request.user).rows(Consultation.objects.select_related("district", "dong"))
    return render(
        request,
        "consultations/staff/list.html",
        {"rows": [(c, c.phase(now)) for c in rows], "now": now},
    )


def _desk(
    request: HttpRequest, consultation: Consultation, *, status: int = 200, **forms: object
) -> HttpResponse:
    now = timezone.now()
    context = {
        "consultation": consultation,
        "phase": consultation.phase(now),
        "results": results_of(consultation),
        "response_form": PublishedTextForm(initial={"text": consultation.response}),
        "summary_form": PublishedTextForm(initial={"text": consultation.summary}),
        "now": now,
        **forms,
    }
    return render(request, "consultations/staff/desk.html", context, status=status)


# Each action on a consultation's desk asks its own permission of the consultation; a refused
# form shows the refusal in the messages only.
CONSULTATION_DESK = RowDesk(
    page=_desk,
    url_name="consultations:staff_desk",
    action=Action.MANAGE_CONSULTATION,
    errors_on_form=False,
)


@staff_required
def new_consultation(request: HttpRequest) -> HttpResponse:
    """Set up a draft consultation of the district (dong staff: of their dong)."""
    district, now = current_district(request), timezone.now()
    form = NewConsultationForm(request.POST or None, district=district)

    def act() -> tuple[str, str]:
        data = form.cleaned_data
        spec = ConsultationSpec(
            title=data["title"],
            question=data["question"],
            background=data["background"],
            opens_at=data["opens_at"],
            closes_at=data["closes_at"],
            dong=data["dong"],
            audience_age_groups=data["age_groups"],
            results_live=data["results_live"],
            questions=[
                QuestionSpec(kind, text, options) for kind, text, options in data["questions"]
            ],
        )
        made = running.create_consultation(spec=spec, district=district, **acting(request, now))
        return _("The draft consultation was saved."), reverse(
            "consultations:staff_desk", args=[made.pk]
        )

    return form_page(
        request,
        form=form,
        act=act,
        template="consultations/staff/new.html",
        context={"form": form, "district": district},
    )


@staff_required
@require_POST
def publish(request: HttpRequest, pk: int) -> HttpResponse:
    consultation, now = _served(request, pk), timezone.now()

    def act() -> str:
        running.publish_consultation(consultation=consultation, **acting(request, now))
        return _("The consultation is published.")

    return CONSULTATION_DESK.act(request, consultation, act, now=now)


@staff_required
def desk(request: HttpRequest, pk: int) -> HttpResponse:
    return _desk(request, _served(request, pk))


@staff_required
@require_POST
def publish_results(request: HttpRequest, pk: int) -> HttpResponse:
    consultation, now = _served(request, pk), timezone.now()

    def act() -> str:
        running.publish_results(consultation=consultation, **acting(request, now))
        return _("The results are published.")

    return CONSULTATION_DESK.act(
        request, consultation, act, action=Action.PUBLISH_CONSULTATION_RESULTS, now=now
    )


def _text_action(request: HttpRequest, pk: int, *, action: Action, form_key: str) -> HttpResponse:
    consultation, now = _served(request, pk), timezone.now()
    form = PublishedTextForm(request.POST)
    publish = running.publish_response if form_key == "response_form" else running.summarise_debate

    def act() -> str:
        publish(consultation=consultation, text=form.cleaned_data["text"], **acting(request, now))
        return _("Published.")

    return CONSULTATION_DESK.act(
        request, consultation, act, action=action, now=now, form=form, form_key=form_key
    )


@staff_required
@require_POST
def respond(request: HttpRequest, pk: int) -> HttpResponse:
    """Publish the official response (공식 답변) after the close."""
    return _text_action(request, pk, action=Action.RESPOND_CONSULTATION, form_key="response_form")


@staff_required
@require_POST
def summarise(request: HttpRequest, pk: int) -> HttpResponse:
    """Publish the summary of the debate after the close."""
    return _text_action(request, pk, action=Action.SUMMARISE_DEBATE, form_key="summary_form")


ARGUMENT_MODERATION = Moderation(
    action=Action.MODERATE_ARGUMENT,
    row_name="argument",
    keep=debate.dismiss_argument_reports,
    hide=debate.hide_argument,
    kept=gettext_lazy("The argument stays visible; its reports were closed."),
    hidden=gettext_lazy("The argument was hidden."),
)


@staff_required
@require_POST
def moderate_argument(request: HttpRequest, pk: int) -> HttpResponse:
    """Hide a reported argument with a public reason, or keep it and close its reports."""
    argument = served_row(request, Argument.objects.select_related("consultation"), pk)
    return ARGUMENT_MODERATION.decide(request, argument, ReasonForm(request.POST))
