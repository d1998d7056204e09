"""Back office (site admins only) for councils: a place to look and fix, audited like
everything in the admin. Staff work on the council desk, which applies the rules."""

from django.contrib import admin

from maeul.core.admin_site import AuditedAdmin
from maeul.councils.models import (
    Council,
    CouncilMember,
    CycleStep,
    MembershipApplication,
    Recruitment,
    Section,
    Term,
)


@admin.register(Council)
class CouncilAdmin(AuditedAdmin):
    list_display = ["name", "kind", "district", "dong", "max_members", "term_years"]
    list_filter = ["kind", "district"]
    search_fields = ["name"]


@admin.register(Section)
class SectionAdmin(AuditedAdmin):
    list_display = ["name", "council", "order"]
    list_filter = ["council__district"]


@admin.register(Term)
class TermAdmin(AuditedAdmin):
    list_display = ["council", "number", "starts_on", "ends_on"]
    list_filter = ["council__district"]


@admin.register(CouncilMember)
class CouncilMemberAdmin(AuditedAdmin):
    list_display = ["public_name", "term", "role", "section", "route", "joined_on", "left_on"]
    list_filter = ["role", "route", "term__council__district"]
    search_fields = ["public_name"]
    raw_id_fields = ["user"]


@admin.register(Recruitment)
class RecruitmentAdmin(AuditedAdmin):
    list_display = ["term", "seats", "opens_at", "closes_at", "status", "lottery_seed"]
    list_filter = ["status"]


@admin.register(MembershipApplication)
class MembershipApplicationAdmin(AuditedAdmin):
    list_display = ["public_name", "recruitment", "route", "status", "lottery_rank", "created_at"]
    list_filter = ["status", "route"]
    raw_id_fields = ["user"]


@admin.register(CycleStep)
class CycleStepAdmin(AuditedAdmin):
    list_display = ["council", "year", "phase", "starts_on", "ends_on", "reminded_at"]
    list_filter = ["year", "phase"]
