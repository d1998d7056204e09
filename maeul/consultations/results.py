"""The results of a consultation, one computation for the page, the API and the export.

Totals per option (a ranking: its mean rank), the scale's distribution and mean, how many
wrote a text (the texts themselves are not published), the respondents by dong and by age
group, and each choice question's counts within each group. A group of few respondents is
hidden by `core.disclosure.suppress_small`, the function vote turnout uses: a hidden
group's row is hidden in every breakdown.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from fractions import Fraction

from django.db.models import Count, QuerySet, Sum
from django.utils.translation import gettext as _

from maeul.consultations.models import (
    CHOICE_KINDS,
    SCALE,
    AgeGroup,
    Answer,
    Consultation,
    Question,
    QuestionKind,
    Response,
)
from maeul.core.disclosure import suppress_small
from maeul.core.subqueries import count_of_each
from maeul.places.models import Dong

Breakdown = list[tuple[str, int | None]]


@dataclass
class OptionResult:
    label: str
    count: int
    share: float | None  # of the respondents who answered the question
    mean_rank: float | None = None  # rankings only


@dataclass
class GroupRow:
    """One group's counts per option (in option order), or None where the group is hidden."""

    group: str
    counts: list[int] | None


@dataclass
class QuestionResult:
    question: Question
    answered: int
    options: list[OptionResult] = field(default_factory=list)
    scale: list[tuple[int, int]] = field(default_factory=list)
    mean: float | None = None
    by_dong: list[GroupRow] = field(default_factory=list)
    by_age_group: list[GroupRow] = field(default_factory=list)

    @property
    def is_choice(self) -> bool:
        return self.question.kind in CHOICE_KINDS


@dataclass
class Results:
    respondents: int
    by_dong: Breakdown
    by_age_group: Breakdown
    questions: list[QuestionResult]

    @property
    def breakdowns(self) -> list[tuple[str, Breakdown]]:
        """The respondents by dong and by age group, each with its caption."""
        return [
            (_("Respondents by dong"), self.by_dong),
            (_("Respondents by age group"), self.by_age_group),
        ]


def age_label(code: str) -> str:
    return str(AgeGroup(code).label) if code else _("Not given")


def dong_label(name: str | None) -> str:
    return name or _("Not given")


def _rate(part: int, whole: int) -> float | None:
    return float(round(Fraction(part, whole), 4)) if whole else None


def _group_rows(
    shown: Breakdown, counts: dict[tuple[str, int], int], option_ids: list[int]
) -> list[GroupRow]:
    return [
        GroupRow(group, None if n is None else [counts.get((group, pk), 0) for pk in option_ids])
        for group, n in shown
    ]


@dataclass
class Participation:
    """How many answered, by dong and by age group (small groups hidden)."""

    respondents: int
    by_dong: Breakdown
    by_age_group: Breakdown


def participation_of(consultation: Consultation) -> Participation:
    """The respondents by dong and age group, hidden by `suppress_small` (one query)."""
    groups = (
        Response.objects.filter(consultation=consultation)
        .values_list("dong_id", "age_group")
        .annotate(n=Count("id"))
    )
    names = dong_names(consultation)
    dongs: dict[str, int] = defaultdict(int)
    ages: dict[str, int] = defaultdict(int)
    for dong, age, n in groups:
        dongs[dong_label(names.get(dong))] += n
        ages[age_label(age)] += n
    return Participation(
        sum(dongs.values()), suppress_small(dict(dongs)), suppress_small(dict(ages))
    )


def dong_names(consultation: Consultation) -> dict[int, str]:
    """The names of the district's dongs by id (a respondent's dong is one of them)."""
    return dict(Dong.objects.filter(district_id=consultation.district_id).values_list("pk", "name"))


def _answered(answers: QuerySet[Answer], questions: list[Question]) -> dict[int, int]:
    """How many respondents answered each question.

    One row per respondent for single choice, scale and text; one per option for a
    ranking (every option is ranked); a distinct count only for multiple choice.
    """
    rows = count_of_each(answers, "question_id")
    multiple = [q.pk for q in questions if q.kind == QuestionKind.MULTIPLE]
    if multiple:
        rows.update(
            answers.filter(question_id__in=multiple)
            .values_list("question_id")
            .annotate(n=Count("response_id", distinct=True))
        )
    for question in questions:
        if question.kind == QuestionKind.RANKING and question.pk in rows:
            rows[question.pk] //= max(1, len(question.options.all()))
    return rows


def results_of(consultation: Consultation) -> Results:
    """Compute the results (a fixed number of queries, whatever the number of answers)."""
    who = participation_of(consultation)
    by_dong, by_age = who.by_dong, who.by_age_group
    questions_asked = list(consultation.questions.prefetch_related("options"))
    names = dong_names(consultation)

    answers = Answer.objects.filter(question_id__in=[q.pk for q in questions_asked])
    chosen = (
        answers.filter(option__isnull=False)
        .values_list("option_id", "dong_id", "age_group")
        .annotate(n=Count("id"), ranks=Sum("rank"))
    )
    option_total: dict[int, int] = defaultdict(int)
    rank_total: dict[int, int] = defaultdict(int)
    in_dong: dict[tuple[str, int], int] = defaultdict(int)
    in_age: dict[tuple[str, int], int] = defaultdict(int)
    for option, dong, age, n, ranks in chosen:
        option_total[option] += n
        rank_total[option] += ranks or 0
        in_dong[(dong_label(names.get(dong)), option)] += n
        in_age[(age_label(age), option)] += n
    scale: dict[tuple[int, int], int] = {
        (question, number): n
        for question, number, n in answers.filter(number__isnull=False)
        .values_list("question_id", "number")
        .annotate(n=Count("id"))
    }
    answered = _answered(answers, questions_asked)

    questions = []
    for question in questions_asked:
        total = answered.get(question.pk, 0)
        result = QuestionResult(question=question, answered=total)
        if question.kind in CHOICE_KINDS:
            options = list(question.options.all())
            ranking = question.kind == QuestionKind.RANKING
            result.options = [
                OptionResult(
                    label=option.label,
                    count=option_total[option.pk],
                    share=None if ranking else _rate(option_total[option.pk], total),
                    mean_rank=(
                        round(rank_total[option.pk] / option_total[option.pk], 2)
                        if ranking and option_total[option.pk]
                        else None
                    ),
                )
                for option in options
            ]
            if not ranking:
                ids = [option.pk for option in options]
                result.by_dong = _group_rows(by_dong, in_dong, ids)
                result.by_age_group = _group_rows(by_age, in_age, ids)
        elif question.kind == QuestionKind.SCALE:
            result.scale = [(n, scale.get((question.pk, n), 0)) for n in SCALE]
            points = sum(n * count for n, count in result.scale)
            result.mean = round(points / total, 2) if total else None
        questions.append(result)
    return Results(who.respondents, by_dong, by_age, questions)
