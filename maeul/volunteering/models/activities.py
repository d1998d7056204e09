"""Volunteer activities (봉사활동) and their shifts, who signed up (a person or a company's
group), the hours staff or a leader confirmed (봉사실적), work proposed by a camp meeting
(일감제안) and the certificates issued (봉사활동 확인서)."""

from datetime import datetime
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from maeul.core.dates import seoul_minute
from maeul.core.model_parts import ends_after, optional_link
from maeul.volunteering.models.groups import VolunteerCamp, VolunteerClub

if TYPE_CHECKING:
    from maeul.accounts.models import User
    from maeul.courses.models import Course
    from maeul.places.models import Dong


# Without a staff decision, an activity takes people of 14 and over (중학생 이상): younger
# children volunteer only in activities staff open to them (with a guardian, as family
# volunteering) by lowering `min_age`.
DEFAULT_MIN_AGE = 14
# Under 19 (민법 제4조: 19세 성년) a volunteer needs a recorded guardian consent.
ADULT_AGE = 19


class Field(models.TextChoices):
    """The fields of the 1365 portal's 봉사분야, so the export uses the portal's words."""

    DAILY_LIFE = "daily_life", _("Daily life support")
    HOUSING = "housing", _("Housing and environment")
    COUNSELLING = "counselling", _("Counselling")
    EDUCATION = "education", _("Education")
    HEALTH = "health", _("Health and medical care")
    RURAL = "rural", _("Rural volunteering")
    CULTURE = "culture", _("Cultural events")
    ENVIRONMENT = "environment", _("Environmental protection")
    ADMINISTRATION = "administration", _("Administrative support")
    SAFETY = "safety", _("Safety and prevention")
    PUBLIC_INTEREST = "public_interest", _("Public interest and human rights")
    DISASTER = "disaster", _("Disaster relief")
    MENTORING = "mentoring", _("Mentoring")
    OTHER = "other", _("Other")


class ActivityStatus(models.TextChoices):
    OPEN = "open", _("Taking sign-ups")
    CLOSED = "closed", _("Closed")


class ActivityQuerySet(models.QuerySet["VolunteerActivity"]):
    def public(self) -> "ActivityQuerySet":
        return self.select_related("district", "dong", "camp", "club", "required_course")


class VolunteerActivity(models.Model):
    """A piece of volunteer work run by a camp or a club (or the district), in shifts."""

    district = models.ForeignKey("places.District", on_delete=models.PROTECT, related_name="+")
    dong: "models.ForeignKey[Dong | None, Dong | None]" = optional_link(
        "places.Dong", related_name="+", on_delete=models.PROTECT
    )
    camp = optional_link(VolunteerCamp, related_name="activities", on_delete=models.PROTECT)
    club = optional_link(VolunteerClub, related_name="activities", on_delete=models.PROTECT)
    title = models.CharField(_("title"), max_length=100)
    description = models.TextField(_("description"), blank=True)
    field = models.CharField(_("field"), max_length=20, choices=Field.choices, default=Field.OTHER)
    min_age = models.PositiveSmallIntegerField(_("minimum age"), default=DEFAULT_MIN_AGE)
    status = models.CharField(
        _("status"), max_length=10, choices=ActivityStatus.choices, default=ActivityStatus.OPEN
    )
    # The training (전문교육) a volunteer must have completed to sign up: specialised
    # training leads to matched activities.
    required_course: "models.ForeignKey[Course | None, Course | None]" = optional_link(
        "courses.Course",
        _("required training"),
        related_name="volunteer_activities",
        on_delete=models.PROTECT,
    )
    created_at = models.DateTimeField()

    objects = ActivityQuerySet.as_manager()

    class Meta:
        verbose_name = _("volunteer activity")
        verbose_name_plural = _("volunteer activities")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def organiser(self) -> VolunteerCamp | VolunteerClub | None:
        return self.camp or self.club


class Shift(models.Model):
    """One date and place of an activity, with its places and the hours it credits."""

    activity = models.ForeignKey(VolunteerActivity, on_delete=models.CASCADE, related_name="shifts")
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    place = models.CharField(_("place"), max_length=100)
    places = models.PositiveSmallIntegerField(_("places available"))
    # Hours credited, in minutes: the 1365 portal keeps volunteer time in minutes.
    minutes = models.PositiveIntegerField(_("minutes credited"))

    class Meta:
        ordering = ["starts_at", "pk"]
        constraints = [
            ends_after("starts_at", "ends_at", name="shift_ends_after_start"),
            models.CheckConstraint(condition=Q(places__gte=1), name="shift_has_places"),
        ]

    def __str__(self) -> str:
        return f"{self.activity} · {seoul_minute(self.starts_at)}"

    @property
    def hours(self) -> float:
        return self.minutes / 60

    def has_started(self, now: datetime) -> bool:
        return self.starts_at <= now


