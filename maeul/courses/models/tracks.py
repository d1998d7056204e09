"""Tracks (과정 체계): ordered steps of courses, e.g. 마을실천대학 — 뿌리 과정 (required) →
역량별 전문 과정 (elective) → 리더십 과정 (elective) → 자주학습 과정 (required, with a final
paper)."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from maeul.core.model_parts import optional_link
from maeul.courses.models.courses import Course
from maeul.places.models import District


class Track(models.Model):
    """A track of a district (None: of the city)."""

    district = optional_link(District, related_name="+", on_delete=models.PROTECT)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)

    class Meta:
        verbose_name = _("track")
        verbose_name_plural = _("tracks")
        ordering = ["title", "id"]

    def __str__(self) -> str:
        return self.title


class StepKind(models.TextChoices):
    REQUIRED = "required", _("Required")
    ELECTIVE = "elective", _("Elective")
    COMPLETION_WORK = "completion_work", _("Completion work")


class TrackStep(models.Model):
    """A step of a track: a required step needs all its courses completed, an elective
    step any number of them, a completion-work step its courses completed with the work
    accepted."""

    track = models.ForeignKey(Track, on_delete=models.CASCADE, related_name="steps")
    order = models.PositiveSmallIntegerField(_("order"))
    title = models.CharField(_("title"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=StepKind.choices)
    courses = models.ManyToManyField(Course, verbose_name=_("courses"), related_name="steps")

    class Meta:
        verbose_name = _("track step")
        verbose_name_plural = _("track steps")
        ordering = ["track", "order"]
        constraints = [
            models.UniqueConstraint(fields=["track", "order"], name="track_step_unique_order")
        ]

    def __str__(self) -> str:
        return f"{self.track} {self.order}. {self.title}"
