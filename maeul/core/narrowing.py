"""Narrowing a list by the filters a person chose (`?dong=1154551000&year=2024`)."""

from typing import Any, TypeVar

from django.db.models import QuerySet

_Rows = TypeVar("_Rows", bound=QuerySet[Any])


def narrowed(rows: _Rows, **lookups: object) -> _Rows:
    """`rows` filtered by each lookup that has a value; an empty one (None, "", 0) does not
    narrow, so a list without filters shows everything."""
    return rows.filter(**{lookup: value for lookup, value in lookups.items() if value})