class SignUpStatus(models.TextChoices):
    ACTIVE = "active", _("Signed up")
    # On the waiting list of a full shift (people only: a company's group never waits).
    WAITING = "waiting", _("On the waiting list")
    CANCELLED = "cancelled", _("Cancelled")


class SignUp(models.Model):
    """One person signed up for one shift, or on its waiting list (a cancelled sign-up
    stays, for the record)."""

    shift = models.ForeignKey(Shift, on_delete=models.CASCADE, related_name="sign_ups")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="volunteer_sign_ups"
    )
    status = models.CharField(
        max_length=10, choices=SignUpStatus.choices, default=SignUpStatus.ACTIVE
    )
    signed_up_at = models.DateTimeField()
    cancelled_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            # Signed up or waiting, never both, and each once.
            models.UniqueConstraint(
                fields=["shift", "user"],
                condition=Q(status__in=["active", "waiting"]),
                name="one_live_sign_up_per_shift",
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.shift}"


class GroupSignUp(models.Model):
    """A company or organisation signing up several people for a shift (기업봉사): a head
    count and a contact, not the names of the people; staff confirm how many came."""

    shift = models.ForeignKey(Shift, on_delete=models.CASCADE, related_name="group_sign_ups")
    organisation = models.CharField(_("company or organisation"), max_length=80)
    head_count = models.PositiveSmallIntegerField(_("number of people"))
    contact_name = models.CharField(_("contact person"), max_length=30)
    contact = models.CharField(_("phone or e-mail of the contact"), max_length=80)
    signed_up_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(
        max_length=10, choices=SignUpStatus.choices, default=SignUpStatus.ACTIVE
    )
    attended = models.PositiveSmallIntegerField(null=True, blank=True)
    confirmed_by: "models.ForeignKey[User | None, User | None]" = optional_link(
        settings.AUTH_USER_MODEL, related_name="+", on_delete=models.PROTECT
    )
    confirmed_at = models.DateTimeField(null=True, blank=True)
    signed_up_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.CheckConstraint(condition=Q(head_count__gte=1), name="group_head_count")
        ]

    def __str__(self) -> str:
        return f"{self.organisation} · {self.shift}"


class HoursRecord(models.Model):
    """Confirmed attendance and hours (봉사실적) of one person on one shift: once only."""

    shift = models.ForeignKey(Shift, on_delete=models.PROTECT, related_name="hours_records")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="volunteer_hours"
    )
    sign_up = models.OneToOneField(SignUp, on_delete=models.PROTECT, related_name="hours_record")
    minutes = models.PositiveIntegerField()
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    confirmed_at = models.DateTimeField()

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["shift", "user"], name="hours_confirmed_once_per_shift"
            ),
            models.CheckConstraint(condition=Q(minutes__gte=1), name="hours_positive"),
        ]
        indexes = [models.Index(fields=["user", "confirmed_at"], name="hours_by_volunteer")]

    def __str__(self) -> str:
        return f"{self.user} · {self.shift} · {self.minutes}"


class ProposalStatus(models.TextChoices):
    PROPOSED = "proposed", _("Proposed")
    ACCEPTED = "accepted", _("Turned into an activity")
    DECLINED = "declined", _("Declined")


class WorkProposal(models.Model):
    """Work (일감) a camp meeting proposed; staff turn it into an activity or decline it."""

    camp = models.ForeignKey(VolunteerCamp, on_delete=models.CASCADE, related_name="proposals")
    title = models.CharField(_("work proposed"), max_length=100)
    description = models.TextField(_("what and for whom"), blank=True)
    meeting_on = models.DateField(_("date of the camp meeting"))
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    status = models.CharField(
        max_length=10, choices=ProposalStatus.choices, default=ProposalStatus.PROPOSED
    )
    activity = optional_link(VolunteerActivity, related_name="proposal", one_to_one=True)
    answer = models.TextField(_("answer"), blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["-meeting_on", "-pk"]

    def __str__(self) -> str:
        return self.title


class Certificate(models.Model):
    """A 봉사활동 확인서 issued for a person's confirmed hours; its number is checked at
    /volunteering/certificates/check/."""

    number = models.CharField(max_length=20, unique=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="volunteer_certificates"
    )
    activity = optional_link(VolunteerActivity, related_name="+")
    starts_on = models.DateField()
    ends_on = models.DateField()
    minutes = models.PositiveIntegerField()
    records = models.PositiveIntegerField()
    issued_at = models.DateTimeField()

    def __str__(self) -> str:
        return self.number
