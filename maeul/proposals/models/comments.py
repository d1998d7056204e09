"""Comments on proposals (one level of replies) and the reports (신고) that staff moderate."""

from datetime import datetime, timedelta

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from maeul.core.model_parts import Report, ReportedQuerySet, actor_field, optional_link
from maeul.proposals.models.proposal import Proposal


class CommentQuerySet(ReportedQuerySet["Comment"]):
    """Comments; `reported()` are those waiting in the moderation queue."""


class Comment(models.Model):
    """A comment on a proposal; replies go one level deep."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="comments"
    )
    parent: "models.ForeignKey[Comment | None, Comment | None]" = optional_link(
        "self", related_name="replies", on_delete=models.CASCADE
    )
    body = models.TextField(_("comment"), max_length=2000)
    body_html = models.TextField(editable=False, default="")
    created_at = models.DateTimeField()
    edited_at = models.DateTimeField(null=True, blank=True)
    hidden_at = models.DateTimeField(null=True, blank=True)
    hidden_reason = models.CharField(_("reason for hiding"), max_length=300, blank=True)
    hidden_by = actor_field(blank=True)
    report_count = models.PositiveIntegerField(default=0)

    objects = CommentQuerySet.as_manager()

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

    def is_editable(self, now: datetime) -> bool:
        """Its author may still correct it: visible, and within ten minutes of writing it."""
        return not self.is_hidden and now <= self.editable_until()

    @property
    def is_hidden(self) -> bool:
        return self.hidden_at is not None


class CommentReport(Report):
    """A person's report (신고) of a comment; open reports make the moderation queue."""

    comment = models.ForeignKey(Comment, on_delete=models.CASCADE, related_name="reports")

    class Meta:
        verbose_name = _("comment report")
        verbose_name_plural = _("comment reports")
        constraints = [
            models.UniqueConstraint(fields=["comment", "reporter"], name="one_report_per_person"),
        ]

    def __str__(self) -> str:
        return self.reason[:40]
