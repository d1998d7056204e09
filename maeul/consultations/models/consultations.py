"""A consultation (〈금나래가 묻습니다〉, 여론수렴): its audience, period, survey questions and
the official response published at the close."""

from datetime import datetime
from typing import TYPE_CHECKING

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from maeul.core.model_parts import (
    PeriodQuerySet,
    actor_field,
    dong_or_whole_district,
    ends_after,
    optional_link,
    period_phase,
)
from maeul.places.models import District, Dong

if TYPE_CHECKING:
    from maeul.proposals.models import Proposal


class AgeGroup(models.TextChoices):
    """Ten-year bands, the same for the audience and for the published results."""

    TEENS = "teens", _("Under 20")
    TWENTIES = "20s", _("20s")
    THIRTIES = "30s", _("30s")
    FORTIES = "40s", _("40s")
    FIFTIES = "50s", _("50s")
    SIXTIES = "60s", _("60s")
    SEVENTY_PLUS = "70plus", _("70 and over")


def age_group_of(age: int | None) -> str:
    """The band of an age in years; "" when the age is unknown."""
    if age is None:
        return ""
    if age < 20:
        return AgeGroup.TEENS
    if age >= 70:
        return AgeGroup.SEVENTY_PLUS
    return f"{age // 10 * 10}s"


class ConsultationStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")


class ConsultationPhase(models.TextChoices):
    DRAFT = "draft", _("Draft")
    UPCOMING = "upcoming", _("Upcoming")
    OPEN = "open", _("Open")
    CLOSED = "closed", _("Closed")


class ConsultationQuerySet(PeriodQuerySet["Consultation"]):
    def public(self) -> "ConsultationQuerySet":
        return self.filter(status=ConsultationStatus.PUBLISHED)


class Consultation(models.Model):
    """One consultation of a district (or of one dong), open for answers in its period."""

    district = models.ForeignKey(District, on_delete=models.PROTECT, related_name="+")
    dong = dong_or_whole_district(
        help_text=_("Leave empty for a consultation of the whole district.")
    )
    audience_dongs = models.ManyToManyField(
        Dong,
        verbose_name=_("dongs asked"),
        blank=True,
        related_name="+",
        help_text=_("Empty: every dong of the consultation's area."),
    )
    audience_age_groups = models.JSONField(
        _("age groups asked"), default=list, blank=True, help_text=_("Empty: every age.")
    )
    title = models.CharField(_("title"), max_length=200)
    question = models.TextField(_("question"))
    background = models.TextField(_("background"), blank=True)
    opens_at = models.DateTimeField(_("opens at"))
    closes_at = models.DateTimeField(_("closes at"))
    results_live = models.BooleanField(
        _("results shown while open"),
        default=False,
        help_text=_("Otherwise results are shown once staff publish them after the close."),
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ConsultationStatus.choices,
        default=ConsultationStatus.DRAFT,
    )
    proposal: "models.ForeignKey[Proposal | None, Proposal | None]" = optional_link(
        "proposals.Proposal", _("proposal it started from"), related_name="consultations"
    )
    results_published_at = models.DateTimeField(null=True, blank=True)
    response = models.TextField(_("official response"), blank=True)
    response_published_at = models.DateTimeField(null=True, blank=True)
    summary = models.TextField(_("summary of the debate"), blank=True)
    summary_published_at = models.DateTimeField(null=True, blank=True)
    created_by = actor_field()
    created_at = models.DateTimeField(_("created at"))

    objects = ConsultationQuerySet.as_manager()

    class Meta:
        verbose_name = _("consultation")
        verbose_name_plural = _("consultations")
        ordering = ["-opens_at", "-id"]
        constraints = [
            ends_after("opens_at", "closes_at", name="consultation_closes_after_opening"),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("consultations:detail", kwargs={"pk": self.pk})

    def phase(self, now: datetime) -> ConsultationPhase:
        if self.status == ConsultationStatus.DRAFT:
            return ConsultationPhase.DRAFT
        return ConsultationPhase(period_phase(self.opens_at, self.closes_at, now))

    def is_open(self, now: datetime) -> bool:
        return self.phase(now) == ConsultationPhase.OPEN

    def is_closed(self, now: datetime) -> bool:
        return self.phase(now) == ConsultationPhase.CLOSED

    def results_visible(self, now: datetime) -> bool:
        """Live results once open (where the setting says so), else once staff publish them."""
        if self.results_published_at is not None:
            return True
        return self.results_live and self.phase(now) in (
            ConsultationPhase.OPEN,
            ConsultationPhase.CLOSED,
        )

    def covers_dong(self, dong: Dong, audience: list[int]) -> bool:
        """Is `dong` asked? `audience` is the ids of `audience_dongs` (loaded by the caller)."""
        if audience:
            return dong.pk in audience
        return dong.pk == self.dong_id if self.dong_id else dong.district_id == self.district_id


class QuestionKind(models.TextChoices):
    SINGLE = "single", _("Single choice")
    MULTIPLE = "multiple", _("Multiple choice")
    SCALE = "scale", _("Scale of 1 to 5")
    SHORT_TEXT = "short_text", _("Short text")
    LONG_TEXT = "long_text", _("Long text")
    RANKING = "ranking", _("Ranking")


CHOICE_KINDS = (QuestionKind.SINGLE, QuestionKind.MULTIPLE, QuestionKind.RANKING)
TEXT_KINDS = (QuestionKind.SHORT_TEXT, QuestionKind.LONG_TEXT)
SCALE = range(1, 6)


class Question(models.Model):
    """A survey question; with `show_if`, asked only of those who chose that earlier option."""

    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="questions"
    )
    position = models.PositiveSmallIntegerField(default=0)
    kind = models.CharField(_("kind"), max_length=20, choices=QuestionKind.choices)
    text = models.CharField(_("question"), max_length=300)
    required = models.BooleanField(_("required"), default=True)
    show_if: "models.ForeignKey[Option | None, Option | None]" = optional_link(
        "Option",
        _("asked only when this earlier answer was chosen"),
        related_name="+",
        on_delete=models.PROTECT,
    )

    class Meta:
        verbose_name = _("survey question")
        verbose_name_plural = _("survey questions")
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.text

    @property
    def field(self) -> str:
        """The name of its input in the form (and of the field a refusal is about)."""
        return f"q{self.pk}"


class Option(models.Model):
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="options")
    position = models.PositiveSmallIntegerField(default=0)
    label = models.CharField(_("label"), max_length=200)

    class Meta:
        verbose_name = _("answer option")
        verbose_name_plural = _("answer options")
        ordering = ["position", "id"]

    def __str__(self) -> str:
        return self.label
