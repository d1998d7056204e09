"""What the public plan pages share: which district, dong and council a request means."""

from dataclasses import dataclass

from django.conf import settings
from django.http import Http404, QueryDict

from maeul.councils.models import Council
from maeul.places.models import District, Dong
from maeul.plans.accountability import AccountabilityFilter, parse_filter


@dataclass(frozen=True)
class Place:
    """A request's filter with the district it is about (named, implied, or the default)."""

    wanted: AccountabilityFilter
    district: District
    dong: Dong | None
    council: Council | None


def resolve_place(params: QueryDict) -> Place:
    """The filter of `?district=&dong=&council=&year=&programme=`; at most three queries.

    Without a district, the dong's or council's district is meant, else the site's default.
    """
    wanted = parse_filter(params)
    dong = (
        Dong.objects.select_related("district").filter(code=wanted.dong).first()
        if wanted.dong
        else None
    )
    council = (
        Council.objects.select_related("district", "dong").filter(pk=wanted.council).first()
        if wanted.council
        else None
    )
    district: District | None = None
    if wanted.district:
        district = District.objects.filter(code=wanted.district).first()
    elif dong is not None:
        district = dong.district
    elif council is not None:
        district = council.district
    else:
        district = (
            District.objects.filter(code=settings.MAEUL_DEFAULT_DISTRICT).first()
            or District.objects.order_by("code").first()
        )
    if district is None:
        raise Http404
    wanted = AccountabilityFilter(
        district=district.code,
        dong=dong.code if dong is not None else None,
        council=council.pk if council is not None else None,
        year=wanted.year,
        programme=wanted.programme,
    )
    return Place(wanted=wanted, district=district, dong=dong, council=council)
