"""Reading one cell: each function returns the value or raises `CellError` with the reason."""

from __future__ import annotations

import datetime
import re
from decimal import Decimal

from django.utils.translation import gettext as _

from maeul.voting.models import Answer
from maeul.voting.tabular.files import CellError

MAX_TITLE_LENGTH = 200
MAX_OPTION_NUMBER = 9999
MAX_COST = 10**15  # 1,000조 원: beyond any budget, and safely inside a database bigint

ANSWERS = {
    **dict.fromkeys(("찬성", "yes", "o", "\u25cb"), Answer.YES),  # also a drawn circle
    **dict.fromkeys(("반대", "no", "x", "\u00d7"), Answer.NO),  # also the multiplication sign
    **dict.fromkeys(("기권", "abstain"), Answer.ABSTAIN),
}
DATE_FORMS = (
    re.compile(r"([0-9]{4})\s*[-./]\s*([0-9]{1,2})\s*[-./]\s*([0-9]{1,2})\.?"),
    re.compile(r"([0-9]{4})([0-9]{2})([0-9]{2})"),
)


def required(text: str) -> str:
    if not text:
        raise CellError(_("This cell must not be empty."))
    return text


def option_number(text: str) -> int:
    if not re.fullmatch(r"[0-9]{1,4}", text) or not 1 <= int(text) <= MAX_OPTION_NUMBER:
        message = _("The number must be a whole number from 1 to %(max)d.")
        raise CellError(message % {"max": MAX_OPTION_NUMBER})
    return int(text)


def title(text: str) -> str:
    if len(required(text)) > MAX_TITLE_LENGTH:
        message = _("The title is longer than %(max)d characters.")
        raise CellError(message % {"max": MAX_TITLE_LENGTH})
    return text


def won(text: str) -> int:
    """A cost in 원: "1500000", "1,500,000", "1500000원", or "1,500천원" (a thousand times)."""
    amount = re.sub(r"[\s,]", "", required(text)).removeprefix("₩")
    scale = 1000 if amount.endswith("천원") else 1
    amount = amount.removesuffix("천원").removesuffix("원")
    if not re.fullmatch(r"-?[0-9]+(\.[0-9]+)?", amount):
        raise CellError(_("The cost is not a number."))
    won = Decimal(amount) * scale
    if won < 0:
        raise CellError(_("The cost cannot be negative."))
    if won != won.to_integral_value():
        raise CellError(_("The cost is not a whole number of won."))
    if won > MAX_COST:
        raise CellError(_("The cost is too large."))
    return int(won)


def birth_date(text: str, today: datetime.date) -> datetime.date:
    match = next(filter(None, (form.fullmatch(required(text)) for form in DATE_FORMS)), None)
    if match is None:
        raise CellError(_("Write the birth date like 1960-03-15, 1960.3.15 or 19600315."))
    try:
        born = datetime.date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        raise CellError(_("The birth date is not a real date.")) from None
    if born > today:
        raise CellError(_("The birth date is in the future."))
    if born.year <= 1900:
        raise CellError(_("The birth date must be after 1900."))
    return born


def chosen_numbers(text: str, option_numbers: set[int]) -> tuple[int, ...]:
    """Option numbers in the order written, separated by commas or spaces."""
    chosen: list[int] = []
    for token in filter(None, re.split(r"[\s,]+", text)):
        # A length bound, as int() refuses strings of thousands of digits.
        number = int(token) if re.fullmatch(r"[0-9]{1,9}", token) else None
        if number is None:
            raise CellError(_('"%(value)s" is not an option number.') % {"value": token})
        if number not in option_numbers:
            raise CellError(_("There is no option number %(number)d.") % {"number": number})
        if number in chosen:
            message = _("The option number %(number)d is written twice.")
            raise CellError(message % {"number": number})
        chosen.append(number)
    return tuple(chosen)


def answer(text: str) -> str:
    if not text:
        raise CellError(_("A postal ballot must answer every item, and this answer is empty."))
    answer = ANSWERS.get(text.casefold())
    if answer is None:
        message = _('"%(value)s" is not an answer: write 찬성, 반대 or 기권.')
        raise CellError(message % {"value": text})
    return answer
