from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from maeul.privacy.models import ConsentRecord, Withdrawal


class ReadOnlyAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """Proof of consent and of erasure: written by the services, never edited by hand."""

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(ConsentRecord)
class ConsentRecordAdmin(ReadOnlyAdmin):
    list_display = ["at", "user", "kind", "version", "granted", "via"]
    list_filter = ["kind", "granted", "via"]
    date_hierarchy = "at"


@admin.register(Withdrawal)
class WithdrawalAdmin(ReadOnlyAdmin):
    list_display = ["requested_at", "user", "erase_after", "erased_at"]
    list_filter = [("erased_at", admin.EmptyFieldListFilter)]
