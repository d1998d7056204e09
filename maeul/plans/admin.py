"""The back office for plans. Spending is read-only here: entries change only through the
services, which keep `Project.spent` equal to their sum and audit every change."""

from django.contrib import admin

from maeul.core.admin_site import AuditedAdmin, ReadOnlyAdmin
from maeul.plans.models import AutonomyPlan, ProgressUpdate, Project, SpendingEntry


@admin.register(AutonomyPlan)
class AutonomyPlanAdmin(AuditedAdmin):
    list_display = ["council", "year", "status", "submitted_at", "approved_at"]
    list_filter = ["status", "year", "council__district"]
    search_fields = ["council__name"]


@admin.register(Project)
class ProjectAdmin(AuditedAdmin):
    list_display = ["title", "year", "district", "dong", "programme", "budget", "spent", "status"]
    list_filter = ["year", "programme", "budget_source", "status", "district"]
    search_fields = ["title"]
    readonly_fields = ["spent", "closed_at"]
    raw_id_fields = [
        "plan",
        "agenda_item",
        "section",
        "origin_vote",
        "origin_option",
        "carried_from",
    ]


@admin.register(SpendingEntry)
class SpendingEntryAdmin(ReadOnlyAdmin):
    """Read-only: a changed amount here would leave the project's spent total wrong."""

    list_display = ["project", "spent_on", "kind", "source", "amount", "payee", "entered_by"]
    list_filter = ["spent_on", "kind", "source"]
    search_fields = ["project__title", "payee", "purpose"]
    readonly_fields = [f.name for f in SpendingEntry._meta.fields]


@admin.register(ProgressUpdate)
class ProgressUpdateAdmin(AuditedAdmin):
    list_display = ["project", "created_at", "written_by"]
    search_fields = ["project__title", "body"]
    raw_id_fields = ["project"]
