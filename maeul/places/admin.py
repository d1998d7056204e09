from django.contrib import admin

from maeul.core.admin_site import AuditedAdmin
from maeul.places.models import City, District, Dong


@admin.register(City)
class CityAdmin(AuditedAdmin):
    list_display = ["code", "name"]


@admin.register(District)
class DistrictAdmin(AuditedAdmin):
    list_display = ["code", "name", "city", "office_address", "office_phone"]
    list_filter = ["city"]


@admin.register(Dong)
class DongAdmin(AuditedAdmin):
    list_display = ["code", "name", "district", "office_address", "office_phone"]
    list_filter = ["district"]
    search_fields = ["name", "code"]
