"""The back office for spaces: a space with its rooms, opening hours, closures, reserved days
and items is set up here; the capacity levels are named here and put in force on the staff
page (which re-checks bookings). Bookings and loans are read-only: only the services change
them (the slot rows, the caps and the notices go with each change), as are allocation rounds
and their requests (the draw and the season's bookings are the services')."""

from django.contrib import admin

from maeul.core.admin_site import AuditedAdmin, ReadOnlyAdmin, inline
from maeul.spaces.models import (
    AllocationRequest,
    AllocationRound,
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


@admin.register(Space)
class SpaceAdmin(AuditedAdmin):
    list_display = ["name", "dong", "operator", "size_m2", "fee"]
    list_filter = ["district"]
    search_fields = ["name", "operator"]
    inlines = [inline(model) for model in (Room, OpeningHours, Closure, ReservedDay, Item)]


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


@admin.register(AllocationRound)
class AllocationRoundAdmin(ReadOnlyAdmin):
    list_display = ["room", "name", "starts_on", "ends_on", "status", "lottery_seed"]
    list_filter = ["status"]


@admin.register(AllocationRequest)
class AllocationRequestAdmin(ReadOnlyAdmin):
    list_display = ["round", "group_name", "weekday", "starts", "ends", "status", "draw_rank"]
    list_filter = ["status"]
