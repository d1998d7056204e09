"""Free text a person must write (an answer, a report, a reason): one check for each service."""

from django.utils.functional import Promise

from maeul.core.errors import RuleViolation
from maeul.core.privacy import refuse_resident_number


def required_text(
    text: str,
    *,
    field: str,
    missing: str | Promise,
    code: str = "rule",
    most: int | None = None,
    too_long: str | Promise = "",
) -> str:
    """`text` without surrounding white space; a RuleViolation about the form's `field` when it
    holds a resident registration number, is empty (`missing`, with `code`) or has more than
    `most` characters (`too_long`).
    """
    text = text.strip()
    refuse_resident_number(**{field: text})
    if not text:
        raise RuleViolation(missing, code=code, field=field)
    if most is not None and len(text) > most:
        raise RuleViolation(too_long, code=code, field=field)
    return text
