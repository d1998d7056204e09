"""Bookings (대관) of a room, the slots they claim, and the district's capacity policy
(거리두기 단계).

A booking covers whole 30-minute slots. Each slot it holds is a `BookingSlot` row, unique
per (room, start): the database, not a check before the insert, decides that two bookings
never share a slot (on every backend). On PostgreSQL an exclusion constraint over the
booking's time range (migration 0002) says the same a second time. A cancelled booking
gives its slots back.
"""

from datetime import datetime, timedelta

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from maeul.core.dates import seoul_minute
from maeul.core.model_parts import ends_after
from maeul.places.models import District
from maeul.spaces.models.places import Room

SLOT = timedelta(minutes=30)


class BookingStatus(models.TextChoices):
    REQUESTED = "requested", _("Awaiting approval")
    CONFIRMED = "confirmed", _("Confirmed")
    USED = "used", _("Used")
    NO_SHOW = "no_show", _("No-show")
    CANCELLED = "cancelled", _("Cancelled")


ACTIVE = (BookingStatus.REQUESTED, BookingStatus.CONFIRMED)


class BookingQuerySet(models.QuerySet["Booking"]):
    def active(self) -> "BookingQuerySet":
        return self.filter(status__in=ACTIVE)

    def holding_slots(self) -> "BookingQuerySet":
        """Bookings whose slots are taken: active ones and those already used or missed."""
        return self.exclude(status=BookingStatus.CANCELLED)

    def between(self, start: datetime, end: datetime) -> "BookingQuerySet":
        return self.filter(starts_at__lt=end, ends_at__gt=start)


class Booking(models.Model):
    room = models.ForeignKey(Room, on_delete=models.PROTECT, related_name="bookings")
    booker = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="space_bookings"
    )
    group_name = models.CharField(_("group name"), max_length=100, blank=True)
    purpose = models.CharField(_("purpose"), max_length=200)
    headcount = models.PositiveSmallIntegerField(_("number of people"))
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    status = models.CharField(_("status"), max_length=20, choices=BookingStatus.choices)
    check_in_code = models.CharField(_("check-in code"), max_length=6)
    created_at = models.DateTimeField()
    decided_at = models.DateTimeField(null=True, blank=True)
    checked_in_at = models.DateTimeField(null=True, blank=True)
    reminded_at = models.DateTimeField(null=True, blank=True)
    note = models.CharField(_("note"), max_length=200, blank=True)

    objects = BookingQuerySet.as_manager()

    class Meta:
        verbose_name = _("booking")
        verbose_name_plural = _("bookings")
        ordering = ["starts_at", "pk"]
        indexes = [models.Index(fields=["room", "starts_at"])]
        constraints = [
            ends_after("starts_at", "ends_at", name="booking_ends_after"),
            models.CheckConstraint(
                condition=models.Q(headcount__gt=0), name="booking_headcount_set"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.room} {seoul_minute(self.starts_at)}"

    @property
    def hours(self) -> float:
        return (self.ends_at - self.starts_at) / timedelta(hours=1)

    @property
    def is_active(self) -> bool:
        return self.status in ACTIVE

    def slot_starts(self) -> list[datetime]:
        """The start of each 30-minute slot the booking holds."""
        starts, at = [], self.starts_at
        while at < self.ends_at:
            starts.append(at)
            at += SLOT
        return starts


class BookingSlot(models.Model):
    """One 30-minute slot held by a booking; unique per room and start."""

    booking = models.ForeignKey(Booking, on_delete=models.CASCADE, related_name="slots")
    room = models.ForeignKey(Room, on_delete=models.CASCADE, related_name="+")
    starts_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["room", "starts_at"], name="one_booking_per_slot"),
        ]

    def __str__(self) -> str:
        return f"{self.room_id} {seoul_minute(self.starts_at)}"


class CapacityPolicy(models.Model):
    """A named district-wide level (사회적 거리두기 2단계): the share of each room's
    capacity a booking may fill, and the room types closed under it. At most one policy of a
    district is active; with none, rooms take their full capacity."""

    district = models.ForeignKey(District, on_delete=models.PROTECT, related_name="+")
    name = models.CharField(_("name"), max_length=100)
    percent = models.PositiveSmallIntegerField(_("share of capacity (%)"))
    closed_room_types = models.JSONField(_("closed room types"), default=list, blank=True)
    is_active = models.BooleanField(_("in force"), default=False)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("capacity policy")
        verbose_name_plural = _("capacity policies")
        ordering = ["district", "position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["district", "name"], name="policy_name_in_district"),
            models.UniqueConstraint(
                fields=["district"],
                condition=models.Q(is_active=True),
                name="one_active_policy_per_district",
            ),
            models.CheckConstraint(
                condition=models.Q(percent__lte=100), name="policy_percent_at_most_100"
            ),
        ]

    def __str__(self) -> str:
        return self.name

    def closes(self, room: Room) -> bool:
        return self.percent == 0 or room.room_type in self.closed_room_types

    def cap(self, room: Room) -> int:
        """The most people a booking of `room` may bring under this policy (0: closed)."""
        if self.closes(room):
            return 0
        return capped_capacity(room.capacity, self)


def capped_capacity(capacity: int, policy: CapacityPolicy | None) -> int:
    """The most of `capacity` people a gathering may take under `policy`: all of them with
    none in force, none under a level at 0 %, else the level's share, at least 1. Rooms
    (`CapacityPolicy.cap`) and forums (`consultations`) both cap through this."""
    if policy is None:
        return capacity
    if policy.percent == 0:
        return 0
    return max(1, capacity * policy.percent // 100)
