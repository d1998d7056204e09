"""`{% load money %}`: `{{ amount|won }}` → 1,500,000원, `{{ amount|thousand_won }}` → 1,500,
`{{ fraction|rate }}` → 61.7%."""

from fractions import Fraction

from django import template

from maeul.core.money import format_rate, format_thousands, format_won

register = template.Library()


@register.filter
def won(amount: int | None) -> str:
    return "" if amount is None else format_won(int(amount))


@register.filter
def thousand_won(amount: int | None) -> str:
    return "" if amount is None else format_thousands(int(amount))


@register.filter
def rate(value: Fraction | None) -> str:
    """`{{ project.execution_rate|rate }}` → 61.7%."""
    return format_rate(value)
