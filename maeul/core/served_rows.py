"""How a staff page finds its row: among those the staff member serves (`scope_of(user).rows`),
or 404, since a row outside one's dongs and districts does not exist for them."""

from typing import TypeVar

from django.db.models import Model, QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404

from maeul.core.permissions import scope_of

M = TypeVar("M", bound=Model)


def in_scope(request: HttpRequest, queryset: QuerySet[M], pk: int) -> M:
    """Row `pk` of `queryset` if the staff member serves it; 404 otherwise."""
    return get_object_or_404(scope_of(request.user).rows(queryset), pk=pk)
