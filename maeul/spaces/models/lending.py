"""Item lending (물품대여), walk-in visitor counts and the satisfaction survey after use."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from maeul.spaces.models.bookings import Booking
from maeul.spaces.models.places import Space


class Item(models.Model):
    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="items")
    name = models.CharField(_("name"), max_length=100)
    description = models.CharField(_("description"), max_length=300, blank=True)
    stock = models.PositiveSmallIntegerField(_("number held"))
    deposit = models.PositiveIntegerField(_("deposit (won)"), default=0)
    loan_days = models.PositiveSmallIntegerField(_("days of a loan"), default=7)

    class Meta:
        verbose_name = _("item")
        verbose_name_plural = _("items")
        ordering = ["space", "name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["space", "name"], name="item_name_in_space"),
        ]

    def __str__(self) -> str:
        return self.name


class LoanStatus(models.TextChoices):
    REQUESTED = "requested", _("Requested")
    OUT = "out", _("Lent out")
    RETURNED = "returned", _("Returned")
    CANCELLED = "cancelled", _("Cancelled")


HELD = (LoanStatus.REQUESTED, LoanStatus.OUT)


class Condition(models.TextChoices):
    GOOD = "good", _("Good")
    WORN = "worn", _("Worn")
    DAMAGED = "damaged", _("Damaged")
    LOST = "lost", _("Lost")


class ItemLoan(models.Model):
    item = models.ForeignKey(Item, on_delete=models.PROTECT, related_name="loans")
    borrower = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="item_loans"
    )
    quantity = models.PositiveSmallIntegerField(_("quantity"), default=1)
    status = models.CharField(_("status"), max_length=20, choices=LoanStatus.choices)
    requested_at = models.DateTimeField()
    picked_up_at = models.DateTimeField(null=True, blank=True)
    due_on = models.DateField(_("due back"), null=True, blank=True)
    returned_at = models.DateTimeField(null=True, blank=True)
    condition = models.CharField(
        _("condition on return"), max_length=20, choices=Condition.choices, blank=True
    )
    deposit = models.PositiveIntegerField(_("deposit taken (won)"), default=0)
    reminded_at = models.DateTimeField(null=True, blank=True)  # of being overdue, once

    class Meta:
        verbose_name = _("item loan")
        verbose_name_plural = _("item loans")
        ordering = ["-requested_at", "pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(quantity__gt=0), name="loan_quantity_set"),
        ]

    def __str__(self) -> str:
        return f"{self.item} x{self.quantity}"


class VisitorCount(models.Model):
    """Walk-in visitors (자유 이용) of one day, counted by staff."""

    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="visitor_counts")
    on = models.DateField(_("day"))
    visitors = models.PositiveIntegerField(_("walk-in visitors"))

    class Meta:
        verbose_name = _("visitor count")
        verbose_name_plural = _("visitor counts")
        ordering = ["space", "on"]
        constraints = [
            models.UniqueConstraint(fields=["space", "on"], name="one_count_per_day"),
        ]

    def __str__(self) -> str:
        return f"{self.space} {self.on}"


class SurveyAnswer(models.Model):
    """The short survey a booker answers once after use (1 = very poor … 5 = very good)."""

    booking = models.OneToOneField(Booking, on_delete=models.CASCADE, related_name="survey")
    rating = models.PositiveSmallIntegerField(_("rating"))
    comment = models.CharField(_("comment"), max_length=300, blank=True)
    answered_at = models.DateTimeField()

    class Meta:
        verbose_name = _("survey answer")
        verbose_name_plural = _("survey answers")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(rating__gte=1, rating__lte=5), name="survey_rating_1_to_5"
            ),
        ]

    def __str__(self) -> str:
        return str(self.rating)

    @property
    def satisfied(self) -> bool:
        return self.rating >= 4
