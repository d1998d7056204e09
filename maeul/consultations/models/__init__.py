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
from maeul.consultations.models.forums import (
    GOVERNANCE_FORUMS_A_YEAR,
    Forum,
    ForumKind,
    ForumOutcome,
    Registration,
    RegistrationStatus,
    TableNote,
    TargetGroup,
)
from maeul.consultations.models.processes import Process, Stage
from maeul.consultations.models.suggestions import FieldSuggestion, Occasion

__all__ = [
    "CHOICE_KINDS",
    "GOVERNANCE_FORUMS_A_YEAR",
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
    "FieldSuggestion",
    "Forum",
    "ForumKind",
    "ForumOutcome",
    "Occasion",
    "Option",
    "Participation",
    "Process",
    "Question",
    "QuestionKind",
    "Registration",
    "RegistrationStatus",
    "Response",
    "Stage",
    "Stance",
    "TableNote",
    "TargetGroup",
    "age_group_of",
]
