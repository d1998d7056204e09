"""Public pages of consultations: the list, and one consultation with its survey form (or
the reason it cannot be answered), its results when public, the official response and
the debate. A refused answer shows the page again with the reason beside the question
and what was typed kept."""

from dataclasses import dataclass, field
from datetime import datetime

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from maeul.consultations.forms import ArgumentForm, ReplyForm
from maeul.consultations.models import (
    Argument,
    Consultation,
    Option,
    Participation,
    Question,
    QuestionKind,
)
from maeul.consultations.models.consultations import ConsultationQuerySet
from maeul.consultations.results import results_of
from maeul.consultations.services.answering import Submitted, answer_consultation, questions_of
from maeul.core.errors import RuleViolation
from maeul.core.permissions import Action, can


def public_consultations() -> ConsultationQuerySet:
    return Consultation.objects.public().select_related("district", "dong")


def consultation_list(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    consultations = list(public_consultations())
    return render(
        request,
        "consultations/list.html",
        {"rows": [(c, c.phase(now)) for c in consultations], "now": now},
    )


@dataclass
class Choice:
    option: Option
    checked: bool
    rank: str = ""


@dataclass
class QuestionField:
    """A question as the form shows it, with what was typed and the refusal beside it."""

    question: Question
    number: int
    values: list[str]
    choices: list[Choice] = field(default_factory=list)
    error: str = ""
    condition: tuple[int, str] | None = None  # (question number, option label)

    @property
    def text_value(self) -> str:
        return self.values[0] if self.values else ""


def question_fields(
    questions: list[Question], submitted: Submitted, errors: dict[str, str]
) -> list[QuestionField]:
    numbers: dict[int, int] = {}
    labels: dict[int, tuple[int, str]] = {}
    fields = []
    for number, question in enumerate(questions, start=1):
        numbers[question.pk] = number
        values = list(submitted.get(question.field, ()))
        item = QuestionField(question, number, values, error=errors.get(question.field, ""))
        for option in question.options.all():
            labels[option.pk] = (number, option.label)
            rank = submitted.get(f"{question.field}_{option.pk}", [""])
            item.choices.append(Choice(option, str(option.pk) in values, rank[0] if rank else ""))
        if question.show_if_id is not None:
            item.condition = labels.get(question.show_if_id)
        fields.append(item)
    return fields


def _page(
    request: HttpRequest,
    consultation: Consultation,
    now: datetime,
    *,
    submitted: Submitted | None = None,
    errors: dict[str, str] | None = None,
    status: int = 200,
) -> HttpResponse:
    user = request.user
    answered = (
        user.is_authenticated
        and Participation.objects.filter(consultation=consultation, user_id=user.pk).exists()
    )
    decision = can(user, Action.ANSWER_CONSULTATION, consultation, now=now)
    arguments = list(
        consultation.arguments.filter(parent=None)
        .select_related("author")
        .prefetch_related("replies__author")
    )
    return render(
        request,
        "consultations/detail.html",
        {
            "consultation": consultation,
            "phase": consultation.phase(now),
            "answered": answered,
            "decision": decision,
            "fields": question_fields(questions_of(consultation), submitted or {}, errors or {}),
            "results": results_of(consultation) if consultation.results_visible(now) else None,
            "arguments_for": [a for a in arguments if a.stance == "for"],
            "arguments_against": [a for a in arguments if a.stance == "against"],
            "argue": can(user, Action.ARGUE, consultation, now=now),
            "argument_form": ArgumentForm(),
            "reply_form": ReplyForm(),
            "kinds": QuestionKind,
            "now": now,
        },
        status=status,
    )


def consultation_detail(request: HttpRequest, pk: int) -> HttpResponse:
    consultation = get_object_or_404(public_consultations(), pk=pk)
    return _page(request, consultation, timezone.now())


@require_POST
def answer(request: HttpRequest, pk: int) -> HttpResponse:
    """Store the answers (once); refused: the page again, the reason beside the question."""
    consultation = get_object_or_404(public_consultations(), pk=pk)
    now = timezone.now()
    submitted = {name: request.POST.getlist(name) for name in request.POST}
    if not request.user.is_authenticated:
        return redirect(f"{reverse('account_login')}?next={consultation.get_absolute_url()}")
    try:
        answer_consultation(
            consultation=consultation, resident=request.user, data=submitted, now=now
        )
    except RuleViolation as refusal:
        messages.error(request, refusal.message)
        errors = {refusal.field: refusal.message} if refusal.field else {}
        status = 403 if refusal.code == "forbidden" else 400
        return _page(request, consultation, now, submitted=submitted, errors=errors, status=status)
    messages.success(request, _("Thank you. Your answers were recorded."))
    return redirect(consultation)


def argument_anchor(argument: Argument) -> str:
    return f"{argument.consultation.get_absolute_url()}#argument-{argument.pk}"
