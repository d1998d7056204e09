"""The back office for consultations: set one up (questions inline) and read arguments.
Who answered and what was answered are never shown here (the page shows results only)."""

from django.contrib import admin

from maeul.consultations.models import Argument, Consultation, Option, Question
from maeul.core.admin_site import AuditedAdmin, ReadOnlyAdmin, inline

QuestionInline = inline(Question, raw_id_fields=["show_if"])


@admin.register(Consultation)
class ConsultationAdmin(AuditedAdmin):
    list_display = ["title", "district", "dong", "opens_at", "closes_at", "status"]
    list_filter = ["status", "district"]
    search_fields = ["title"]
    filter_horizontal = ["audience_dongs"]
    raw_id_fields = ["proposal", "created_by"]
    inlines = [QuestionInline]


@admin.register(Option)
class OptionAdmin(AuditedAdmin):
    list_display = ["label", "question", "position"]
    raw_id_fields = ["question"]


@admin.register(Argument)
class ArgumentAdmin(ReadOnlyAdmin):
    list_display = ["consultation", "stance", "created_at", "support_count", "report_count"]
    list_filter = ["stance"]
