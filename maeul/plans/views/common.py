"""What the plan views share: which district a request means, and the staff member's scope."""

from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db.models import Q, QuerySet
from django.http import Http404, QueryDict

from maeul.core.permissions import scope_of
from maeul.councils.models import Council
from maeul.places.models import District, Dong
from maeul.plans.accountability import AccountabilityFilter, parse_filter
from maeul.plans.models import AutonomyPlan, Project, SpendingEntry


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


def _staff_q(user: Any, district_field: str, dong_field: str) -> Q | None:
    """Rows of the user's districts or dongs; None for a site admin (everything)."""
    scope = scope_of(user)
    if scope.site_admin:
        return None
    return Q(**{f"{district_field}__in": scope.district_ids}) | Q(
        **{f"{dong_field}__in": scope.dong_ids}
    )


def projects_in_scope(user: Any) -> QuerySet[Project]:
    """The projects a staff member serves: of their districts, or of their dongs."""
    q = _staff_q(user, "district_id", "dong_id")
    projects = Project.objects.all()
    return projects if q is None else projects.filter(q)


def plans_in_scope(user: Any) -> QuerySet[AutonomyPlan]:
    q = _staff_q(user, "council__district_id", "council__dong_id")
    plans = AutonomyPlan.objects.all()
    return plans if q is None else plans.filter(q)


def councils_in_scope(user: Any) -> QuerySet[Council]:
    q = _staff_q(user, "district_id", "dong_id")
    councils = Council.objects.all()
    return councils if q is None else councils.filter(q)


def entries_in_scope(user: Any) -> QuerySet[SpendingEntry]:
    q = _staff_q(user, "project__district_id", "project__dong_id")
    entries = SpendingEntry.objects.all()
    return entries if q is None else entries.filter(q)
