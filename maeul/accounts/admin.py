from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.utils.translation import gettext_lazy as _

from maeul.accounts.models import DongTie, RoleAssignment, User
from maeul.core.admin_site import AuditedAdmin


class DongTieInline(admin.TabularInline[DongTie, User]):
    """Every tie, ended ones included (the history eligibility is decided on)."""

    model = DongTie
    fk_name = "user"
    extra = 0
    autocomplete_fields = ["dong"]
    fields = ["dong", "kind", "started_at", "ended_at", "confirmed_at", "confirmed_by"]
    readonly_fields = ["confirmed_at", "confirmed_by"]


class RoleInline(admin.TabularInline[RoleAssignment, User]):
    model = RoleAssignment
    extra = 0


@admin.register(User)
class UserAdmin(AuditedAdmin, DjangoUserAdmin[User]):
    """People; the phone number is never shown, not even here (only whether it is set)."""

    ordering = ["email"]
    list_display = ["email", "display_name", "birth_year", "verified_at", "is_active"]
    list_filter = ["is_active", "verification_method"]
    search_fields = ["email", "display_name"]
    readonly_fields = [
        "birth_year_changed_at",
        "verified_at",
        "verification_method",
        "verified_by",
        "last_login",
        "date_joined",
    ]
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        (_("Profile"), {"fields": ("display_name", "birth_year", "birth_year_changed_at")}),
        (_("Verification"), {"fields": ("verified_at", "verification_method", "verified_by")}),
        (_("Status"), {"fields": ("is_active", "is_staff", "is_superuser")}),
        (_("Dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = ((None, {"classes": ("wide",), "fields": ("email", "password1", "password2")}),)
    inlines = [DongTieInline, RoleInline]
