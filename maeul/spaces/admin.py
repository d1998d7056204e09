"""The back office for spaces: a space with its rooms, opening hours, closures, reserved days
and items is set up here; the capacity levels are named here and put in force on the staff
page (which re-checks bookings). Bookings and loans are read-only: only the services change
them (the slot rows, the caps and the notices go with each change)."""

from django.contrib import admin

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


class RoomInline(admin.TabularInline):  # type: ignore[type-arg]
    model = Room
    extra = 0


class HoursInline(admin.TabularInline):  # type: ignore[type-arg]
    model = OpeningHours
    extra = 0


class ClosureInline(admin.TabularInline):  # type: ignore[type-arg]
    model = Closure
    extra = 0


class ReservedDayInline(admin.TabularInline):  # type: ignore[type-arg]
    model = ReservedDay
    extra = 0


class ItemInline(admin.TabularInline):  # type: ignore[type-arg]
    model = Item
    extra = 0


@admin.register(Space)
class SpaceAdmin(AuditedAdmin):
    list_display = ["name", "dong", "operator", "size_m2", "fee"]
    list_filter = ["district"]
    search_fields = ["name", "operator"]
    inlines = [RoomInline, HoursInline, ClosureInline, ReservedDayInline, ItemInline]


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
