"""A council's yearly cycle (연간 일정): its phases, each with dates and a reminder."""

from datetime import date

from django.db import models
from django.utils.translation import gettext_lazy as _

from maeul.core.model_parts import ends_after
from maeul.councils.models.councils import Council


class CyclePhase(models.TextChoices):
    AGENDA_DISCOVERY = "agenda_discovery", _("Agenda discovery")
    ASSEMBLY = "assembly", _("Policy sharing and general assembly")
    PLAN_SUBMISSION = "plan_submission", _("Plan submission")
    EXECUTION = "execution", _("Execution")
    EVALUATION = "evaluation", _("Evaluation and results sharing")
    RECRUITMENT = "recruitment", _("Recruitment of the next term")


class CycleStep(models.Model):
    """One phase of a council's yearly cycle, with its dates and the reminder sent for it."""

    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="cycle_steps")
    year = models.PositiveSmallIntegerField(_("year"))
    phase = models.CharField(_("phase"), max_length=30, choices=CyclePhase.choices)
    starts_on = models.DateField(_("starts on"))
    ends_on = models.DateField(_("ends on"))
    reminded_at = models.DateTimeField(_("reminder sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("cycle step")
        verbose_name_plural = _("cycle steps")
        ordering = ["council", "year", "starts_on"]
        constraints = [
            models.UniqueConstraint(fields=["council", "year", "phase"], name="cycle_step_unique"),
            ends_after("starts_on", "ends_on", name="cycle_step_ends_after_start", or_same=True),
        ]

    def __str__(self) -> str:
        return f"{self.council} {self.year} {self.get_phase_display()}"

    def is_current(self, today: date) -> bool:
        return self.starts_on <= today <= self.ends_on
