"""The debate of a consultation (공론장 온라인): arguments for and against, replies, the
support (공감) of an argument, and reports (신고) that join the moderation queue."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from maeul.consultations.models.consultations import Consultation
from maeul.core.model_parts import Report, ReportedQuerySet, actor_field, optional_link


class Stance(models.TextChoices):
    FOR = "for", _("For")
    AGAINST = "against", _("Against")


class ArgumentQuerySet(ReportedQuerySet["Argument"]):
    """Arguments; `reported()` are their part of the moderation queue."""


class Argument(models.Model):
    """An argument for or against (a top-level one), or a reply to one (no stance)."""

    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="arguments"
    )
    parent: "models.ForeignKey[Argument | None, Argument | None]" = optional_link(
        "self", related_name="replies", on_delete=models.CASCADE
    )
    stance = models.CharField(_("stance"), max_length=10, choices=Stance.choices, blank=True)
    author = actor_field()
    body = models.TextField(_("argument"))
    created_at = models.DateTimeField()
    support_count = models.PositiveIntegerField(default=0)
    report_count = models.PositiveIntegerField(default=0)
    hidden_at = models.DateTimeField(null=True, blank=True)
    hidden_reason = models.CharField(_("reason for hiding"), max_length=300, blank=True)
    hidden_by = actor_field(blank=True)

    objects = ArgumentQuerySet.as_manager()

    class Meta:
        verbose_name = _("argument")
        verbose_name_plural = _("arguments")
        ordering = ["created_at", "id"]

    def __str__(self) -> str:
        return self.body[:40]

    @property
    def is_hidden(self) -> bool:
        return self.hidden_at is not None


class ArgumentSupport(models.Model):
    argument = models.ForeignKey(Argument, on_delete=models.CASCADE, related_name="supports")
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["argument", "user"], name="one_support_per_argument")
        ]

    def __str__(self) -> str:
        return f"Support #{self.pk}"


class ArgumentReport(Report):
    argument = models.ForeignKey(Argument, on_delete=models.CASCADE, related_name="reports")

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["argument", "reporter"], name="one_argument_report_per_person"
            )
        ]

    def __str__(self) -> str:
        return f"Report #{self.pk}"
