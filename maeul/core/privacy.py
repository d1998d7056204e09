"""Guards against personal data that must never be stored."""

import re

from django.utils.translation import gettext as _

from maeul.core.errors import RuleViolation

# Six digits of birth date, an optional hyphen, then the gender digit 1-4 and six more.
RESIDENT_NUMBER = re.compile(r"(?<!\d)\d{2}(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])-?[1-4]\d{6}(?!\d)")


def refuse_resident_number(*texts: str) -> None:
    """Raise RuleViolation when any text holds what looks like a resident registration number."""
    if any(RESIDENT_NUMBER.search(text or "") for text in texts):
        raise RuleViolation(
            _("Please remove the resident registration number. Maeul must not store it."),
            code="resident_number",
        )
