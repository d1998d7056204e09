"""Taking a course: registration (with its waiting list), attendance and the survey."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from maeul.core.model_parts import actor_field
from maeul.courses.models.courses import Course, Session


class RegistrationStatus(models.TextChoices):
    REGISTERED = "registered", _("Registered")
    WAITING = "waiting", _("On the waiting list")
    CANCELLED = "cancelled", _("Cancelled")


class Registration(models.Model):
    """One person's place on a course, or on its waiting list; completion is recorded here."""

    course = models.ForeignKey(Course, on_delete=models.CASCADE, related_name="registrations")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="course_registrations"
    )
    status = models.CharField(_("status"), max_length=20, choices=RegistrationStatus.choices)
    created_at = models.DateTimeField()
    cancelled_at = models.DateTimeField(null=True, blank=True)
    completion_work = models.CharField(_("completion work"), max_length=300, blank=True)
    completion_work_submitted_at = models.DateTimeField(null=True, blank=True)
    completion_work_accepted_at = models.DateTimeField(null=True, blank=True)
    completed_at = models.DateTimeField(_("completed"), null=True, blank=True)

    class Meta:
        verbose_name = _("course registration")
        verbose_name_plural = _("course registrations")
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["course", "user"],
                condition=~Q(status=RegistrationStatus.CANCELLED),
                name="course_one_registration_per_person",
            ),
            models.CheckConstraint(
                name="course_completed_only_when_registered",
                condition=Q(completed_at=None) | Q(status=RegistrationStatus.REGISTERED),
            ),
        ]

    def __str__(self) -> str:
        return f"Registration #{self.pk}"

    @property
    def is_completed(self) -> bool:
        """Completion recorded on a place held (what `completion.has_completed` asks)."""
        return self.status == RegistrationStatus.REGISTERED and self.completed_at is not None


class Attendance(models.Model):
    """One person at one session (연인원 counts these rows), recorded once."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="attendances")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="course_attendances"
    )
    recorded_by = actor_field(blank=True)
    recorded_at = models.DateTimeField()

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendances")
        constraints = [
            models.UniqueConstraint(fields=["session", "user"], name="attendance_recorded_once")
        ]

    def __str__(self) -> str:
        return f"Attendance #{self.pk}"


class SatisfactionAnswer(models.Model):
    """만족도: one person's 1-5 answer about one session (the last one, or each)."""

    session = models.ForeignKey(
        Session, on_delete=models.CASCADE, related_name="satisfaction_answers"
    )
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    score = models.PositiveSmallIntegerField(_("satisfaction"))
    comment = models.CharField(_("opinion"), max_length=500, blank=True)
    created_at = models.DateTimeField()

    class Meta:
        verbose_name = _("satisfaction answer")
        verbose_name_plural = _("satisfaction answers")
        constraints = [
            models.UniqueConstraint(fields=["session", "user"], name="satisfaction_one_answer"),
            models.CheckConstraint(
                name="satisfaction_score_1_to_5", condition=Q(score__gte=1, score__lte=5)
            ),
        ]

    def __str__(self) -> str:
        return f"Satisfaction #{self.pk}"


class CourseCertificate(models.Model):
    """The 수료증 of one completed registration, with the number anyone can check at
    /courses/certificates/<number>/; issued once, the same number on every download."""

    number = models.CharField(_("certificate number"), max_length=20, unique=True)
    registration = models.OneToOneField(
        Registration, on_delete=models.CASCADE, related_name="certificate"
    )
    issued_at = models.DateTimeField(_("issued"))

    class Meta:
        verbose_name = _("course certificate")
        verbose_name_plural = _("course certificates")

    def __str__(self) -> str:
        return self.number
