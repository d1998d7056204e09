"""The one exception a broken business rule raises, and the database's refusal as one."""

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import IntegrityError, transaction
from django.utils.functional import Promise


class RuleViolation(Exception):  # noqa: N818 -- a domain word, not an "Error" suffix
    """A business rule refused an action; `message` is the translated text a person reads.

    `field` names the form field the refusal is about, if one is, so that a form shows the
    reason beside it without checking the rule a second time.
    """

    def __init__(
        self, message: str | Promise, *, code: str = "rule", field: str | None = None
    ) -> None:
        super().__init__(str(message))
        self.message = str(message)
        self.code = code
        self.field = field


@contextmanager
def refuse_duplicate(
    message: str | Promise, *, code: str, field: str | None = None
) -> Iterator[None]:
    """Run the block in one transaction; if the database refuses a row as a duplicate
    (a unique constraint: `IntegrityError`), the block is undone and this refusal raised.

    The database, not a check before the insert, decides what is taken: two requests at
    once cannot both pass.
    """
    try:
        with transaction.atomic():
            yield
    except IntegrityError:
        raise RuleViolation(message, code=code, field=field) from None
