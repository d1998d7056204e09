from typing import Any

from django.contrib import admin
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from maeul.core.admin_site import ReadOnlyAdmin
from maeul.core.models import AuditEntry, PersonalDataAccess
from maeul.core.permissions import Action, can


class AuditLogAdmin(ReadOnlyAdmin):
    """Seen by those who may read the audit log, changed by nobody."""

    def has_view_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return bool(can(request.user, Action.VIEW_AUDIT_LOG, now=timezone.now()))


@admin.register(AuditEntry)
class AuditEntryAdmin(AuditLogAdmin):
    """Read-only: an audit log that can be edited proves nothing."""

    list_display = ["created_at", "actor", "action", "target_type", "target_repr", "ip_address"]
    list_filter = ["action", "target_type"]
    search_fields = ["action", "target_repr", "target_id"]
    date_hierarchy = "created_at"
    readonly_fields = [f.name for f in AuditEntry._meta.fields]


ACCESS_FIELDS = (
    "at",
    "staff",
    "ip_address",
    "action",
    "subject_account",
    "subject_description",
    "what",
    "reason",
)


@admin.register(PersonalDataAccess)
class PersonalDataAccessAdmin(AuditLogAdmin):
    """Read-only, like the audit log: who looked at whose personal data, when and why."""

    list_display = ["at", "staff", "action", "subject_account", "subject_description", "what"]
    list_filter = ["action"]
    search_fields = ["what", "reason", "subject_description"]
    date_hierarchy = "at"
    fields = ACCESS_FIELDS
    readonly_fields = ACCESS_FIELDS
    list_select_related = ["staff"]

    @admin.display(description=_("whose data"))
    def subject_account(self, obj: PersonalDataAccess) -> str:
        """By account number: the account may be gone (withdrawn) while the row stays."""
        return f"#{obj.subject_id}" if obj.subject_id else "-"
