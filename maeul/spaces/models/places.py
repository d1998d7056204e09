"""Community spaces (마을활력소, 공유공간), their rooms, opening hours, closures and the days
reserved for a group (e.g. 복지대상자 전용 사용일).

A space belongs to a dong (and so to a district); it sets the limits each person books
within (hours a week, days ahead). Opening hours are wall-clock times in Seoul, one row per
weekday; a day without a row is closed.
"""

from datetime import date, time

from django.db import models
from django.utils.translation import gettext_lazy as _

from maeul.places.models import District, Dong


class RoomType(models.TextChoices):
    MEETING = "meeting", _("Meeting room")
    HALL = "hall", _("Hall")
    KITCHEN = "kitchen", _("Shared kitchen")
    STUDY = "study", _("Study room")
    WORKSHOP = "workshop", _("Workshop")
    FITNESS = "fitness", _("Fitness room")


class Weekday(models.IntegerChoices):
    MONDAY = 0, _("Monday")
    TUESDAY = 1, _("Tuesday")
    WEDNESDAY = 2, _("Wednesday")
    THURSDAY = 3, _("Thursday")
    FRIDAY = 4, _("Friday")
    SATURDAY = 5, _("Saturday")
    SUNDAY = 6, _("Sunday")


class SpaceQuerySet(models.QuerySet["Space"]):
    def public(self) -> "SpaceQuerySet":
        """Spaces anyone may see: every space (a closure shows on its page, not by hiding it)."""
        return self.all()


class Space(models.Model):
    name = models.CharField(_("name"), max_length=100)
    district = models.ForeignKey(District, on_delete=models.PROTECT, related_name="+")
    dong = models.ForeignKey(Dong, on_delete=models.PROTECT, related_name="spaces")
    operator = models.CharField(_("operator"), max_length=100)
    size_m2 = models.DecimalField(
        _("floor area (㎡)"), max_digits=8, decimal_places=2, null=True, blank=True
    )
    address = models.CharField(_("address"), max_length=200)
    accessibility = models.TextField(_("accessibility"), blank=True)
    rules = models.TextField(_("rules of use"), blank=True)
    fee = models.PositiveIntegerField(_("fee per hour (won)"), default=0)
    services = models.CharField(_("other services"), max_length=200, blank=True)
    max_hours_per_week = models.PositiveSmallIntegerField(
        _("hours a person may book a week"), default=6
    )
    max_days_ahead = models.PositiveSmallIntegerField(_("days ahead a person may book"), default=30)
    max_group_hours_per_week = models.PositiveSmallIntegerField(
        _("hours a group may hold a week"),
        null=True,
        blank=True,
        help_text=_("A group is its name on the booking. Empty: no limit per group."),
    )

    objects = SpaceQuerySet.as_manager()

    class Meta:
        verbose_name = _("community space")
        verbose_name_plural = _("community spaces")
        ordering = ["dong__name", "name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["dong", "name"], name="space_name_in_dong"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def is_free(self) -> bool:
        return self.fee == 0


class Room(models.Model):
    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="rooms")
    name = models.CharField(_("name"), max_length=100)
    capacity = models.PositiveSmallIntegerField(_("capacity"))
    room_type = models.CharField(_("room type"), max_length=20, choices=RoomType.choices)
    equipment = models.CharField(_("equipment"), max_length=300, blank=True)
    auto_confirm = models.BooleanField(
        _("confirmed without staff approval"),
        default=True,
    )

    class Meta:
        verbose_name = _("room")
        verbose_name_plural = _("rooms")
        ordering = ["space", "name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["space", "name"], name="room_name_in_space"),
            models.CheckConstraint(condition=models.Q(capacity__gt=0), name="room_capacity_set"),
        ]

    def __str__(self) -> str:
        return f"{self.space.name} {self.name}"


class OpeningHours(models.Model):
    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="opening_hours")
    weekday = models.PositiveSmallIntegerField(_("weekday"), choices=Weekday.choices)
    opens = models.TimeField(_("opens"))
    closes = models.TimeField(_("closes"))

    class Meta:
        verbose_name = _("opening hours")
        verbose_name_plural = _("opening hours")
        ordering = ["space", "weekday"]
        constraints = [
            models.UniqueConstraint(fields=["space", "weekday"], name="one_hours_per_weekday"),
            models.CheckConstraint(
                condition=models.Q(closes__gt=models.F("opens")), name="hours_open_before_close"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_weekday_display()} {self.opens:%H:%M}-{self.closes:%H:%M}"

    def covers(self, start: time, end: time) -> bool:
        return self.opens <= start and end <= self.closes


class Closure(models.Model):
    """A closure or holiday (휴관일): no booking on these days."""

    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="closures")
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"))
    reason = models.CharField(_("reason"), max_length=100)

    class Meta:
        verbose_name = _("closure")
        verbose_name_plural = _("closures")
        ordering = ["space", "starts_on"]

    def __str__(self) -> str:
        return self.reason

    def covers(self, day: date) -> bool:
        return self.starts_on <= day <= self.ends_on


class ReservedDay(models.Model):
    """A day kept for one group (e.g. 복지대상자 전용 사용일): staff book it for them; it is
    not open to online booking."""

    space = models.ForeignKey(Space, on_delete=models.CASCADE, related_name="reserved_days")
    on = models.DateField(_("day"))
    audience = models.CharField(_("reserved for"), max_length=100)

    class Meta:
        verbose_name = _("reserved day")
        verbose_name_plural = _("reserved days")
        ordering = ["space", "on"]
        constraints = [
            models.UniqueConstraint(fields=["space", "on"], name="one_reservation_per_day"),
        ]

    def __str__(self) -> str:
        return f"{self.on} {self.audience}"
