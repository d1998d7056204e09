"""Applications (신청서) of groups to calls, their budget rows and files, and the similar
applications found for each (중복 의심).

An application is a draft until its group's representative submits it within the call's
period. Its title and description are analysed once, when saved: the content morphemes
and their counts are stored in `ApplicationTerm` (and their sum in `term_total`), so that
finding similar applications reads postings of the new application's terms only.
"""

from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from maeul.core.model_parts import actor_field
from maeul.core.storage import PrivateStorage
from maeul.grants.models.calls import AttachmentKind, ExpenseCategory, GrantCall
from maeul.grants.models.groups import CommunityGroup
from maeul.places.models import Dong

if TYPE_CHECKING:
    from maeul.grants.models.settlement import Settlement


class ApplicationStatus(models.TextChoices):
    DRAFT = "draft", _("Being written")
    SUBMITTED = "submitted", _("Submitted")
    WITHDRAWN = "withdrawn", _("Withdrawn")
    UNDER_REVIEW = "under_review", _("In committee review")
    SELECTED = "selected", _("Selected")
    NOT_SELECTED = "not_selected", _("Not selected")


# Applications others may be compared with: handed in, whatever became of them since.
HANDED_IN = [
    ApplicationStatus.SUBMITTED,
    ApplicationStatus.UNDER_REVIEW,
    ApplicationStatus.SELECTED,
    ApplicationStatus.NOT_SELECTED,
]


class Application(models.Model):
    call = models.ForeignKey(GrantCall, on_delete=models.PROTECT, related_name="applications")
    group = models.ForeignKey(CommunityGroup, on_delete=models.PROTECT, related_name="applications")
    title = models.CharField(_("project title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    place = models.CharField(_("place"), max_length=200, blank=True)
    place_key = models.CharField(max_length=200, blank=True, db_index=True)
    dong = models.ForeignKey(Dong, on_delete=models.PROTECT, related_name="grant_applications")
    amount = models.PositiveBigIntegerField(_("amount asked (won)"), default=0)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ApplicationStatus.choices,
        default=ApplicationStatus.DRAFT,
    )
    # Who applied, as it was on submission (a group's representative may change later).
    representative = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="grant_applications"
    )
    # 직능단체 may apply jointly: the other associations named on the application.
    partners = models.ManyToManyField(
        CommunityGroup,
        blank=True,
        related_name="joint_applications",
        verbose_name=_("joint applicants"),
    )
    contact_hmac = models.CharField(max_length=64, blank=True, db_index=True)
    term_total = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField()
    submitted_at = models.DateTimeField(null=True, blank=True)
    withdrawn_at = models.DateTimeField(null=True, blank=True)
    # The decision of district staff after the committee's review (선정 / 미선정).
    granted_amount = models.PositiveBigIntegerField(
        _("amount granted (won)"), null=True, blank=True
    )
    decision_reasons = models.TextField(_("reasons for the decision"), blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = actor_field(blank=True)

    class Meta:
        verbose_name = _("grant application")
        verbose_name_plural = _("grant applications")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["call", "group"],
                condition=~Q(status="withdrawn"),
                name="grant_one_application_per_call",
            ),
        ]
        indexes = [models.Index(fields=["status", "call"], name="grant_app_status_call")]

    def __str__(self) -> str:
        return self.title

    @property
    def is_draft(self) -> bool:
        return self.status == ApplicationStatus.DRAFT

    @property
    def settled(self) -> "Settlement | None":
        """The approved settlement (정산): what a funded project spent and returned, public."""
        try:
            settlement = self.settlement
        except ObjectDoesNotExist:
            return None
        return settlement if settlement.is_approved else None

    @property
    def budget_total(self) -> int:
        return sum(line.amount for line in self.budget_lines.all())


class BudgetLine(models.Model):
    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="budget_lines"
    )
    category = models.ForeignKey(ExpenseCategory, on_delete=models.PROTECT, related_name="+")
    item = models.CharField(_("item"), max_length=100)
    amount = models.PositiveBigIntegerField(_("amount (won)"))

    class Meta:
        verbose_name = _("budget row")
        verbose_name_plural = _("budget rows")
        ordering = ["application", "category__kind", "category__position", "pk"]

    def __str__(self) -> str:
        return self.item


class ApplicationAttachment(models.Model):
    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="attachments"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=AttachmentKind.choices)
    file = models.FileField(upload_to="grants/applications/", storage=PrivateStorage())
    original_name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    uploaded_at = models.DateTimeField()

    class Meta:
        verbose_name = _("application attachment")
        verbose_name_plural = _("application attachments")
        ordering = ["application", "kind", "pk"]

    def __str__(self) -> str:
        return self.original_name


class ApplicationTerm(models.Model):
    """One content morpheme of an application's title and description, with its count."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="terms")
    term = models.CharField(max_length=40)
    count = models.PositiveSmallIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["application", "term"], name="grant_term_once"),
        ]
        indexes = [models.Index(fields=["term", "application"], name="grant_term_lookup")]

    def __str__(self) -> str:
        return self.term


class MatchReason(models.TextChoices):
    SIMILAR_TEXT = "similar_text", _("Similar title and description")
    SAME_REPRESENTATIVE = "same_representative", _("Same representative")
    SAME_CONTACT = "same_contact", _("Same contact number")
    SAME_PLACE = "same_place", _("Same place")


class DuplicateMatch(models.Model):
    """An application found similar to another, with the score and the reasons why."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="duplicate_matches"
    )
    other = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="+")
    score = models.FloatField()
    text_score = models.FloatField()
    reasons = models.JSONField(default=list)
    found_at = models.DateTimeField()

    class Meta:
        ordering = ["application", "-score", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["application", "other"], name="grant_match_once"),
        ]

    def __str__(self) -> str:
        return f"{self.application_id} ~ {self.other_id} ({self.score:.2f})"

    def reason_labels(self) -> list[str]:
        return [str(MatchReason(reason).label) for reason in self.reasons]
