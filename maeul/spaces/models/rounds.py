"""A seasonal allocation round (정기대관 배정): clubs ask for a weekly slot of a room for a
season; where requests for one weekly slot overlap, a lottery with a published seed decides,
and the winners' weekly bookings are claimed through the same slot rows as any booking."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from maeul.core.model_parts import ends_after
from maeul.spaces.models.places import Room, Weekday


class RoundStatus(models.TextChoices):
    OPEN = "open", _("Taking requests")
    CLOSED = "closed", _("Closed")


class RequestStatus(models.TextChoices):
    REQUESTED = "requested", _("Requested")
    WON = "won", _("Allocated")
    LOST = "lost", _("Not allocated")


class AllocationRound(models.Model):
    room = models.ForeignKey(Room, on_delete=models.PROTECT, related_name="allocation_rounds")
    name = models.CharField(_("season"), max_length=100)
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"))
    status = models.CharField(
        _("status"), max_length=10, choices=RoundStatus.choices, default=RoundStatus.OPEN
    )
    lottery_seed = models.CharField(_("lottery seed"), max_length=64, blank=True)
    created_at = models.DateTimeField()
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("allocation round")
        verbose_name_plural = _("allocation rounds")
        ordering = ["-starts_on", "pk"]
        constraints = [
            ends_after("starts_on", "ends_on", name="round_ends_after", or_same=True),
        ]

    def __str__(self) -> str:
        return f"{self.room} {self.name}"

    @property
    def is_open(self) -> bool:
        return self.status == RoundStatus.OPEN


class AllocationRequest(models.Model):
    """A group's request for one weekly slot: the club's name and its representative."""

    round = models.ForeignKey(AllocationRound, on_delete=models.CASCADE, related_name="requests")
    group_name = models.CharField(_("group name"), max_length=100)
    representative = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    weekday = models.PositiveSmallIntegerField(_("weekday"), choices=Weekday.choices)
    starts = models.TimeField(_("starts"))
    ends = models.TimeField(_("ends"))
    headcount = models.PositiveSmallIntegerField(_("number of people"))
    status = models.CharField(
        _("status"), max_length=10, choices=RequestStatus.choices, default=RequestStatus.REQUESTED
    )
    draw_rank = models.PositiveIntegerField(null=True, blank=True)
    weeks_booked = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField()

    class Meta:
        verbose_name = _("allocation request")
        verbose_name_plural = _("allocation requests")
        ordering = ["round", "weekday", "starts", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["round", "group_name", "weekday", "starts"], name="one_request_per_group"
            ),
            models.UniqueConstraint(
                fields=["round", "representative", "weekday", "starts"],
                name="one_request_per_representative",
            ),
            ends_after("starts", "ends", name="request_ends_after"),
        ]

    def __str__(self) -> str:
        return f"{self.group_name} {self.get_weekday_display()} {self.starts:%H:%M}"

    def overlaps(self, other: "AllocationRequest") -> bool:
        return (
            self.weekday == other.weekday and self.starts < other.ends and other.starts < self.ends
        )
