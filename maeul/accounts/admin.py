from typing import Any

from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from maeul.accounts.deactivation import deactivate_account
from maeul.accounts.models import DongTie, RoleAssignment, User
from maeul.core.access_log import record_access
from maeul.core.admin_site import AuditedAdmin, inline
from maeul.core.models import AccessAction
from maeul.core.requests import acting, client_ip


class DongTieInline(admin.TabularInline[DongTie, User]):
    """Every tie, ended ones included (the history eligibility is decided on)."""

    model = DongTie
    fk_name = "user"
    extra = 0
    autocomplete_fields = ["dong"]
    fields = ["dong", "kind", "started_at", "ended_at", "confirmed_at", "confirmed_by"]
    readonly_fields = ["confirmed_at", "confirmed_by"]


RoleInline = inline(RoleAssignment)


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
    actions = ["deactivate"]

    def _log(self, request: HttpRequest, subject: Any, action: AccessAction) -> None:
        record_access(
            subject=subject,
            action=action,
            what=request.path,
            reason=str(_("Back-office account administration")),
            **acting(request, timezone.now()),
        )

    def changelist_view(self, request: HttpRequest, extra_context: Any = None) -> Any:
        """The list shows e-mail addresses: each look (and each search) is logged, without
        the search words, which may be an address."""
        response = super().changelist_view(request, extra_context)
        if request.method == "GET" and getattr(response, "status_code", 0) == 200:
            searched = bool(request.GET.get("q"))
            action = AccessAction.SEARCH if searched else AccessAction.VIEW
            self._log(request, "account list", action)
        return response

    def change_view(
        self, request: HttpRequest, object_id: str, form_url: str = "", extra_context: Any = None
    ) -> Any:
        response = super().change_view(request, object_id, form_url, extra_context)
        if request.method == "GET" and getattr(response, "status_code", 0) == 200:
            subject = self.get_object(request, object_id)
            if subject is not None:
                self._log(request, subject, AccessAction.VIEW)
        return response

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        """Unticking "active" goes through `deactivate_account`: sessions and tokens end too."""
        super().save_model(request, obj, form, change)
        if change and "is_active" in form.changed_data and not obj.is_active:
            deactivate_account(user=obj, by=request.user, now=timezone.now(), ip=client_ip(request))

    @admin.action(description=_("Deactivate the selected accounts"))
    def deactivate(self, request: HttpRequest, queryset: QuerySet[User]) -> None:
        now, ip = timezone.now(), client_ip(request)
        count = 0
        for user in queryset:
            deactivate_account(user=user, by=request.user, now=now, ip=ip)
            count += 1
        self.message_user(
            request,
            ngettext(
                "%(count)d account was deactivated.",
                "%(count)d accounts were deactivated.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )
