"""The grant agreement (협약) of a selected application and the payments of the grant
(교부), which may come in parts but never add up to more than the agreed amount."""

from django.db import models
from django.db.models import Sum
from django.utils.translation import gettext_lazy as _

from maeul.core.model_parts import actor_field
from maeul.grants import bank_account
from maeul.grants.models.applications import Application


class GrantAgreement(models.Model):
    """One per selected application: the amount agreed (at most the amount granted), the
    conditions, when it was signed, and the group's bank account (encrypted only)."""

    application = models.OneToOneField(
        Application, on_delete=models.PROTECT, related_name="agreement"
    )
    amount = models.PositiveBigIntegerField(_("amount agreed (won)"))
    conditions = models.TextField(_("conditions of the agreement"), blank=True)
    signed_at = models.DateField(_("signed on"))
    bank = models.CharField(_("bank"), max_length=50)
    account_enc = models.TextField()
    created_by = actor_field()
    created_at = models.DateTimeField()

    class Meta:
        verbose_name = _("grant agreement")
        verbose_name_plural = _("grant agreements")

    def __str__(self) -> str:
        return f"{self.application_id}: {self.amount}"

    @property
    def masked_account(self) -> str:
        number = bank_account.decrypt(self.account_enc) if self.account_enc else None
        return bank_account.mask(number) if number else ""

    @property
    def disbursed(self) -> int:
        return int(self.disbursements.aggregate(total=Sum("amount"))["total"] or 0)

    @property
    def remaining(self) -> int:
        return self.amount - self.disbursed


class Disbursement(models.Model):
    """One payment of the grant (교부), in part or in full."""

    agreement = models.ForeignKey(
        GrantAgreement, on_delete=models.PROTECT, related_name="disbursements"
    )
    amount = models.PositiveBigIntegerField(_("amount paid (won)"))
    paid_at = models.DateField(_("paid on"))
    note = models.CharField(_("note"), max_length=200, blank=True)
    recorded_by = actor_field()
    recorded_at = models.DateTimeField()

    class Meta:
        verbose_name = _("disbursement")
        verbose_name_plural = _("disbursements")
        ordering = ["agreement", "paid_at", "pk"]

    def __str__(self) -> str:
        return f"{self.agreement_id}: {self.amount}"
