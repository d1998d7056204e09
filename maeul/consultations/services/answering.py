"""A resident answers a consultation once: the answers are read and checked against the
questions, then stored apart from the record that the person answered."""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.utils.translation import gettext as _

from maeul.consultations.models import (
    CHOICE_KINDS,
    SCALE,
    Answer,
    Consultation,
    Participation,
    Question,
    QuestionKind,
    Response,
    age_group_of,
)
from maeul.core.dates import local_date, seoul_year
from maeul.core.errors import RuleViolation, refuse_duplicate
from maeul.core.permissions import Action, enforce
from maeul.core.permissions.consultations import respondent_dong
from maeul.core.privacy import refuse_resident_number

SHORT_TEXT_MAX = 200
LONG_TEXT_MAX = 2000

# The submitted form: each input's name and its values (`QueryDict.lists()`).
Submitted = Mapping[str, Sequence[str]]


@dataclass
class Given:
    """What one question was answered: options (in rank order for a ranking), a number, a text."""

    options: list[int] = field(default_factory=list)
    number: int | None = None
    text: str = ""

    @property
    def empty(self) -> bool:
        return not self.options and self.number is None and not self.text


def _values(data: Submitted, name: str) -> list[str]:
    return [value.strip() for value in data.get(name, ()) if value.strip()]


def _option_ids(question: Question, values: list[str]) -> list[int]:
    valid = {option.pk for option in question.options.all()}
    try:
        chosen = [int(value) for value in values]
    except ValueError:
        chosen = [0]
    if any(pk not in valid for pk in chosen) or len(set(chosen)) != len(chosen):
        raise RuleViolation(
            _("Choose among the options of this question."), code="answer", field=question.field
        )
    return chosen


def _ranking(question: Question, data: Submitted) -> list[int]:
    """The options in rank order, from one rank input per option (`q<id>_<option id>`)."""
    options = list(question.options.all())
    ranks: dict[int, int] = {}
    for option in options:
        values = _values(data, f"{question.field}_{option.pk}")
        if values:
            try:
                ranks[option.pk] = int(values[0])
            except ValueError:
                ranks[option.pk] = 0
    if not ranks:
        return []
    if sorted(ranks.values()) != list(range(1, len(options) + 1)):
        raise RuleViolation(
            _("Give every option a different rank, from 1 to %(count)d.") % {"count": len(options)},
            code="answer",
            field=question.field,
        )
    return sorted(ranks, key=ranks.__getitem__)


def _read_one(question: Question, data: Submitted) -> Given:
    values = _values(data, question.field)
    kind = question.kind
    if kind == QuestionKind.RANKING:
        return Given(options=_ranking(question, data))
    if kind in CHOICE_KINDS:
        if kind == QuestionKind.SINGLE and len(values) > 1:
            raise RuleViolation(_("Choose one option."), code="answer", field=question.field)
        return Given(options=_option_ids(question, values))
    if kind == QuestionKind.SCALE:
        if not values:
            return Given()
        if values[0] not in {str(n) for n in SCALE}:
            raise RuleViolation(
                _("Choose a number from 1 to 5."), code="answer", field=question.field
            )
        return Given(number=int(values[0]))
    text = "\n".join(values)
    limit = SHORT_TEXT_MAX if kind == QuestionKind.SHORT_TEXT else LONG_TEXT_MAX
    if len(text) > limit:
        raise RuleViolation(
            _("An answer can be at most %(limit)d characters.") % {"limit": limit},
            code="answer",
            field=question.field,
        )
    refuse_resident_number(**{question.field: text})
    return Given(text=text)


def read_answers(questions: list[Question], data: Submitted) -> dict[int, Given]:
    """The answers to the questions asked, by question id.

    A question shown only after an earlier choice (`show_if`) is asked only when that
    option was chosen: otherwise whatever was typed into it is left out, and it is not
    required. Raises RuleViolation (with the question's field) on the first answer that
    does not fit its question or a required question left empty.
    """
    chosen: set[int] = set()
    given: dict[int, Given] = {}
    for question in questions:
        if question.show_if_id is not None and question.show_if_id not in chosen:
            continue
        answer = _read_one(question, data)
        if answer.empty:
            if question.required:
                raise RuleViolation(
                    _("Please answer this question."), code="answer", field=question.field
                )
            continue
        chosen.update(answer.options)
        given[question.pk] = answer
    return given


def _rows(response: Response, question: Question, answer: Given) -> list[Answer]:
    group = {
        "response": response,
        "question": question,
        "dong_id": response.dong_id,
        "age_group": response.age_group,
    }
    if question.kind == QuestionKind.RANKING:
        return [
            Answer(**group, option_id=pk, rank=rank)
            for rank, pk in enumerate(answer.options, start=1)
        ]
    if answer.options:
        return [Answer(**group, option_id=pk) for pk in answer.options]
    return [Answer(**group, number=answer.number, text=answer.text)]


def questions_of(consultation: Consultation) -> list[Question]:
    return list(consultation.questions.prefetch_related("options"))


def answer_consultation(
    *, consultation: Consultation, resident: Any, data: Submitted, now: datetime
) -> Participation:
    """Store a resident's answers once, apart from the record that they answered.

    Raises RuleViolation when the consultation is not open, the person is not asked (the
    reason names what is missing), an answer does not fit, or they answered already.
    """
    enforce(resident, Action.ANSWER_CONSULTATION, consultation, now=now)
    questions = questions_of(consultation)
    given = read_answers(questions, data)
    if not given:
        raise RuleViolation(_("Please answer at least one question."), code="answer")
    dong = respondent_dong(resident, consultation)
    with refuse_duplicate(
        _("You have already answered this consultation."), code="already_answered"
    ):
        participation = Participation.objects.create(
            consultation=consultation, user=resident, answered_on=local_date(now)
        )
        response = Response.objects.create(
            consultation=consultation,
            dong=dong,
            age_group=age_group_of(resident.age_in(seoul_year(now))),
        )
        by_id = {question.pk: question for question in questions}
        Answer.objects.bulk_create(
            [row for pk, answer in given.items() for row in _rows(response, by_id[pk], answer)]
        )
    return participation
