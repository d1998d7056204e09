"""A proposal (제안), its attachments, supports (공감) and official answer."""

from datetime import datetime
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from maeul.core.dates import local_date
from maeul.core.model_parts import actor_field, dong_or_whole_district, optional_link
from maeul.places.models import Department, District
from maeul.proposals.models.choices import (
    PUBLIC_STATUSES,
    AnswerLevel,
    Channel,
    Decision,
    Status,
)
from maeul.proposals.models.policy import Category

if TYPE_CHECKING:
    from maeul.accounts.models import User


def _overdue(now: datetime) -> Q:
    return Q(status=Status.REVIEWING, answer_due__lt=now, answered_at__isnull=True)


class ProposalQuerySet(models.QuerySet["Proposal"]):
    def public(self) -> "ProposalQuerySet":
        return self.filter(status__in=PUBLIC_STATUSES)

    def in_district(self, district: District) -> "ProposalQuerySet":
        return self.filter(district=district)

    def under_review(self) -> "ProposalQuerySet":
        """With a department, waiting for its answer: the earliest due first."""
        return self.filter(status=Status.REVIEWING).order_by("answer_due", "pk")

    def overdue(self, now: datetime) -> "ProposalQuerySet":
        """Under review past the answer deadline (`Proposal.is_overdue`): the most late first."""
        return self.filter(_overdue(now)).order_by("answer_due", "pk")

    def received(self) -> "ProposalQuerySet":
        """Received and not yet sent to a department: the newest first."""
        return self.filter(status=Status.PUBLISHED).order_by("-published_at", "-pk")

    def hidden(self) -> "ProposalQuerySet":
        return self.filter(status=Status.HIDDEN).order_by("-published_at", "-pk")

    def excellent(self, now: datetime) -> "ProposalQuerySet":
        today = local_date(now)  # the reward runs by the Seoul calendar, not UTC
        return self.filter(excellent_from__lte=today, excellent_until__gte=today)


