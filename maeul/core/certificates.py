"""What every certificate Maeul issues shares (봉사활동 확인서, 수료증): a number to check it
by, read aloud and typed from paper, and the name a public check page shows, masked.

The apps keep their own model, PDF and pages; they take the number from `new_number`, read
a typed one with `clean_number` and show the holder with `masked_name`."""

import secrets
from datetime import datetime
from typing import Any

from maeul.core.dates import seoul_time, seoul_year
from maeul.core.pdf import Document

# No 0/O or 1/I: the number is read aloud and typed from paper.
ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
# The longest number: a prefix of up to 4 letters, the year and 8 characters.
MAX_LENGTH = 20


def new_number(prefix: str, now: datetime) -> str:
    """`VH-2026-7KQ4M2XA`: the app's prefix, the Seoul year of `now`, 8 random characters."""
    return f"{prefix}-{seoul_year(now)}-" + "".join(secrets.choice(ALPHABET) for _i in range(8))


def clean_number(raw: str) -> str:
    """A typed number as it is stored: trimmed, upper case, at most `MAX_LENGTH` long."""
    return raw.strip().upper()[:MAX_LENGTH]


def masked_name(name: str) -> str:
    """The first character and a star for each other one (`독***`): enough for the holder
    to recognise, not enough for a stranger to learn who holds the certificate."""
    return name[0] + "*" * (len(name) - 1) if name else ""


def opening(title: str, number: str, user: Any, facts: list[tuple[str, str]]) -> Document:
    """The start of a certificate: its title, and the number to check it by, the holder's
    name on Maeul and birth year (never an identity number), then `facts` about what it
    certifies. The footer says where the number is checked."""
    document = Document(
        title=title,
        subject=f"확인번호 {number}",
        footer=f"확인번호 {number} · 마을 누리집의 {title} 진위확인에서 확인할 수 있습니다.",
    )
    document.heading(title)
    document.key_values(
        [
            ("확인번호", number),
            ("성명", user.public_name),
            ("출생연도", f"{user.birth_year}년" if user.birth_year else "-"),
            *facts,
        ]
    )
    return document


def sign_off(document: Document, statement: str, issued_at: datetime, issuer: str) -> None:
    """The end of a certificate: what it states, the Seoul day it was issued and who issues it,
    centred."""
    document.space(8)
    document.paragraph(statement, align="C")
    document.paragraph(f"{seoul_time(issued_at):%Y년 %m월 %d일}", align="C")
    document.paragraph(issuer, align="C")
