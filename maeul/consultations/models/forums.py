"""Offline forums (공론장): 정책공론장 with named groups, 협치론장 counted against a yearly
target, 구민제안 발굴 워크숍 from a popular proposal, and the small forums of a 로컬랩.

Residents register by target group up to the capacity, then onto a waiting list that moves
up when someone cancels; staff mark attendance, type in the tables' notes afterwards and
publish the outcome, linked to the proposals, agenda items or projects it produced.
"""

from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from maeul.core.model_parts import (
    PublishedQuerySet,
    actor_field,
    dong_or_whole_district,
    ends_after,
    links_exactly_one,
    optional_link,
)
from maeul.places.models import District

if TYPE_CHECKING:
    from maeul.councils.models import AgendaItem
    from maeul.plans.models import Project
    from maeul.proposals.models import Proposal


# 협치론장: the seeds' yearly target is six or more (서울시 협치 평가 지표).
GOVERNANCE_FORUMS_A_YEAR = 6


class ForumKind(models.TextChoices):
    POLICY = "policy", _("Policy forum")
    GOVERNANCE = "governance", _("Governance forum")
    WORKSHOP = "workshop", _("Proposal workshop")
    LOCAL = "local", _("Small local forum")
    ASSEMBLY = "assembly", _("Grand forum")


class TargetGroup(models.TextChoices):
    YOUTH = "youth", _("Young people")
    WORKERS = "workers", _("Office workers")
    MERCHANTS = "merchants", _("Merchants")
    ELDERLY = "elderly", _("Older people")
    DISABLED = "disabled", _("People with disabilities")
    PARENTS = "parents", _("Parents")
    RESIDENTS = "residents", _("Residents")


class ForumQuerySet(PublishedQuerySet["Forum"]):
    """Forums; `public()` are those staff have published."""


class Forum(models.Model):
    district = models.ForeignKey(District, on_delete=models.PROTECT, related_name="+")
    dong = dong_or_whole_district()
    kind = models.CharField(_("kind"), max_length=20, choices=ForumKind.choices)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    place = models.CharField(_("place"), max_length=200)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    capacity = models.PositiveIntegerField(_("capacity"))
    target_groups = models.JSONField(_("groups invited"), default=list)
    panels = models.TextField(_("panels"), blank=True, help_text=_("One panel member a line."))
    materials = models.TextField(_("materials"), blank=True, help_text=_("One link a line."))
    proposal: "models.ForeignKey[Proposal | None, Proposal | None]" = optional_link(
        "proposals.Proposal", _("proposal it came from"), related_name="forums"
    )
    outcome = models.TextField(_("outcome"), blank=True)
    outcome_published_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    created_by = actor_field()
    created_at = models.DateTimeField()

    objects = ForumQuerySet.as_manager()

    class Meta:
        verbose_name = _("forum")
        verbose_name_plural = _("forums")
        ordering = ["-starts_at", "-id"]
        constraints = [ends_after("starts_at", "ends_at", name="forum_ends_after_start")]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("consultations:forum", kwargs={"pk": self.pk})

    @property
    def target_group_labels(self) -> list[str]:
        return [str(TargetGroup(group).label) for group in self.target_groups]

    @property
    def panel_lines(self) -> list[str]:
        return [line.strip() for line in self.panels.splitlines() if line.strip()]

    @property
    def material_lines(self) -> list[str]:
        return [line.strip() for line in self.materials.splitlines() if line.strip()]


class RegistrationStatus(models.TextChoices):
    REGISTERED = "registered", _("Registered")
    WAITING = "waiting", _("On the waiting list")
    CANCELLED = "cancelled", _("Cancelled")


class Registration(models.Model):
    forum = models.ForeignKey(Forum, on_delete=models.CASCADE, related_name="registrations")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    target_group = models.CharField(_("group"), max_length=20, choices=TargetGroup.choices)
    status = models.CharField(_("status"), max_length=20, choices=RegistrationStatus.choices)
    created_at = models.DateTimeField()
    attended = models.BooleanField(_("attended"), null=True)

    class Meta:
        verbose_name = _("forum registration")
        verbose_name_plural = _("forum registrations")
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["forum", "user"],
                condition=~Q(status=RegistrationStatus.CANCELLED),
                name="forum_one_registration_per_person",
            )
        ]

    def __str__(self) -> str:
        return f"Registration #{self.pk}"


class TableNote(models.Model):
    """What one table (모둠, 상상 테이블) said, typed in by staff after the forum."""

    forum = models.ForeignKey(Forum, on_delete=models.CASCADE, related_name="table_notes")
    table = models.CharField(_("table"), max_length=100)
    body = models.TextField(_("notes"))
    created_by = actor_field()
    created_at = models.DateTimeField()

    class Meta:
        verbose_name = _("table notes")
        verbose_name_plural = _("table notes")
        ordering = ["table", "id"]

    def __str__(self) -> str:
        return self.table


class ForumOutcome(models.Model):
    """A proposal, agenda item or project the forum produced (exactly one of them)."""

    forum = models.ForeignKey(Forum, on_delete=models.CASCADE, related_name="outcomes")
    proposal: "models.ForeignKey[Proposal | None, Proposal | None]" = optional_link(
        "proposals.Proposal", related_name="forum_outcomes", on_delete=models.CASCADE
    )
    agenda_item: "models.ForeignKey[AgendaItem | None, AgendaItem | None]" = optional_link(
        "councils.AgendaItem", related_name="+", on_delete=models.CASCADE
    )
    project: "models.ForeignKey[Project | None, Project | None]" = optional_link(
        "plans.Project", related_name="+", on_delete=models.CASCADE
    )

    class Meta:
        verbose_name = _("forum outcome")
        verbose_name_plural = _("forum outcomes")
        constraints = [
            links_exactly_one(
                "proposal", "agenda_item", "project", name="forum_outcome_links_one_thing"
            )
        ]

    def __str__(self) -> str:
        return f"Outcome #{self.pk}"

    @property
    def linked(self) -> models.Model:
        return self.proposal or self.agenda_item or self.project  # type: ignore[return-value]
