"""The back office for spaces: a space with its rooms, opening hours, closures, reserved days
and items is set up here; the capacity levels are named here and put in force on the staff
page (which re-checks bookings). Bookings and loans are read-only: only the services change
them (the slot rows, the caps and the notices go with each change)."""

from django.contrib import admin
from django.db.models import Model

from maeul.core.admin_site import AuditedAdmin, ReadOnlyAdmin
from maeul.spaces.models import (
    Booking,
    CapacityPolicy,
    Closure,
    Item,
    ItemLoan,
    OpeningHours,
    ReservedDay,
    Room,
    Space,
)


def _inline(model: type[Model]) -> type[admin.TabularInline]:  # type: ignore[type-arg]
    """A table of a space's rows of `model` on the space's page."""
    return type(f"{model.__name__}Inline", (admin.TabularInline,), {"model": model, "extra": 0})


@admin.register(Space)
class SpaceAdmin(AuditedAdmin):
    list_display = ["name", "dong", "operator", "size_m2", "fee"]
    list_filter = ["district"]
    search_fields = ["name", "operator"]
    inlines = [_inline(model) for model in (Room, OpeningHours, Closure, ReservedDay, Item)]


@admin.register(CapacityPolicy)
class CapacityPolicyAdmin(AuditedAdmin):
    list_display = ["name", "district", "percent", "is_active"]
    list_filter = ["district"]
    readonly_fields = ["is_active"]


@admin.register(Booking)
class BookingAdmin(ReadOnlyAdmin):
    list_display = ["room", "starts_at", "ends_at", "headcount", "status"]
    list_filter = ["status", "room__space"]
    exclude = ["check_in_code"]


@admin.register(ItemLoan)
class ItemLoanAdmin(ReadOnlyAdmin):
    list_display = ["item", "quantity", "status", "due_on", "condition"]
    list_filter = ["status"]
