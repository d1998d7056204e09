from django.contrib import admin

from maeul.places.models import City, District, Dong


@admin.register(City)
class CityAdmin(admin.ModelAdmin[City]):
    list_display = ["code", "name"]


@admin.register(District)
class DistrictAdmin(admin.ModelAdmin[District]):
    list_display = ["code", "name", "city", "office_address", "office_phone"]
    list_filter = ["city"]


@admin.register(Dong)
class DongAdmin(admin.ModelAdmin[Dong]):
    list_display = ["code", "name", "district", "office_address", "office_phone"]
    list_filter = ["district"]
    search_fields = ["name", "code"]
