"""Courses and training (마을교육·주민자치학교·자원봉사 교육)."""

from maeul.courses.models.courses import (
    Audience,
    Course,
    CourseKind,
    CourseQuerySet,
    Programme,
    Session,
    SurveyAt,
)
from maeul.courses.models.taking import (
    Attendance,
    CourseCertificate,
    Registration,
    RegistrationStatus,
    SatisfactionAnswer,
)
from maeul.courses.models.tracks import StepKind, Track, TrackStep

__all__ = [
    "Attendance",
    "Audience",
    "Course",
    "CourseCertificate",
    "CourseKind",
    "CourseQuerySet",
    "Programme",
    "Registration",
    "RegistrationStatus",
    "SatisfactionAnswer",
    "Session",
    "StepKind",
    "SurveyAt",
    "Track",
    "TrackStep",
]
