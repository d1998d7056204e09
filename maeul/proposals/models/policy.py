"""A district's rules for proposals and its categories."""

from datetime import datetime, timedelta

from django.db import models
from django.utils.translation import gettext_lazy as _

from maeul.core.model_parts import optional_link
from maeul.places.models import Department, District


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
    default_department = optional_link(
        Department, _("department for uncategorised proposals"), related_name="+"
    )

    class Meta:
        verbose_name = _("proposal policy")
        verbose_name_plural = _("proposal policies")

    def __str__(self) -> str:
        return str(self.district)

    def support_deadline(self, published_at: datetime) -> datetime:
        """When supports close for a proposal received at `published_at`."""
        return published_at + timedelta(days=self.support_days)


class Category(models.Model):
    """A district's proposal category (안전, 환경, 복지 …) and the department that reviews it."""

    district = models.ForeignKey(District, on_delete=models.CASCADE, related_name="categories")
    name = models.CharField(_("name"), max_length=30)
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    department = optional_link(Department, _("reviewing department"), related_name="categories")

    class Meta:
        verbose_name = _("category")
        verbose_name_plural = _("categories")
        ordering = ["district", "order", "name"]
        constraints = [
            models.UniqueConstraint(fields=["district", "name"], name="category_name_unique"),
        ]

    def __str__(self) -> str:
        return self.name
