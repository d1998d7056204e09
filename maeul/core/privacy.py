"""Guards against personal data that must never be stored."""

import re

from django.utils.translation import gettext as _

from maeul.core.errors import RuleViolation

# What people type between the two halves of a number: nothing, spaces, a hyphen or one of
# its look-alikes (U+2010 to U+2015 with the en and em dashes, the minus sign U+2212, the
# full-width hyphen U+FF0D), a dot, a middle dot, an underscore or a slash.
_SEPARATOR = r"\s*[-\u2010-\u2015\u2212\uff0d.·_/]?\s*"

# 주민등록번호 (and 외국인등록번호, gender digits 5-8): six digits of birth date, then the
# gender digit and six more, whatever stands between the halves (개인정보 보호법 제24조의2).
RESIDENT_NUMBER = re.compile(
    r"(?<!\d)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])" + _SEPARATOR + r"[1-8]\d{6}(?!\d)"
)

# A Korean mobile number in plain text (010-1234-5678, 010 1234 5678, 01012345678).
PHONE_NUMBER = re.compile(
    r"(?<!\d)01[016789]" + _SEPARATOR + r"\d{3,4}" + _SEPARATOR + r"\d{4}(?!\d)"
)


def refuse_resident_number(*texts: str | None, **fields: str | None) -> None:
    """Raise RuleViolation when any text (or file name) holds a resident registration number.

    Every service that stores free text calls this before saving: titles, bodies, names,
    payees, notes, minutes, option text and the names of uploaded files. Texts given by
    field name (`title=...`) make the refusal name that field, so a form shows it there.
    """
    named = [(None, text) for text in texts] + list(fields.items())
    for field, text in named:
        if RESIDENT_NUMBER.search(text or ""):
            raise RuleViolation(
                _("Please remove the resident registration number. Maeul must not store it."),
                code="resident_number",
                field=field,
            )
