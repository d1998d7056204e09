"""Programmes (사업), courses (교육 과정) and their sessions (차시).

A course belongs to a programme of a district; the programme carries the year's targets
(건수, 실인원, 연인원, 만족도) the figures are measured against. A live course counts its
figures from its rows (sessions, attendances, satisfaction answers); a course of an earlier
year whose figures come from a report keeps them as recorded totals instead
(`recorded_sessions` set), and the figures read those (see `maeul/courses/figures.py`).
"""

from datetime import datetime
from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from maeul.core.model_parts import (
    PublishedQuerySet,
    actor_field,
    dong_or_whole_district,
    ends_after,
    optional_link,
)
from maeul.places.models import District


class CourseKind(models.TextChoices):
    SELF_GOVERNANCE_SCHOOL = "self_governance_school", _("Self-governance school")
    VILLAGE_EDUCATION = "village_education", _("Village education")
    ACTIVIST_COLLEGE = "activist_college", _("Village practice college")
    PRACTITIONER_TRAINING = "practitioner_training", _("Practitioner training")
    VOLUNTEER_BASIC = "volunteer_basic", _("Volunteer basic training")
    VOLUNTEER_SPECIALISED = "volunteer_specialised", _("Volunteer specialised training")
    OTHER = "other", _("Other course")


class Audience(models.TextChoices):
    RESIDENTS = "residents", _("Residents")
    ACTIVISTS = "activists", _("Village activists")
    PRACTITIONERS = "practitioners", _("Support-centre staff")
    COUNCIL_MEMBERS = "council_members", _("Council members")
    VOLUNTEERS = "volunteers", _("Volunteers")
    YOUTH = "youth", _("Young people")
    OFFICIALS = "officials", _("Public officials")


class SurveyAt(models.TextChoices):
    LAST_SESSION = "last_session", _("At the last session")
    EVERY_SESSION = "every_session", _("At every session")
    NONE = "none", _("No survey")


class Programme(models.Model):
    """A district's programme of one year (e.g. 마을력강화 마을교육 2020) and its targets; a
    programme without a district is the city's (서울시 마을공동체종합지원센터)."""

    district = optional_link(District, _("district"), related_name="+", on_delete=models.PROTECT)
    title = models.CharField(_("title"), max_length=200)
    year = models.PositiveSmallIntegerField(_("year"))
    description = models.TextField(_("description"), blank=True)
    target_courses = models.PositiveIntegerField(_("target courses"), null=True, blank=True)
    target_sessions = models.PositiveIntegerField(_("target sessions"), null=True, blank=True)
    target_participants = models.PositiveIntegerField(
        _("target participants"), null=True, blank=True
    )
    target_attendances = models.PositiveIntegerField(_("target attendances"), null=True, blank=True)
    target_satisfaction = models.DecimalField(
        _("target satisfaction"), max_digits=3, decimal_places=1, null=True, blank=True
    )

    class Meta:
        verbose_name = _("course programme")
        verbose_name_plural = _("course programmes")
        ordering = ["-year", "title", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["district", "year", "title"], name="programme_unique_title_a_year"
            )
        ]

    def __str__(self) -> str:
        return f"{self.title} ({self.year})"


class CourseQuerySet(PublishedQuerySet["Course"]):
    """Courses; `public()` are those staff have published."""


class Course(models.Model):
    programme = models.ForeignKey(
        Programme,
        verbose_name=_("course programme"),
        on_delete=models.PROTECT,
        related_name="courses",
    )
    # The programme's district (None: a city-wide course), kept here for the row scope.
    district = optional_link(District, related_name="+", on_delete=models.PROTECT)
    dong = dong_or_whole_district()
    kind = models.CharField(_("kind"), max_length=30, choices=CourseKind.choices)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    audience = models.CharField(_("audience"), max_length=20, choices=Audience.choices)
    operator = models.CharField(_("run by"), max_length=200, blank=True)
    place = models.CharField(_("place"), max_length=200, blank=True)
    capacity = models.PositiveIntegerField(_("capacity"))
    waiting_list_size = models.PositiveIntegerField(_("waiting list places"), default=0)
    registration_opens_at = models.DateTimeField(_("registration opens"), null=True, blank=True)
    registration_closes_at = models.DateTimeField(_("registration closes"), null=True, blank=True)
    prerequisites = models.ManyToManyField(
        "self",
        verbose_name=_("courses to complete first"),
        symmetrical=False,
        blank=True,
        related_name="leads_to",
    )
    min_attendance_percent = models.PositiveSmallIntegerField(
        _("attendance needed to complete (%)"),
        default=80,
        validators=[MaxValueValidator(100)],
    )
    requires_completion_work = models.BooleanField(_("completion work needed"), default=False)
    survey_at = models.CharField(
        _("satisfaction survey"),
        max_length=20,
        choices=SurveyAt.choices,
        default=SurveyAt.LAST_SESSION,
    )
    # Recorded totals (from a report of an earlier year); None for a live course.
    recorded_sessions = models.PositiveIntegerField(null=True, blank=True)
    recorded_hours = models.DecimalField(max_digits=7, decimal_places=1, null=True, blank=True)
    recorded_participants = models.PositiveIntegerField(null=True, blank=True)
    recorded_attendances = models.PositiveIntegerField(null=True, blank=True)
    recorded_satisfaction = models.DecimalField(
        max_digits=3, decimal_places=1, null=True, blank=True
    )
    published_at = models.DateTimeField(null=True, blank=True)
    created_by = actor_field(blank=True)
    created_at = models.DateTimeField()

    objects = CourseQuerySet.as_manager()

    class Meta:
        verbose_name = _("course")
        verbose_name_plural = _("courses")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                name="course_registration_closes_after_it_opens",
                condition=Q(registration_opens_at=None)
                | Q(registration_closes_at=None)
                | Q(registration_closes_at__gt=models.F("registration_opens_at")),
            )
        ]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("courses:course", kwargs={"pk": self.pk})

    @property
    def has_recorded_figures(self) -> bool:
        """The figures come from a report, not from attendance rows."""
        return self.recorded_sessions is not None

    def registration_is_open(self, now: datetime) -> bool:
        if self.published_at is None or self.has_recorded_figures:
            return False
        if self.registration_opens_at is None or self.registration_closes_at is None:
            return False
        return self.registration_opens_at <= now < self.registration_closes_at


class Session(models.Model):
    """One meeting of a course (차시): when, and how many hours (시수) it counts for."""

    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="sessions")
    number = models.PositiveSmallIntegerField(_("session number"))
    topic = models.CharField(_("topic"), max_length=200, blank=True)
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    hours = models.DecimalField(
        _("hours"),
        max_digits=4,
        decimal_places=1,
        validators=[MinValueValidator(Decimal("0.5"))],
    )

    class Meta:
        verbose_name = _("course session")
        verbose_name_plural = _("course sessions")
        ordering = ["course", "number"]
        constraints = [
            models.UniqueConstraint(fields=["course", "number"], name="session_unique_number"),
            ends_after("starts_at", "ends_at", name="session_ends_after_start"),
            models.CheckConstraint(name="session_hours_positive", condition=Q(hours__gt=0)),
        ]

    def __str__(self) -> str:
        return f"{self.course} #{self.number}"
