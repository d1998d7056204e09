"""Consultations and forums (여론수렴·공론장): consultations with their survey, answers kept
apart from who answered, and the debate."""

from maeul.consultations.models.answers import Answer, Participation, Response
from maeul.consultations.models.consultations import (
    CHOICE_KINDS,
    SCALE,
    TEXT_KINDS,
    AgeGroup,
    Consultation,
    ConsultationPhase,
    ConsultationStatus,
    Option,
    Question,
    QuestionKind,
    age_group_of,
)
from maeul.consultations.models.debate import Argument, ArgumentReport, ArgumentSupport, Stance

__all__ = [
    "CHOICE_KINDS",
    "SCALE",
    "TEXT_KINDS",
    "AgeGroup",
    "Answer",
    "Argument",
    "ArgumentReport",
    "ArgumentSupport",
    "Consultation",
    "ConsultationPhase",
    "ConsultationStatus",
    "Option",
    "Participation",
    "Question",
    "QuestionKind",
    "Response",
    "Stance",
    "age_group_of",
]
