"""Open data: districts and their dongs."""

from django.shortcuts import get_object_or_404
from ninja import Router, Schema

from maeul.places.models import District, Dong

router = Router(tags=["places"])


class DistrictOut(Schema):
    code: str
    name: str
    city: str
    office_address: str
    office_phone: str
    dong_count: int


class DongOut(Schema):
    code: str
    name: str
    district_code: str
    office_address: str
    office_phone: str


@router.get("/districts", response=list[DistrictOut], summary="List districts")
def list_districts(request: object) -> list[DistrictOut]:
    from django.db.models import Count

    rows = District.objects.select_related("city").annotate(n=Count("dongs")).order_by("code")
    return [
        DistrictOut(
            code=d.code,
            name=d.name,
            city=d.city.name,
            office_address=d.office_address,
            office_phone=d.office_phone,
            dong_count=d.n,
        )
        for d in rows
    ]


@router.get("/districts/{code}/dongs", response=list[DongOut], summary="List a district's dongs")
def list_dongs(request: object, code: str) -> list[DongOut]:
    district = get_object_or_404(District, code=code)
    return [
        DongOut(
            code=dong.code,
            name=dong.name,
            district_code=district.code,
            office_address=dong.office_address,
            office_phone=dong.office_phone,
        )
        for dong in Dong.objects.in_district(district).order_by("code")
    ]
