"""Figures of each row counted in a subquery (places taken on each shift, votes cast in
each vote), so that a list of rows with their figures costs one query; and how many rows
hold each value of a column, or their other figures, in one grouped query."""

from typing import Any

from django.db.models import Aggregate, Count, IntegerField, QuerySet, Subquery, Value
from django.db.models.functions import Coalesce


def total_of_each(related: QuerySet[Any], key: str, total: Aggregate) -> Coalesce:
    """For each outer row, `total` over its `related` rows, 0 when it has none.

    `related` is filtered on `OuterRef("pk")` and `key` names that same column. A subquery,
    not a join: two totals of different relations on one row never multiply each other.
    """
    rows = related.order_by().values(key).annotate(n=total).values("n")
    zero = Value(0, output_field=IntegerField())
    return Coalesce(Subquery(rows, output_field=IntegerField()), zero)


def count_of_each(rows: QuerySet[Any], field: str) -> dict[Any, int]:
    """How many of `rows` hold each value of `field` (a value that no row holds is missing)."""
    return dict(rows.order_by().values_list(field).annotate(n=Count("pk")))


def figures_of_each(rows: QuerySet[Any], field: str, **figures: Aggregate) -> dict[Any, Any]:
    """For each value of `field`, the `figures` over the `rows` that hold it, by name (with
    the value under `field`); a value that no row holds is missing."""
    return {line[field]: line for line in rows.order_by().values(field).annotate(**figures)}
