"""Reading a list's filters from query parameters (`?district=1154510100&year=2021`).

Each reader answers None for a value it does not understand, so that a hand-edited address
narrows less instead of failing: a filter is a convenience, never a refusal.
"""

from collections.abc import Iterable, Mapping
from datetime import date

CODE_MAX = 10  # an administrative code (행정구역 코드) of a district or dong
DIGITS_MAX = 18  # any longer and it is no id of ours


def place_code(value: str | None) -> str | None:
    """A district's or dong's code: digits only."""
    value = (value or "").strip()
    return value if value.isdigit() and len(value) <= CODE_MAX else None


def whole_number(value: str | None, *, low: int = 1, high: int = 10**DIGITS_MAX) -> int | None:
    """A whole number from `low` to `high` (by default a positive id)."""
    value = (value or "").strip()
    if not value.isdigit() or len(value) > DIGITS_MAX:
        return None
    number = int(value)
    return number if low <= number <= high else None


def one_of(value: str | None, allowed: Iterable[str]) -> str | None:
    """One of the `allowed` values (a choice's value, not its label)."""
    return value if value in set(allowed) else None


def as_params(values: Mapping[str, object]) -> dict[str, str]:
    """A filter's `values` that narrow it (neither None nor empty) as query parameters,
    for the links of a page and its exports: what the readers above read back."""
    return {key: str(value) for key, value in values.items() if value not in (None, "")}


def iso_date(value: str | None) -> date | None:
    """A day written YYYY-MM-DD."""
    try:
        return date.fromisoformat((value or "").strip())
    except ValueError:
        return None
