"""The review of a call's applications (심의): its committee (보조금심의위원회), the scoring
sheet, the conflicts of interest reviewers declare, and each reviewer's scores.

District staff add reviewers (accounts) to a call's committee. A call's scoring sheet is a
list of criteria with their most points (by default 사업의 필요성 30, 실현 가능성 30, 예산의
적정성 20, 주민 참여 20). A reviewer scores each application once (and may change it), with
a comment; a reviewer who declared a conflict on an application is kept out of it.
"""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from maeul.core.model_parts import actor_field
from maeul.grants.models.applications import Application
from maeul.grants.models.calls import GrantCall

# The default scoring sheet: (name, most points).
DEFAULT_CRITERIA = [
    ("사업의 필요성", 30),
    ("실현 가능성", 30),
    ("예산의 적정성", 20),
    ("주민 참여", 20),
]


class Reviewer(models.Model):
    """A member of a call's committee."""

    call = models.ForeignKey(GrantCall, on_delete=models.CASCADE, related_name="reviewers")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="grant_reviews"
    )
    added_by = actor_field()
    added_at = models.DateTimeField()

    class Meta:
        verbose_name = _("reviewer")
        verbose_name_plural = _("reviewers")
        ordering = ["call", "added_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["call", "user"], name="grant_reviewer_once"),
        ]

    def __str__(self) -> str:
        return str(self.user)


class Criterion(models.Model):
    """One line of a call's scoring sheet, with the most points it gives."""

    call = models.ForeignKey(GrantCall, on_delete=models.CASCADE, related_name="criteria")
    name = models.CharField(_("criterion"), max_length=100)
    max_points = models.PositiveSmallIntegerField(_("most points"))
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("scoring criterion")
        verbose_name_plural = _("scoring criteria")
        ordering = ["call", "position", "pk"]

    def __str__(self) -> str:
        return f"{self.name} ({self.max_points})"


class Conflict(models.Model):
    """A reviewer's declared conflict of interest on an application (이해충돌 신고)."""

    reviewer = models.ForeignKey(Reviewer, on_delete=models.CASCADE, related_name="conflicts")
    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="review_conflicts"
    )
    declared_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["reviewer", "application"], name="grant_conflict_once"),
        ]

    def __str__(self) -> str:
        return f"{self.reviewer} ~ {self.application_id}"


class Review(models.Model):
    """A reviewer's scores of one application, criterion by criterion, and a comment."""

    reviewer = models.ForeignKey(Reviewer, on_delete=models.CASCADE, related_name="reviews")
    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="reviews")
    comment = models.TextField(_("reviewer's comment"), blank=True)
    total = models.PositiveSmallIntegerField(default=0)
    scored_at = models.DateTimeField()

    class Meta:
        ordering = ["application", "reviewer"]
        constraints = [
            models.UniqueConstraint(fields=["reviewer", "application"], name="grant_review_once"),
        ]

    def __str__(self) -> str:
        return f"{self.reviewer} → {self.application_id}: {self.total}"


class Score(models.Model):
    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="+")
    points = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["review", "criterion__position"]
        constraints = [
            models.UniqueConstraint(fields=["review", "criterion"], name="grant_score_once"),
        ]

    def __str__(self) -> str:
        return f"{self.criterion_id}: {self.points}"
