"""Money: stored as whole won (원); shown as 원, or as 천원 in officials' tables."""

from decimal import Decimal
from fractions import Fraction

from django.utils.translation import gettext as _


def format_won(amount: int) -> str:
    """`1,500,000원` (English: `KRW 1,500,000`)."""
    return _("%(amount)s won") % {"amount": f"{amount:,}"}


def in_thousands(amount: int) -> int:
    """Whole 천원, rounded half up, as the seeds' tables write budgets (144,000천원)."""
    return (amount + 500) // 1000


def format_thousands(amount: int) -> str:
    """`144,000` for a table whose header says 천원."""
    return f"{in_thousands(amount):,}"


def rate_in_percent(rate: Fraction) -> Decimal:
    """An execution rate (집행률) as a percentage with one decimal, rounded half up (61.7)."""
    tenths = rate * 1000
    rounded = (tenths.numerator * 2 + tenths.denominator) // (tenths.denominator * 2)
    return Decimal(rounded).scaleb(-1)


def format_rate(rate: Fraction | None) -> str:
    """`61.7%` as the seeds print 집행률; `-` when there is no budget to measure against."""
    return "-" if rate is None else f"{rate_in_percent(rate)}%"
