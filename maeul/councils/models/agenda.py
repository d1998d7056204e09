"""Agenda items (의제) and the meetings (연석회의, 분과회의, 정기회의) where they are shaped."""

from typing import TYPE_CHECKING

from django.db import models
from django.utils.translation import gettext_lazy as _

from maeul.core.dates import seoul_day
from maeul.core.model_parts import actor_field, optional_link
from maeul.councils.models.councils import Council, CouncilMember, Section

if TYPE_CHECKING:
    from maeul.proposals.models import Proposal


class AgendaStatus(models.TextChoices):
    DISCOVERED = "discovered", _("Being shaped")
    ON_ASSEMBLY = "on_assembly", _("On the assembly's agenda")
    PASSED = "passed", _("Passed by the assembly")
    REJECTED = "rejected", _("Not passed")
    PLANNED = "planned", _("In the plan")
    DROPPED = "dropped", _("Dropped")


class AgendaItem(models.Model):
    """의제: an issue a council takes up, written by a section or promoted from a proposal."""

    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="agenda_items")
    section = optional_link(Section, _("section"), related_name="agenda_items")
    year = models.PositiveSmallIntegerField(_("for the year"))
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    estimated_cost = models.PositiveBigIntegerField(_("estimated cost (won)"), default=0)
    status = models.CharField(
        _("status"), max_length=20, choices=AgendaStatus.choices, default=AgendaStatus.DISCOVERED
    )
    proposal: "models.ForeignKey[Proposal | None, Proposal | None]" = optional_link(
        "proposals.Proposal", _("origin proposal"), related_name="agenda_items"
    )
    created_by = actor_field()
    created_at = models.DateTimeField(_("created at"))

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["council", "-year", "title"]
        indexes = [models.Index(fields=["council", "year", "status"])]

    def __str__(self) -> str:
        return self.title

    @property
    def is_adopted(self) -> bool:
        """Passed by the assembly, or already in the plan."""
        return self.status in (AgendaStatus.PASSED, AgendaStatus.PLANNED)


class MeetingKind(models.TextChoices):
    JOINT = "joint", _("Joint meeting of the sections")
    SECTION = "section", _("Section meeting")
    GENERAL = "general", _("Regular meeting")


class Meeting(models.Model):
    """연석회의, 분과회의 or 정기회의: when, who came, and the minutes."""

    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="meetings")
    kind = models.CharField(_("kind"), max_length=20, choices=MeetingKind.choices)
    section = optional_link(Section, _("section"))
    held_at = models.DateTimeField(_("held at"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    attendees = models.ManyToManyField(
        CouncilMember, verbose_name=_("members present"), blank=True, related_name="meetings"
    )
    guests = models.PositiveSmallIntegerField(_("other people present"), default=0)
    minutes = models.TextField(_("minutes"), blank=True)
    minutes_html = models.TextField(editable=False, default="")

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["council", "-held_at"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {seoul_day(self.held_at)}"
