"""The back office for grants: calls and groups to look at; applications read-only (they
change only through the services, which check the period, the caps and the files). The
group's contact number is never shown, not even encrypted."""

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from maeul.core.admin_site import AuditedAdmin
from maeul.grants.models import Application, CommunityGroup, GrantCall


@admin.register(GrantCall)
class GrantCallAdmin(AuditedAdmin):
    list_display = ["title", "programme", "year", "district", "total_budget", "published_at"]
    list_filter = ["programme", "year", "district"]
    search_fields = ["title"]


@admin.register(CommunityGroup)
class CommunityGroupAdmin(AuditedAdmin):
    list_display = ["name", "kind", "dong"]
    list_filter = ["kind", "district"]
    search_fields = ["name"]
    exclude = ["contact_enc", "contact_hmac"]
    raw_id_fields = ["representative"]


@admin.register(Application)
class ApplicationAdmin(admin.ModelAdmin[Application]):
    list_display = ["title", "call", "group", "dong", "amount", "status", "submitted_at"]
    list_filter = ["status", "call__year", "call__programme"]
    search_fields = ["title", "group__name"]

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
