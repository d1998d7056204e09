"""Consultations (〈금나래가 묻습니다〉) in the API: the published ones, one with its survey
questions, the official response and the debate's summary, and its results.

Results answer only where the page shows them (live results once open where the setting
says so, else once staff publish them after the close), from the same computation
(`consultations.results.results_of`): groups of fewer than five respondents are `null`.
Who answered what is never part of the API; written answers only as a count.
"""

from datetime import datetime

from django.db.models import QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from django.utils.translation import gettext as _
from ninja import Query, Router, Schema

from maeul.api.common import (
    CodeName,
    ErrorOut,
    Label,
    Page,
    PageQuery,
    errors,
    matching,
    paginate,
)
from maeul.consultations.models import (
    Consultation,
    ConsultationPhase,
    QuestionKind,
)
from maeul.consultations.results import GroupRow, results_of
from maeul.consultations.views.public import public_consultations
from maeul.core.errors import RuleViolation

router = Router(tags=["consultations"])


class ConsultationQuery(PageQuery):
    """Filters; a value that is not understood is ignored, never an error."""

    district: str | None = None
    dong: str | None = None
    phase: str | None = None


class ConsultationItem(Schema):
    id: int
    title: str
    district: CodeName
    dong: CodeName | None
    phase: Label
    opens_at: datetime
    closes_at: datetime
    results_public: bool
    url: str


class ConsultationPage(Page[ConsultationItem]):
    pass


class QuestionOptionOut(Schema):
    id: int
    label: str


class QuestionOut(Schema):
    id: int
    kind: Label
    text: str
    required: bool
    options: list[QuestionOptionOut]
    shown_if_option: int | None


class PublishedText(Schema):
    text: str
    published_at: datetime


class ConsultationDetail(ConsultationItem):
    question: str
    background: str
    audience_dongs: list[CodeName]
    audience_age_groups: list[str]
    proposal_id: int | None
    questions: list[QuestionOut]
    response: PublishedText | None
    debate_summary: PublishedText | None


class GroupCount(Schema):
    group: str
    count: int | None


class GroupOptions(Schema):
    group: str
    counts: list[int] | None


class OptionResultOut(Schema):
    label: str
    count: int
    share: float | None
    mean_rank: float | None


class QuestionResultOut(Schema):
    id: int
    text: str
    kind: Label
    answered: int
    options: list[OptionResultOut]
    scale: dict[str, int]
    mean: float | None
    by_dong: list[GroupOptions]
    by_age_group: list[GroupOptions]


class ResultsOut(Schema):
    respondents: int
    by_dong: list[GroupCount]
    by_age_group: list[GroupCount]
    questions: list[QuestionResultOut]


def _item(consultation: Consultation, now: datetime) -> ConsultationItem:
    return ConsultationItem(
        id=consultation.pk,
        title=consultation.title,
        district=CodeName.of(consultation.district),
        dong=CodeName.of(consultation.dong),
        phase=Label.of(ConsultationPhase, consultation.phase(now)),
        opens_at=consultation.opens_at,
        closes_at=consultation.closes_at,
        results_public=consultation.results_visible(now),
        url=consultation.get_absolute_url(),
    )


def _published(text: str, when: datetime | None) -> PublishedText | None:
    return PublishedText(text=text, published_at=when) if when is not None else None


def _filtered(query: ConsultationQuery, now: datetime) -> QuerySet[Consultation]:
    rows = matching(public_consultations(), district__code=query.district, dong__code=query.dong)
    return rows.in_period(query.phase, now)


@router.get("/consultations", response=ConsultationPage, summary="List consultations")
def list_consultations(request: HttpRequest, query: Query[ConsultationQuery]) -> ConsultationPage:
    """Published consultations, the newest first. Filters: `district` and `dong`
    (administrative codes), `phase` (upcoming, open, closed). Page-numbered."""
    now = timezone.now()
    return ConsultationPage(
        **paginate(request, _filtered(query, now), query, lambda row: _item(row, now))
    )


@router.get(
    "/consultations/{int:consultation_id}",
    response={200: ConsultationDetail, 404: ErrorOut},
    summary="Read a consultation",
)
def get_consultation(request: HttpRequest, consultation_id: int) -> ConsultationDetail:
    """One consultation with its survey questions (`shown_if_option`: asked only of those
    who chose that option), the official response and the debate's summary once published."""
    now = timezone.now()
    consultation = get_object_or_404(public_consultations(), pk=consultation_id)
    return ConsultationDetail(
        **_item(consultation, now).model_dump(),
        question=consultation.question,
        background=consultation.background,
        audience_dongs=[CodeName.of(d) for d in consultation.audience_dongs.all()],
        audience_age_groups=list(consultation.audience_age_groups),
        proposal_id=consultation.proposal_id,
        questions=[
            QuestionOut(
                id=q.pk,
                kind=Label.of(QuestionKind, q.kind),
                text=q.text,
                required=q.required,
                options=[QuestionOptionOut(id=o.pk, label=o.label) for o in q.options.all()],
                shown_if_option=q.show_if_id,
            )
            for q in consultation.questions.prefetch_related("options")
        ],
        response=_published(consultation.response, consultation.response_published_at),
        debate_summary=_published(consultation.summary, consultation.summary_published_at),
    )


def _groups(rows: list[GroupRow]) -> list[GroupOptions]:
    return [GroupOptions(group=row.group, counts=row.counts) for row in rows]


@router.get(
    "/consultations/{int:consultation_id}/results",
    response={200: ResultsOut, **errors(404)},
    summary="Read a consultation's results",
)
def get_results(request: HttpRequest, consultation_id: int) -> ResultsOut:
    """The results where the page shows them (else 404, code `results_not_public`). Groups
    of fewer than five respondents have `count` (or `counts`) null, as on the page; when
    only one group is that small, the next smallest is hidden too. Written answers are
    counted, never published."""
    consultation = get_object_or_404(public_consultations(), pk=consultation_id)
    if not consultation.results_visible(timezone.now()):
        raise RuleViolation(_("The results are not public yet."), code="results_not_public")
    results = results_of(consultation)
    return ResultsOut(
        respondents=results.respondents,
        by_dong=[GroupCount(group=g, count=n) for g, n in results.by_dong],
        by_age_group=[GroupCount(group=g, count=n) for g, n in results.by_age_group],
        questions=[
            QuestionResultOut(
                id=r.question.pk,
                text=r.question.text,
                kind=Label.of(QuestionKind, r.question.kind),
                answered=r.answered,
                options=[
                    OptionResultOut(
                        label=o.label, count=o.count, share=o.share, mean_rank=o.mean_rank
                    )
                    for o in r.options
                ],
                scale={str(n): count for n, count in r.scale},
                mean=r.mean,
                by_dong=_groups(r.by_dong),
                by_age_group=_groups(r.by_age_group),
            )
            for r in results.questions
        ],
    )
