"""건의 from field visits (현장 소통): what residents raised at 주민과의 대화 in a dong or
at 목요일 골목구청장, recorded by staff, routed to a department and answered in public;
one may become a proposal."""

from typing import TYPE_CHECKING

from django.db import models
from django.utils.translation import gettext_lazy as _

from maeul.core.model_parts import actor_field, dong_or_whole_district, optional_link
from maeul.places.models import Department, District

if TYPE_CHECKING:
    from maeul.proposals.models import Proposal


class Occasion(models.TextChoices):
    DIALOGUE = "dialogue", _("Dialogue with residents")
    ALLEY_HEAD = "alley_head", _("Thursday alley district head")
    OTHER = "other", _("Other field visit")


class FieldSuggestion(models.Model):
    district = models.ForeignKey(District, on_delete=models.PROTECT, related_name="+")
    dong = dong_or_whole_district()
    occasion = models.CharField(_("occasion"), max_length=20, choices=Occasion.choices)
    heard_on = models.DateField(_("heard on"))
    place = models.CharField(_("where"), max_length=200)
    raised_by = models.CharField(
        _("who raised it"),
        max_length=100,
        help_text=_("A name or a description such as 'a shop owner'; shown to staff only."),
    )
    body = models.TextField(_("what was suggested"))
    department = optional_link(
        Department, _("department"), related_name="+", on_delete=models.PROTECT
    )
    routed_at = models.DateTimeField(null=True, blank=True)
    answer = models.TextField(_("answer"), blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)
    proposal: "models.ForeignKey[Proposal | None, Proposal | None]" = optional_link(
        "proposals.Proposal", related_name="+"
    )
    recorded_by = actor_field()
    created_at = models.DateTimeField()

    class Meta:
        verbose_name = _("field suggestion")
        verbose_name_plural = _("field suggestions")
        ordering = ["-heard_on", "-id"]

    def __str__(self) -> str:
        return self.body[:40]