class Proposal(models.Model):
    district = models.ForeignKey(District, on_delete=models.PROTECT, related_name="proposals")
    dong = dong_or_whole_district(
        related_name="proposals",
        help_text=_("Leave empty for a proposal about the whole district."),
    )
    category = models.ForeignKey(
        Category, verbose_name=_("category"), on_delete=models.PROTECT, related_name="proposals"
    )
    title = models.CharField(_("title"), max_length=100)
    body = models.TextField(_("body"))
    body_html = models.TextField(editable=False, default="")
    place = models.CharField(_("place"), max_length=200, blank=True)
    author: "models.ForeignKey[User | None, User | None]" = optional_link(
        settings.AUTH_USER_MODEL, related_name="proposals"
    )
    author_name = models.CharField(_("proposer's name"), max_length=30, blank=True)
    channel = models.CharField(
        _("channel"), max_length=20, choices=Channel.choices, default=Channel.ONLINE
    )
    entered_by = actor_field(blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    hidden_reason = models.CharField(_("reason for hiding"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("written at"))
    published_at = models.DateTimeField(_("received at"), null=True, blank=True)
    support_until = models.DateTimeField(_("supports close"), null=True, blank=True)
    support_count = models.PositiveIntegerField(_("supports"), default=0)
    comment_count = models.PositiveIntegerField(_("comments"), default=0)
    department = optional_link(Department, _("assigned department"), related_name="proposals")
    assigned_at = models.DateTimeField(_("assigned at"), null=True, blank=True)
    answer_level = models.CharField(
        _("answered by"), max_length=20, choices=AnswerLevel.choices, blank=True
    )
    answer_due = models.DateTimeField(_("answer due"), null=True, blank=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    merged_into: "models.ForeignKey[Proposal | None, Proposal | None]" = optional_link(
        "self", _("merged into"), related_name="merged_duplicates", on_delete=models.PROTECT
    )
    excellent_from = models.DateField(_("excellent proposal from"), null=True, blank=True)
    excellent_until = models.DateField(_("excellent proposal until"), null=True, blank=True)

    objects = ProposalQuerySet.as_manager()

    class Meta:
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")
        ordering = ["-published_at", "-id"]
        indexes = [
            models.Index(fields=["district", "status", "-published_at"]),
            models.Index(fields=["district", "status", "-support_count"]),
            models.Index(fields=["district", "status", "-answered_at"]),
            models.Index(fields=["district", "status", "support_until"]),
            models.Index(fields=["status", "answer_due"]),
            # The unfiltered list pages walk these in order instead of sorting every row.
            models.Index(fields=["-published_at", "-id"], name="proposal_newest"),
            models.Index(
                fields=["-support_count", "-published_at", "-id"], name="proposal_most_supported"
            ),
        ]
        constraints = [
            models.CheckConstraint(
                name="proposal_hidden_has_reason",
                condition=~Q(status=Status.HIDDEN) | ~Q(hidden_reason=""),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("proposals:detail", kwargs={"pk": self.pk})

    @property
    def is_public(self) -> bool:
        return self.status in PUBLIC_STATUSES

    @property
    def is_hidden(self) -> bool:
        return self.status == Status.HIDDEN

    @property
    def is_merged(self) -> bool:
        return self.status == Status.MERGED

    @property
    def is_withdrawn(self) -> bool:
        return self.status == Status.WITHDRAWN

    @property
    def is_active(self) -> bool:
        """Still a proposal of its own: not hidden, merged into another or withdrawn."""
        return not (self.is_hidden or self.is_merged or self.is_withdrawn)

    @property
    def is_offline(self) -> bool:
        """Collected at a booth, a workshop, by phone or at the office, and typed in by staff."""
        return self.channel != Channel.ONLINE

    @property
    def is_answered_by_head(self) -> bool:
        return self.answer_level == AnswerLevel.HEAD

    def support_is_open(self, now: datetime) -> bool:
        return (
            self.status in (Status.PUBLISHED, Status.REVIEWING)
            and self.support_until is not None
            and now < self.support_until
        )

    def is_overdue(self, now: datetime) -> bool:
        """Under review past the answer deadline (`ProposalQuerySet.overdue`)."""
        return (
            self.status == Status.REVIEWING
            and self.answered_at is None
            and self.answer_due is not None
            and self.answer_due < now
        )

    def is_excellent(self, now: datetime) -> bool:
        today = local_date(now)
        return bool(
            self.excellent_from
            and self.excellent_until
            and self.excellent_from <= today <= self.excellent_until
        )

    @property
    def proposer_label(self) -> str:
        if self.author is not None:
            return self.author.public_name
        return self.author_name or str(_("Resident"))


class Attachment(models.Model):
    """An image or PDF attached to a proposal; images are re-encoded to drop metadata."""

    class Kind(models.TextChoices):
        IMAGE = "image", _("Image")
        PDF = "pdf", _("PDF")

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(upload_to="proposals/%Y/%m/")
    kind = models.CharField(max_length=10, choices=Kind.choices)
    original_name = models.CharField(max_length=200)
    size = models.PositiveIntegerField()
    created_at = models.DateTimeField()

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["id"]

    def __str__(self) -> str:
        return self.original_name

    @property
    def is_image(self) -> bool:
        return self.kind == self.Kind.IMAGE


class Support(models.Model):
    """One verified person's support (공감) of a proposal."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="supports")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="supports"
    )
    created_at = models.DateTimeField()

    class Meta:
        verbose_name = _("support")
        verbose_name_plural = _("supports")
        constraints = [
            models.UniqueConstraint(fields=["proposal", "user"], name="one_support_per_person"),
        ]
        indexes = [models.Index(fields=["user", "-created_at"])]

    def __str__(self) -> str:
        return f"{self.user_id} → {self.proposal_id}"


class Answer(models.Model):
    """The official answer (답변) of the assigned department or the district head."""

    proposal = models.OneToOneField(Proposal, on_delete=models.CASCADE, related_name="answer")
    department = models.ForeignKey(
        Department, null=True, on_delete=models.SET_NULL, related_name="answers"
    )
    author = actor_field()
    level = models.CharField(_("answered by"), max_length=20, choices=AnswerLevel.choices)
    decision = models.CharField(_("decision"), max_length=20, choices=Decision.choices)
    body = models.TextField(_("answer"))
    body_html = models.TextField(editable=False, default="")
    created_at = models.DateTimeField(_("answered at"))
    updated_at = models.DateTimeField(_("updated at"))

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        indexes = [models.Index(fields=["-created_at"])]

    def __str__(self) -> str:
        return f"{self.proposal} ({self.get_decision_display()})"
