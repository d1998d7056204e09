"""Staff run a consultation: set it up with its questions, publish it, and after the close
publish its results, the official response and the summary of its debate."""

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from maeul.consultations.models import (
    CHOICE_KINDS,
    AgeGroup,
    Consultation,
    ConsultationStatus,
    Option,
    Question,
    QuestionKind,
)
from maeul.core import audit
from maeul.core.errors import RuleViolation
from maeul.core.permissions import Action, enforce
from maeul.core.privacy import refuse_resident_number
from maeul.core.texts import required_text
from maeul.places.models import District, Dong
from maeul.proposals.models import Proposal


@dataclass
class QuestionSpec:
    """A question to add: its kind, text and options; `show_if` = (question index, option
    index) of an earlier question whose option must have been chosen."""

    kind: str
    text: str
    options: Sequence[str] = ()
    required: bool = True
    show_if: tuple[int, int] | None = None


@dataclass
class ConsultationSpec:
    title: str
    question: str
    opens_at: datetime
    closes_at: datetime
    background: str = ""
    dong: Dong | None = None
    audience_dongs: Sequence[Dong] = ()
    audience_age_groups: Sequence[str] = ()
    results_live: bool = False
    proposal: Proposal | None = None
    questions: Sequence[QuestionSpec] = field(default_factory=list)


def _check(spec: ConsultationSpec, district: District) -> None:
    refuse_resident_number(title=spec.title, question=spec.question, background=spec.background)
    if not spec.title.strip():
        raise RuleViolation(_("Enter the title."), code="title", field="title")
    if not spec.question.strip():
        raise RuleViolation(_("Enter the question."), code="question", field="question")
    if spec.closes_at <= spec.opens_at:
        raise RuleViolation(
            _("The consultation must close after it opens."), code="period", field="closes_at"
        )
    if any(group not in AgeGroup.values for group in spec.audience_age_groups):
        raise RuleViolation(_("Choose age groups from the list."), code="age_groups")
    places = [*spec.audience_dongs, *([spec.dong] if spec.dong else [])]
    if any(dong.district_id != district.pk for dong in places):
        raise RuleViolation(_("The dongs asked must be in the district."), code="dongs")
    for index, question in enumerate(spec.questions):
        refuse_resident_number(question.text, *question.options)
        if question.kind not in QuestionKind.values or not question.text.strip():
            raise RuleViolation(_("Each question needs a kind and a text."), code="questions")
        if question.kind in CHOICE_KINDS and len(question.options) < 2:
            raise RuleViolation(_("A choice question needs at least two options."), code="options")
        if question.show_if is not None:
            earlier, option = question.show_if
            if not (0 <= earlier < index and 0 <= option < len(spec.questions[earlier].options)):
                raise RuleViolation(
                    _("A question can depend only on an option of an earlier question."),
                    code="show_if",
                )


def create_consultation(
    *, spec: ConsultationSpec, district: District, staff: Any, ip: str | None, now: datetime
) -> Consultation:
    """A draft consultation with its questions (publish it with `publish_consultation`)."""
    enforce(staff, Action.MANAGE_CONSULTATION, spec.dong or district, now=now)
    _check(spec, district)
    with transaction.atomic():
        consultation = Consultation.objects.create(
            district=district,
            dong=spec.dong,
            audience_age_groups=list(spec.audience_age_groups),
            title=spec.title.strip(),
            question=spec.question.strip(),
            background=spec.background.strip(),
            opens_at=spec.opens_at,
            closes_at=spec.closes_at,
            results_live=spec.results_live,
            proposal=spec.proposal,
            created_by=staff,
            created_at=now,
        )
        consultation.audience_dongs.set(spec.audience_dongs)
        options: list[list[Option]] = []
        for position, item in enumerate(spec.questions):
            show_if = options[item.show_if[0]][item.show_if[1]] if item.show_if else None
            question = Question.objects.create(
                consultation=consultation,
                position=position,
                kind=item.kind,
                text=item.text.strip(),
                required=item.required,
                show_if=show_if,
            )
            options.append(
                [
                    Option.objects.create(question=question, position=n, label=label.strip())
                    for n, label in enumerate(item.options)
                ]
            )
        audit.record(
            actor=staff, action="consultations.create", target=consultation, ip=ip, now=now
        )
    return consultation


def publish_consultation(
    *, consultation: Consultation, staff: Any, ip: str | None, now: datetime
) -> Consultation:
    enforce(staff, Action.MANAGE_CONSULTATION, consultation, now=now)
    if consultation.status != ConsultationStatus.DRAFT:
        raise RuleViolation(_("This consultation is already published."), code="published")
    if not consultation.questions.exists():
        raise RuleViolation(_("Add at least one question first."), code="questions")
    with transaction.atomic():
        audit.save_changed(
            consultation,
            {"status": ConsultationStatus.PUBLISHED},
            audited=(),
            actor=staff,
            action="consultations.publish",
            ip=ip,
            now=now,
        )
    return consultation


def publish_results(
    *, consultation: Consultation, staff: Any, ip: str | None, now: datetime
) -> Consultation:
    """Make the results public (after the close; live results need nothing)."""
    enforce(staff, Action.PUBLISH_CONSULTATION_RESULTS, consultation, now=now)
    if consultation.results_published_at is not None:
        raise RuleViolation(_("The results are already published."), code="published")
    with transaction.atomic():
        audit.save_changed(
            consultation,
            {"results_published_at": now},
            audited=(),
            actor=staff,
            action="consultations.results",
            ip=ip,
            now=now,
        )
    return consultation


def _published_text(
    consultation: Consultation,
    *,
    staff: Any,
    action: Action,
    field_name: str,
    text: str,
    ip: str | None,
    now: datetime,
) -> Consultation:
    enforce(staff, action, consultation, now=now)
    text = required_text(
        text, field="text", code="text", missing=_("Please write the text to publish.")
    )
    with transaction.atomic():
        audit.save_changed(
            consultation,
            {field_name: text, f"{field_name}_published_at": now},
            audited=[field_name],
            actor=staff,
            action=f"consultations.{field_name}",
            ip=ip,
            now=now,
        )
    return consultation


def publish_response(
    *, consultation: Consultation, text: str, staff: Any, ip: str | None, now: datetime
) -> Consultation:
    """The district's official response (공식 답변), after the close; a second one replaces it."""
    return _published_text(
        consultation,
        staff=staff,
        action=Action.RESPOND_CONSULTATION,
        field_name="response",
        text=text,
        ip=ip,
        now=now,
    )


def summarise_debate(
    *, consultation: Consultation, text: str, staff: Any, ip: str | None, now: datetime
) -> Consultation:
    """Staff's summary of the debate (토론 요약), after the close."""
    return _published_text(
        consultation,
        staff=staff,
        action=Action.SUMMARISE_DEBATE,
        field_name="summary",
        text=text,
        ip=ip,
        now=now,
    )
