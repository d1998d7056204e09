"""Who answered a consultation, and what was answered, kept apart (as votes keep ballots).

`Participation` says that a person answered, on which day; `Response` holds the answers
with only the respondent's dong and age group, for the published breakdowns. Nothing links
the two: a response has a random id and no time, and participations keep only the day, so
the order of rows cannot pair them either.
"""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from maeul.consultations.models.consultations import AgeGroup, Consultation, Option, Question
from maeul.core.model_parts import optional_link
from maeul.places.models import Dong


class Participation(models.Model):
    """That a person answered a consultation; once per person (the database decides)."""

    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="participations"
    )
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+")
    answered_on = models.DateField(_("answered on"))

    class Meta:
        verbose_name = _("participation in a consultation")
        verbose_name_plural = _("participations in consultations")
        constraints = [
            models.UniqueConstraint(
                fields=["consultation", "user"], name="consultation_one_answer_per_person"
            )
        ]

    def __str__(self) -> str:
        return f"Participation #{self.pk}"


class Response(models.Model):
    """One respondent's answers, with their dong and age group and nothing about who or when."""

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    consultation = models.ForeignKey(
        Consultation, on_delete=models.CASCADE, related_name="responses"
    )
    dong = models.ForeignKey(Dong, null=True, on_delete=models.PROTECT, related_name="+")
    age_group = models.CharField(max_length=10, choices=AgeGroup.choices, blank=True)

    class Meta:
        verbose_name = _("consultation response")
        verbose_name_plural = _("consultation responses")

    def __str__(self) -> str:
        return str(self.id)


class Answer(models.Model):
    """One answer to one question: an option chosen (with its rank), a number, or a text."""

    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="answers")
    question = models.ForeignKey(Question, on_delete=models.CASCADE, related_name="answers")
    option = optional_link(Option, related_name="answers", on_delete=models.CASCADE)
    rank = models.PositiveSmallIntegerField(null=True, blank=True)
    number = models.PositiveSmallIntegerField(null=True, blank=True)
    text = models.TextField(blank=True)
    # Copied from the response so that the breakdowns by group read one table (the same
    # facts the response holds, nothing more about the respondent).
    dong = models.ForeignKey(Dong, null=True, on_delete=models.PROTECT, related_name="+")
    age_group = models.CharField(max_length=10, choices=AgeGroup.choices, blank=True)

    class Meta:
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        indexes = [models.Index(fields=["question", "option", "dong", "age_group"])]

    def __str__(self) -> str:
        return f"Answer #{self.pk}"
