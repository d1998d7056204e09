"""Proposals (제안) of the 「금천1번가」 platform: what residents propose, support and discuss."""

from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from maeul.core.dates import local_date
from maeul.places.models import Department, District, Dong


class ProposalPolicy(models.Model):
    """A district's rules for proposals: support period, thresholds and answer deadline."""

    district = models.OneToOneField(
        District, on_delete=models.CASCADE, related_name="proposal_policy"
    )
    support_days = models.PositiveSmallIntegerField(_("support period (days)"), default=30)
    review_threshold = models.PositiveIntegerField(
        _("supports for a department review"), default=50
    )
    head_answer_threshold = models.PositiveIntegerField(
        _("supports for the district head's answer"), default=500
    )
    answer_days = models.PositiveSmallIntegerField(_("days to answer"), default=30)
    default_department = models.ForeignKey(
        Department,
        verbose_name=_("department for uncategorised proposals"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("proposal policy")
        verbose_name_plural = _("proposal policies")

    def __str__(self) -> str:
        return str(self.district)


class Category(models.Model):
    """A district's proposal category (안전, 환경, 복지 …) and the department that reviews it."""

    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="categories")
    name = models.CharField(_("name"), max_length=30)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    department = models.ForeignKey(
        Department,
        verbose_name=_("reviewing department"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="categories",
    )

    class Meta:
        verbose_name = _("category")
        verbose_name_plural = _("categories")
        ordering = ["district", "order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["district", "name"], name="category_name_unique"),
        ]

    def __str__(self) -> str:
        return self.name


class Status(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Received")
    REVIEWING = "reviewing", _("Under review")
    ANSWERED = "answered", _("Answered")
    IN_PROGRESS = "in_progress", _("In progress")
    DONE = "done", _("Done")
    HIDDEN = "hidden", _("Hidden")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    MERGED = "merged", _("Merged")


# Which status may follow which, and who moves it (the services check both).
STAFF_TRANSITIONS: dict[str, set[str]] = {
    Status.PUBLISHED: {Status.REVIEWING, Status.HIDDEN},
    Status.REVIEWING: {Status.HIDDEN},
    Status.ANSWERED: {Status.IN_PROGRESS, Status.DONE, Status.HIDDEN},
    Status.IN_PROGRESS: {Status.DONE, Status.HIDDEN},
    Status.DONE: {Status.HIDDEN},
    Status.HIDDEN: {Status.PUBLISHED},
}
PUBLIC_STATUSES = [
    Status.PUBLISHED,
    Status.REVIEWING,
    Status.ANSWERED,
    Status.IN_PROGRESS,
    Status.DONE,
]


class Decision(models.TextChoices):
    ACCEPTED = "accepted", _("Accepted")
    PARTLY_ACCEPTED = "partly_accepted", _("Partly accepted")
    REJECTED = "rejected", _("Not accepted")
    LONG_TERM = "long_term", _("Long-term review")


class Channel(models.TextChoices):
    ONLINE = "online", _("Online")
    STREET_BOOTH = "street_booth", _("Street booth")
    WORKSHOP = "workshop", _("Workshop")
    PHONE = "phone", _("Phone")
    VISIT = "visit", _("Visit to the office")


class AnswerLevel(models.TextChoices):
    DEPARTMENT = "department", _("Department")
    HEAD = "head", _("District head")


class ProposalQuerySet(models.QuerySet["Proposal"]):
    def public(self) -> "ProposalQuerySet":
        return self.filter(status__in=PUBLIC_STATUSES)

    def in_district(self, district: District) -> "ProposalQuerySet":
        return self.filter(district=district)

    def overdue(self, now: datetime) -> "ProposalQuerySet":
        return self.filter(status=Status.REVIEWING, answer_due__lt=now, answered_at__isnull=True)

    def excellent(self, now: datetime) -> "ProposalQuerySet":
        today = local_date(now)  # the reward runs by the Seoul calendar, not UTC
        return self.filter(excellent_from__lte=today, excellent_until__gte=today)


class Proposal(models.Model):
    district = models.ForeignKey(District, on_delete=models.PROTECT, related_name="proposals")
    dong = models.ForeignKey(
        Dong,
        verbose_name=_("dong"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
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
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="proposals",
    )
    author_name = models.CharField(_("proposer's name"), max_length=30, blank=True)
    channel = models.CharField(
        _("channel"), max_length=20, choices=Channel.choices, default=Channel.ONLINE
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    hidden_reason = models.CharField(_("reason for hiding"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("written at"))
    published_at = models.DateTimeField(_("received at"), null=True, blank=True)
    support_until = models.DateTimeField(_("supports close"), null=True, blank=True)
    support_count = models.PositiveIntegerField(_("supports"), default=0)
    comment_count = models.PositiveIntegerField(_("comments"), default=0)
    department = models.ForeignKey(
        Department,
        verbose_name=_("assigned department"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="proposals",
    )
    assigned_at = models.DateTimeField(_("assigned at"), null=True, blank=True)
    answer_level = models.CharField(
        _("answered by"), max_length=20, choices=AnswerLevel.choices, blank=True
    )
    answer_due = models.DateTimeField(_("answer due"), null=True, blank=True)
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("merged into"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="merged_duplicates",
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
                condition=~Q(status="hidden") | ~Q(hidden_reason=""),
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("proposals:detail", kwargs={"pk": self.pk})

    @property
    def is_public(self) -> bool:
        return self.status in PUBLIC_STATUSES

    def support_is_open(self, now: datetime) -> bool:
        return (
            self.status in (Status.PUBLISHED, Status.REVIEWING)
            and self.support_until is not None
            and now < self.support_until
        )

    def is_overdue(self, now: datetime) -> bool:
        return self.answered_at is None and self.answer_due is not None and now > self.answer_due

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
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
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


class Comment(models.Model):
    """A comment on a proposal; replies go one level deep."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="comments"
    )
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="replies"
    )
    body = models.TextField(_("comment"), max_length=2000)
    body_html = models.TextField(editable=False, default="")
    created_at = models.DateTimeField()
    edited_at = models.DateTimeField(null=True, blank=True)
    hidden_at = models.DateTimeField(null=True, blank=True)
    hidden_reason = models.CharField(_("reason for hiding"), max_length=300, blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    report_count = models.PositiveIntegerField(default=0)

    EDIT_WINDOW = timedelta(minutes=10)

    class Meta:
        verbose_name = _("comment")
        verbose_name_plural = _("comments")
        ordering = ["created_at", "id"]
        indexes = [
            models.Index(fields=["proposal", "created_at"]),
            models.Index(fields=["author", "-created_at"]),
        ]

    def __str__(self) -> str:
        return self.body[:40]

    def editable_until(self) -> datetime:
        return self.created_at + self.EDIT_WINDOW

    @property
    def is_hidden(self) -> bool:
        return self.hidden_at is not None


class CommentReport(models.Model):
    """A person's report (신고) of a comment; open reports make the moderation queue."""

    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="reports")
    reporter = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    reason = models.CharField(_("reason"), max_length=300)
    created_at = models.DateTimeField()
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("comment report")
        verbose_name_plural = _("comment reports")
        constraints = [
            models.UniqueConstraint(fields=["comment", "reporter"], name="one_report_per_person"),
        ]

    def __str__(self) -> str:
        return self.reason[:40]


class ProposalLink(models.Model):
    """A proposal as the origin of something later (an agenda item, a vote option …).

    Generic on purpose: later capabilities point here without this app knowing them.
    """

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="links")
    target_type = models.ForeignKey(ContentType, on_delete=models.CASCADE)
    target_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("target_type", "target_id")
    relation = models.CharField(max_length=30, default="origin")
    created_at = models.DateTimeField()

    class Meta:
        verbose_name = _("proposal link")
        verbose_name_plural = _("proposal links")
        constraints = [
            models.UniqueConstraint(
                fields=["proposal", "target_type", "target_id", "relation"],
                name="proposal_link_unique",
            ),
        ]
        indexes = [models.Index(fields=["target_type", "target_id"])]

    def __str__(self) -> str:
        return f"{self.proposal_id} → {self.target_type_id}:{self.target_id}"


class SearchTerm(models.Model):
    """A morpheme of a proposal's title or body (or a prefix of one), for Korean search.

    One table and plain equality look-ups give the same results on SQLite and PostgreSQL.
    """

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="search_terms")
    term = models.CharField(max_length=40)
    in_title = models.BooleanField(default=False)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["term", "proposal"], name="search_term_unique"),
        ]

    def __str__(self) -> str:
        return self.term


def support_deadline(published_at: datetime, policy: ProposalPolicy) -> datetime:
    return published_at + timedelta(days=policy.support_days)
