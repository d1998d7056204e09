"""The back office for the archive and the dong page: the facility table, the resource
survey and exhibitions (with their records in order) are kept here. Records themselves are
read-only: they are written and approved through the services, which check their files and
text, so a record cannot be published here without those checks."""

from django.contrib import admin

from maeul.archive.models import ArchiveRecord, Exhibition, ExhibitionItem, Facility, Resource
from maeul.core.admin_site import AuditedAdmin, ReadOnlyAdmin, StampedAdmin, inline


@admin.register(Facility)
class FacilityAdmin(AuditedAdmin):
    list_display = ["name", "dong", "kind", "building_m2", "completed_on"]
    list_filter = ["district", "kind"]


@admin.register(Resource)
class ResourceAdmin(AuditedAdmin):
    list_display = ["name", "dong", "kind", "surveyed_on"]
    list_filter = ["district", "kind"]
    exclude = ["recorded_by"]


@admin.register(Exhibition)
class ExhibitionAdmin(StampedAdmin):
    author_field = "curated_by"
    list_display = ["title", "district", "dong", "published_at"]
    inlines = [inline(ExhibitionItem, raw_id_fields=["record"])]


@admin.register(ArchiveRecord)
class ArchiveRecordAdmin(ReadOnlyAdmin):
    list_display = ["title", "dong", "year", "kind", "status", "published_at"]
    list_filter = ["status", "kind", "year", "district"]
    search_fields = ["title"]
    exclude = ["author", "approved_by"]
