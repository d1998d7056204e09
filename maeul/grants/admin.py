"""The back office for grants: calls and groups to look at; applications read-only (they
change only through the services, which check the period, the caps and the files). The
group's contact number and its bank account are never shown, not even encrypted."""

from django.contrib import admin

from maeul.core.admin_site import AuditedAdmin, ReadOnlyAdmin
from maeul.grants.models import Application, CommunityGroup, GrantAgreement, GrantCall


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
class ApplicationAdmin(ReadOnlyAdmin):
    list_display = ["title", "call", "group", "dong", "amount", "status", "submitted_at"]
    list_filter = ["status", "call__year", "call__programme"]
    search_fields = ["title", "group__name"]


@admin.register(GrantAgreement)
class GrantAgreementAdmin(ReadOnlyAdmin):
    list_display = ["application", "amount", "signed_at"]
    exclude = ["account_enc"]
