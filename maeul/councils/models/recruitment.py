"""The call for a term's members (위원 모집) and the applications to it."""

from datetime import datetime

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from maeul.core.model_parts import optional_link
from maeul.councils.models.councils import Section, SelectionRoute, Term


class RecruitmentStatus(models.TextChoices):
    OPEN = "open", _("Taking applications")
    CLOSED = "closed", _("Closed")
    SELECTED = "selected", _("Members selected")


class Recruitment(models.Model):
    """위원 모집: the open call (and recommendations) for the next term's members."""

    term = models.OneToOneField(Term, on_delete=models.CASCADE, related_name="recruitment")
    seats = models.PositiveSmallIntegerField(_("places"))
    opens_at = models.DateTimeField(_("opens at"))
    closes_at = models.DateTimeField(_("closes at"))
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=RecruitmentStatus.choices,
        default=RecruitmentStatus.OPEN,
    )
    lottery_seed = models.CharField(_("lottery seed"), max_length=64, blank=True)
    selected_at = models.DateTimeField(_("selected at"), null=True, blank=True)

    class Meta:
        verbose_name = _("recruitment")
        verbose_name_plural = _("recruitments")

    def __str__(self) -> str:
        return str(self.term)

    def is_open(self, now: datetime) -> bool:
        return self.status == RecruitmentStatus.OPEN and self.opens_at <= now < self.closes_at

    @property
    def is_selected(self) -> bool:
        """The members have been selected and the result is published."""
        return self.status == RecruitmentStatus.SELECTED

    @property
    def may_close(self) -> bool:
        """Staff may still close the call early."""
        return self.status == RecruitmentStatus.OPEN

    def may_select(self, now: datetime) -> bool:
        """The call has closed and its members are not selected yet."""
        return not self.is_selected and now >= self.closes_at


class ApplicationStatus(models.TextChoices):
    APPLIED = "applied", _("Applied")
    SELECTED = "selected", _("Selected")
    RESERVE = "reserve", _("On the reserve list")
    NOT_SELECTED = "not_selected", _("Not selected")


class MembershipApplication(models.Model):
    """An application to a council's open call, or a recommendation by an organisation."""

    recruitment = models.ForeignKey(
        Recruitment, on_delete=models.CASCADE, related_name="applications"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="council_applications"
    )
    public_name = models.CharField(_("name shown"), max_length=30)
    route = models.CharField(
        _("route"), max_length=20, choices=SelectionRoute.choices, default=SelectionRoute.OPEN_CALL
    )
    recommended_by = models.CharField(_("recommended by"), max_length=100, blank=True)
    motivation = models.TextField(_("why I apply"), max_length=2000)
    wanted_section = optional_link(Section, _("section wanted"))
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ApplicationStatus.choices,
        default=ApplicationStatus.APPLIED,
    )
    lottery_rank = models.PositiveSmallIntegerField(_("lottery rank"), null=True, blank=True)
    created_at = models.DateTimeField(_("applied at"))

    class Meta:
        verbose_name = _("membership application")
        verbose_name_plural = _("membership applications")
        ordering = ["recruitment", "created_at"]
        constraints = [
            models.UniqueConstraint(fields=["recruitment", "user"], name="apply_once"),
        ]

    def __str__(self) -> str:
        return self.public_name

    @property
    def is_selected(self) -> bool:
        return self.status == ApplicationStatus.SELECTED
