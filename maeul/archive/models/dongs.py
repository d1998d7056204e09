"""동단위 DB: the facility table of dong offices and 자치회관, and the resource survey
(자원조사) staff keep of each dong's people, places, groups and skills."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from maeul.core.model_parts import actor_field
from maeul.places.models import District, Dong


class FacilityKind(models.TextChoices):
    DONG_OFFICE = "dong_office", _("Dong community service centre")
    COMMUNITY_HALL = "community_hall", _("Community hall (자치회관)")
    FORMER_OFFICE = "former_office", _("Former dong office")


class Facility(models.Model):
    """One row of the 동주민센터 및 자치회관 현황: address, 대지/건물 ㎡, floors, 준공일자."""

    district = models.ForeignKey(District, on_delete=models.PROTECT, related_name="+")
    dong = models.ForeignKey(Dong, on_delete=models.PROTECT, related_name="facilities")
    kind = models.CharField(_("kind"), max_length=20, choices=FacilityKind.choices)
    name = models.CharField(_("name"), max_length=100)
    address = models.CharField(_("address"), max_length=200)
    land_m2 = models.DecimalField(_("site area (㎡)"), max_digits=10, decimal_places=2)
    building_m2 = models.DecimalField(_("building area (㎡)"), max_digits=10, decimal_places=2)
    floors_below = models.PositiveSmallIntegerField(_("floors below ground"), default=0)
    floors_above = models.PositiveSmallIntegerField(_("floors above ground"))
    completed_on = models.DateField(_("completed on"), null=True, blank=True)

    class Meta:
        verbose_name = _("facility")
        verbose_name_plural = _("facilities")
        ordering = ["dong", "kind", "name"]
        constraints = [
            models.UniqueConstraint(fields=["dong", "name"], name="facility_name_in_dong"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def floors(self) -> str:
        """As the table writes it: below/above (1/6)."""
        return f"{self.floors_below}/{self.floors_above}"


class ResourceKind(models.TextChoices):
    PERSON = "person", pgettext_lazy("resource", "People")
    PLACE = "place", _("Place")
    GROUP = "group", _("Group")
    SKILL = "skill", _("Skill")


class Resource(models.Model):
    """One finding of a dong's resource survey (자원조사).

    People are described by what they can offer and how many ("은퇴 목수 3명"), never by
    name or contact: the dong page is public.
    """

    district = models.ForeignKey(District, on_delete=models.PROTECT, related_name="+")
    dong = models.ForeignKey(Dong, on_delete=models.PROTECT, related_name="resources")
    kind = models.CharField(_("kind"), max_length=20, choices=ResourceKind.choices)
    name = models.CharField(_("resource"), max_length=100)
    description = models.TextField(_("description"), blank=True)
    surveyed_on = models.DateField(_("surveyed on"))
    recorded_by = actor_field()

    class Meta:
        verbose_name = _("dong resource")
        verbose_name_plural = _("dong resources")
        ordering = ["dong", "kind", "name", "pk"]

    def __str__(self) -> str:
        return self.name
