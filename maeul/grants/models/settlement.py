"""After the money is paid: the group's spending with its receipts (집행 내역), the interim
checks of support-centre, dong and district staff (중간점검), and the settlement (정산)
with the amount to return (반납) and the evaluation (평가) that next year's committee reads.

Every spending entry is marked by the staff who check it: confirmed, to be corrected, or not
accepted. Only confirmed spending counts at settlement; the rest of what was paid is
returned.
"""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from maeul.core.model_parts import actor_field
from maeul.core.storage import PrivateStorage
from maeul.grants.models.applications import Application
from maeul.grants.models.calls import ExpenseCategory


class CheckMark(models.TextChoices):
    UNCHECKED = "unchecked", pgettext_lazy("spending check", "Not checked yet")
    CONFIRMED = "confirmed", pgettext_lazy("spending check", "Confirmed")
    QUESTIONED = "questioned", pgettext_lazy("spending check", "To be corrected")
    DISALLOWED = "disallowed", pgettext_lazy("spending check", "Not accepted")


class GrantExpense(models.Model):
    """One payment the group made from the grant, with its receipt."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="expenses")
    category = models.ForeignKey(ExpenseCategory, on_delete=models.PROTECT, related_name="+")
    item = models.CharField(_("what was bought"), max_length=100)
    amount = models.PositiveBigIntegerField(_("amount spent (won)"))
    spent_on = models.DateField(_("spent on"))
    receipt = models.FileField(upload_to="grants/receipts/", storage=PrivateStorage(), blank=True)
    receipt_name = models.CharField(max_length=200, blank=True)
    receipt_type = models.CharField(max_length=100, blank=True)
    recorded_at = models.DateTimeField()
    mark = models.CharField(
        _("check"), max_length=20, choices=CheckMark.choices, default=CheckMark.UNCHECKED
    )
    mark_note = models.CharField(_("note of the check"), max_length=200, blank=True)
    marked_by = actor_field(blank=True)
    marked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("spending entry")
        verbose_name_plural = _("spending entries")
        ordering = ["application", "spent_on", "pk"]

    def __str__(self) -> str:
        return self.item

    @property
    def has_receipt(self) -> bool:
        return bool(self.receipt)

    @property
    def counts(self) -> bool:
        """Whether the entry counts as spending of the grant (not refused by a check)."""
        return self.mark != CheckMark.DISALLOWED


class CheckOutcome(models.TextChoices):
    ON_TRACK = "on_track", _("On track")
    NEEDS_CORRECTION = "needs_correction", _("Corrections needed")
    SERIOUS = "serious", _("Serious problems")


class InterimCheck(models.Model):
    """A visit of the interim check (중간점검): when, what was found, and by whom."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="interim_checks"
    )
    visited_on = models.DateField(_("visited on"))
    findings = models.TextField(_("findings"))
    outcome = models.CharField(_("outcome"), max_length=20, choices=CheckOutcome.choices)
    checked_by = actor_field()
    checker_role = models.CharField(max_length=100)
    recorded_at = models.DateTimeField()

    class Meta:
        verbose_name = _("interim check")
        verbose_name_plural = _("interim checks")
        ordering = ["application", "visited_on", "pk"]

    def __str__(self) -> str:
        return f"{self.application_id}: {self.visited_on}"


class SettlementStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Submitted")
    SENT_BACK = "sent_back", _("Sent back for corrections")
    APPROVED = "approved", _("Approved")


class Settlement(models.Model):
    """The group's final report (정산 보고), its approval with the amount to return, and the
    evaluation of the project (평가)."""

    application = models.OneToOneField(
        Application, on_delete=models.CASCADE, related_name="settlement"
    )
    report = models.TextField(_("final report"))
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=SettlementStatus.choices,
        default=SettlementStatus.SUBMITTED,
    )
    submitted_at = models.DateTimeField()
    staff_note = models.TextField(_("note from staff"), blank=True)
    # Fixed when staff approve: the confirmed spending and what the group returns.
    accepted_total = models.PositiveBigIntegerField(null=True, blank=True)
    return_amount = models.PositiveBigIntegerField(
        _("amount to return (won)"), null=True, blank=True
    )
    approved_at = models.DateTimeField(null=True, blank=True)
    approved_by = actor_field(blank=True)
    returned_on = models.DateField(_("returned on"), null=True, blank=True)
    evaluation_score = models.PositiveSmallIntegerField(
        _("evaluation score (out of 100)"), null=True, blank=True
    )
    evaluation_comment = models.TextField(_("evaluation"), blank=True)
    evaluated_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("settlement")
        verbose_name_plural = _("settlements")
        constraints = [
            models.CheckConstraint(
                condition=Q(evaluation_score__isnull=True) | Q(evaluation_score__lte=100),
                name="grant_evaluation_le_100",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.application_id}: {self.status}"

    @property
    def is_approved(self) -> bool:
        return self.status == SettlementStatus.APPROVED

    @property
    def is_open_to_changes(self) -> bool:
        """The group may change its spending and report: never submitted, or sent back."""
        return self.status == SettlementStatus.SENT_BACK
