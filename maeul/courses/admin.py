"""The back office for courses: programmes with their targets, courses with their sessions,
and tracks with their steps are set up here. Registrations, attendance and survey answers
are read-only, and so are the certificates (수료증): only the services write them (the
waiting list, the once-only attendance)."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from maeul.core.admin_site import AuditedAdmin, ReadOnlyAdmin, StampedAdmin, inline
from maeul.courses.models import (
    Attendance,
    Course,
    CourseCertificate,
    Programme,
    Registration,
    SatisfactionAnswer,
    Session,
    Track,
    TrackStep,
)


@admin.register(Programme)
class ProgrammeAdmin(AuditedAdmin):
    list_display = ["title", "district", "year"]
    list_filter = ["district", "year"]


@admin.register(Course)
class CourseAdmin(StampedAdmin):
    author_field = "created_by"
    list_display = ["title", "programme", "kind", "dong", "capacity", "published_at"]
    list_filter = ["kind", "programme__year", "district"]
    search_fields = ["title", "operator"]
    exclude = ["district"]
    filter_horizontal = ["prerequisites"]
    inlines = [inline(Session)]

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        obj.district_id = obj.programme.district_id  # the row scope follows the programme
        super().save_model(request, obj, form, change)


@admin.register(Track)
class TrackAdmin(AuditedAdmin):
    list_display = ["title", "district"]
    inlines = [inline(TrackStep)]


@admin.register(Registration)
class RegistrationAdmin(ReadOnlyAdmin):
    list_display = ["course", "status", "created_at", "completed_at"]
    list_filter = ["status"]
    exclude = ["user"]


@admin.register(Attendance)
class AttendanceAdmin(ReadOnlyAdmin):
    list_display = ["session", "recorded_at"]
    exclude = ["user", "recorded_by"]


@admin.register(SatisfactionAnswer)
class SatisfactionAnswerAdmin(ReadOnlyAdmin):
    list_display = ["session", "score", "created_at"]
    exclude = ["user"]


@admin.register(CourseCertificate)
class CourseCertificateAdmin(ReadOnlyAdmin):
    list_display = ["number", "issued_at"]
    search_fields = ["number"]
    exclude = ["registration"]
