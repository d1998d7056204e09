"""The office and role of a signed-in staff member, for the page header.

Read once per request: `scope_of` is cached on the user, and only staff cost one
more query (their role assignments with their dong, district and department).
"""

from dataclasses import dataclass
from typing import Any

from django import template
from django.utils.translation import gettext as _

from maeul.accounts.models import Role, RoleAssignment
from maeul.core.permissions import scope_of

register = template.Library()

STAFF_ROLES = (Role.SITE_ADMIN, Role.DONG_STAFF, Role.DISTRICT_STAFF, Role.SUPPORT_CENTRE_STAFF)


@dataclass(frozen=True)
class StaffPost:
    """Where a staff member works (empty for site administrators) and in which role."""

    office: str
    role: str


def _office(assignment: RoleAssignment) -> str:
    if assignment.dong is not None:
        return str(assignment.dong.office_name)
    if assignment.district is None:
        return ""
    if assignment.role == Role.SUPPORT_CENTRE_STAFF:
        return _("%(name)s residents' self-government support centre") % {
            "name": assignment.district.name
        }
    office = _("%(name)s office") % {"name": assignment.district.name}
    if assignment.department is not None:
        return f"{office} {assignment.department.name}"
    return office


def staff_posts(user: Any) -> list[StaffPost]:
    """The posts of a staff member, cached on the user; none for residents and visitors."""
    if not scope_of(user).is_staff:
        return []
    cached: list[StaffPost] | None = getattr(user, "_maeul_staff_posts", None)
    if cached is None:
        assignments = (
            RoleAssignment.objects.of(user)
            .filter(role__in=STAFF_ROLES)
            .select_related("dong", "district", "department")
            .order_by("pk")
        )
        cached = [StaffPost(_office(item), item.get_role_display()) for item in assignments]
        if not cached:  # a superuser without a role assignment
            cached = [StaffPost("", str(Role.SITE_ADMIN.label))]
        user._maeul_staff_posts = cached
    return cached


@register.simple_tag(takes_context=True)
def staff_identity(context: template.Context) -> list[StaffPost]:
    """`{% staff_identity as posts %}`: the signed-in staff member's offices and roles."""
    return staff_posts(context.get("user"))
