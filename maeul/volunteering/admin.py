"""The back office for volunteering: camps and clubs with their leaders and members, and
activities with their shifts, are set up here. Sign-ups, confirmed hours, 일감 and
certificates are read-only: only the services write them (the places, the once-only
confirmation, the audit). A volunteer's own record and a guardian's consent are not shown."""

from django.contrib import admin

from maeul.core.admin_site import ReadOnlyAdmin, StampedAdmin, inline
from maeul.volunteering.models import (
    Certificate,
    HoursRecord,
    Membership,
    Shift,
    SignUp,
    VolunteerActivity,
    VolunteerCamp,
    VolunteerClub,
    WorkProposal,
)

_members = inline(Membership, raw_id_fields=["user"], exclude=["club"])


@admin.register(VolunteerCamp)
class VolunteerCampAdmin(StampedAdmin):
    list_display = ["name", "dong"]
    list_filter = ["district"]
    inlines = [_members]


@admin.register(VolunteerClub)
class VolunteerClubAdmin(StampedAdmin):
    list_display = ["name", "field", "dong"]
    list_filter = ["district"]
    inlines = [inline(Membership, raw_id_fields=["user"], exclude=["camp"])]


@admin.register(VolunteerActivity)
class VolunteerActivityAdmin(StampedAdmin):
    list_display = ["title", "dong", "camp", "club", "status", "min_age"]
    list_filter = ["status", "district", "field"]
    search_fields = ["title"]
    inlines = [inline(Shift)]


@admin.register(SignUp)
class SignUpAdmin(ReadOnlyAdmin):
    list_display = ["shift", "status"]
    exclude = ["user"]


@admin.register(HoursRecord)
class HoursRecordAdmin(ReadOnlyAdmin):
    list_display = ["shift", "minutes", "confirmed_at"]
    exclude = ["user", "confirmed_by", "sign_up"]


@admin.register(WorkProposal)
class WorkProposalAdmin(ReadOnlyAdmin):
    list_display = ["title", "camp", "status", "created_at"]
    exclude = ["proposed_by"]


@admin.register(Certificate)
class CertificateAdmin(ReadOnlyAdmin):
    list_display = ["number", "issued_at"]
    exclude = ["user"]
