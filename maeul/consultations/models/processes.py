"""Staged processes (로컬랩, 대 공론장): ordered stages, each a forum, a consultation or a vote
(ranking ballots run on the voting engine), ending in a decision that is published."""

from typing import TYPE_CHECKING

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from maeul.consultations.models.consultations import Consultation
from maeul.consultations.models.forums import Forum
from maeul.core.model_parts import actor_field, links_exactly_one, optional_link
from maeul.places.models import District, Dong

if TYPE_CHECKING:
    from maeul.voting.models import Vote


class Process(models.Model):
    district = models.ForeignKey(District, on_delete=models.PROTECT, related_name="+")
    dong = optional_link(Dong, related_name="+", on_delete=models.PROTECT)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    decision = models.TextField(_("decision"), blank=True)
    decision_published_at = models.DateTimeField(null=True, blank=True)
    created_by = actor_field()
    created_at = models.DateTimeField()

    class Meta:
        verbose_name = _("staged process")
        verbose_name_plural = _("staged processes")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("consultations:process", kwargs={"pk": self.pk})


class Stage(models.Model):
    process = models.ForeignKey(Process, on_delete=models.CASCADE, related_name="stages")
    position = models.PositiveSmallIntegerField()
    title = models.CharField(_("title"), max_length=200)
    forum = optional_link(Forum, related_name="+", on_delete=models.PROTECT)
    consultation = optional_link(Consultation, related_name="+", on_delete=models.PROTECT)
    vote: "models.ForeignKey[Vote | None, Vote | None]" = optional_link(
        "voting.Vote", related_name="+", on_delete=models.PROTECT
    )

    class Meta:
        verbose_name = _("stage")
        verbose_name_plural = _("stages")
        ordering = ["position"]
        constraints = [
            models.UniqueConstraint(fields=["process", "position"], name="stage_position_unique"),
            links_exactly_one("forum", "consultation", "vote", name="stage_points_to_one_step"),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def step(self) -> models.Model:
        """The forum, consultation or vote this stage is."""
        return self.forum or self.consultation or self.vote  # type: ignore[return-value]
