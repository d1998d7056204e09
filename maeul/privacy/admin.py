"""Proof of consent and of erasure: written by the services, never edited by hand."""

from django.contrib import admin

from maeul.core.admin_site import ReadOnlyAdmin
from maeul.privacy.models import ConsentRecord, Withdrawal


@admin.register(ConsentRecord)
class ConsentRecordAdmin(ReadOnlyAdmin):
    list_display = ["at", "user", "kind", "version", "granted", "via"]
    list_filter = ["kind", "granted", "via"]
    date_hierarchy = "at"


@admin.register(Withdrawal)
class WithdrawalAdmin(ReadOnlyAdmin):
    list_display = ["requested_at", "user", "erase_after", "erased_at"]
    list_filter = [("erased_at", admin.EmptyFieldListFilter)]
