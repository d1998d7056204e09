"""The privacy policy (개인정보처리방침), the terms of use (이용약관) and the operator behind them.

Consent records store `PRIVACY_POLICY_VERSION` and `TERMS_VERSION`: whoever changes either
text adds a new `LegalText` at the head of its list (with its own template), and the earlier
versions stay readable at /privacy/<version>/ and /terms/<version>/ (개인정보 보호법 제30조
asks that changes be traceable).

The operator (운영기관) and the privacy officer (개인정보 보호책임자, 제31조) are deployment
facts read from the environment by `operator_from_env`; the defaults are fictional and
`Operator.is_demo` makes every page say so.
"""

import os
import re
from dataclasses import dataclass
from datetime import date
from typing import Literal

from maeul.core.env import ConfigError

Kind = Literal["privacy", "terms"]


@dataclass(frozen=True)
class LegalText:
    """One version of a legal text: its version string, the day it took effect, its templates.

    The text itself lives in `core/legal/<stem>_<language>.html`; Korean is the binding text
    and is always there, English is a courtesy translation and may be missing.
    """

    kind: Kind
    version: str
    effective: date
    stem: str

    def templates(self, language: str) -> list[str]:
        return [f"core/legal/{self.stem}_{language}.html", f"core/legal/{self.stem}_ko.html"]


PRIVACY_POLICY_VERSION = "1.0"
TERMS_VERSION = "1.0"

# Newest first; the first entry is the text in force.
PRIVACY_POLICY_VERSIONS = (
    LegalText("privacy", PRIVACY_POLICY_VERSION, date(2026, 12, 1), "privacy"),
    LegalText("privacy", "0.9", date(2026, 3, 2), "privacy_0_9"),
)
TERMS_VERSIONS = (
    LegalText("terms", TERMS_VERSION, date(2026, 12, 1), "terms"),
    LegalText("terms", "0.9", date(2026, 3, 2), "terms_0_9"),
)


def versions_of(kind: Kind) -> tuple[LegalText, ...]:
    return PRIVACY_POLICY_VERSIONS if kind == "privacy" else TERMS_VERSIONS


def find_version(kind: Kind, version: str | None) -> LegalText | None:
    """The version asked for (the one in force when `version` is None), or None if unknown."""
    texts = versions_of(kind)
    if version is None:
        return texts[0]
    return next((text for text in texts if text.version == version), None)


# --- The operator ----------------------------------------------------------------------
@dataclass(frozen=True)
class Processor:
    """A company that processes personal data on the operator's behalf (수탁자, 제26조)."""

    name: str
    task: str


@dataclass(frozen=True)
class Operator:
    name: str
    address: str
    phone: str
    email: str
    officer_name: str
    officer_title: str
    officer_phone: str
    officer_email: str
    processors: tuple[Processor, ...]
    is_demo: bool


# Fictional on purpose: a name that says 데모, an address on no map, a 0000 phone number.
DEMO_OPERATOR = Operator(
    name="금천구청(데모)",
    address="서울특별시 금천구 마을로 1 (가상의 주소)",
    phone="02-0000-0000",
    email="privacy@demo.maeul.kr",
    officer_name="홍길동(가상 인물)",
    officer_title="행정지원국장(데모)",
    officer_phone="02-0000-0001",
    officer_email="officer@demo.maeul.kr",
    processors=(
        Processor("문자 발송 업체(데모)", "본인확인 인증번호 문자 발송"),
        Processor("호스팅 업체(데모)", "서버와 데이터베이스 운영, 백업"),
    ),
    is_demo=True,
)

OPERATOR_VARIABLES = {
    "address": "MAEUL_OPERATOR_ADDRESS",
    "phone": "MAEUL_OPERATOR_PHONE",
    "email": "MAEUL_OPERATOR_EMAIL",
    "officer_name": "MAEUL_PRIVACY_OFFICER_NAME",
    "officer_title": "MAEUL_PRIVACY_OFFICER_TITLE",
    "officer_phone": "MAEUL_PRIVACY_OFFICER_PHONE",
    "officer_email": "MAEUL_PRIVACY_OFFICER_EMAIL",
}
PHONE = re.compile(r"^\+?[0-9][0-9 -]{6,19}$")
EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s]+$")


def operator_from_env() -> Operator:
    """Read the operator from the environment; the fictional demo operator when none is set.

    Setting MAEUL_OPERATOR_NAME makes every other operator variable required: a real site
    must never show a mix of its own details and the demo's.
    """
    name = os.environ.get("MAEUL_OPERATOR_NAME", "").strip()
    if not name:
        return DEMO_OPERATOR
    values: dict[str, str] = {}
    for field, variable in OPERATOR_VARIABLES.items():
        value = os.environ.get(variable, "").strip()
        if not value:
            raise ConfigError(
                f"MAEUL_OPERATOR_NAME을 정했으면 {variable}도 정해야 합니다. "
                f"Invalid {variable}: required when MAEUL_OPERATOR_NAME is set."
            )
        if field.endswith("phone") and not PHONE.match(value):
            raise ConfigError(
                f"환경 변수 {variable}의 전화번호 형식이 올바르지 않습니다(예: 02-2627-2114). "
                f"Invalid {variable}: expected a phone number such as 02-2627-2114."
            )
        if field.endswith("email") and not EMAIL.match(value):
            raise ConfigError(
                f"환경 변수 {variable}의 이메일 주소 형식이 올바르지 않습니다. "
                f"Invalid {variable}: expected an e-mail address."
            )
        values[field] = value
    return Operator(
        name=name,
        processors=_processors(os.environ.get("MAEUL_PROCESSORS", "")),
        is_demo=False,
        **values,
    )


def _processors(raw: str) -> tuple[Processor, ...]:
    """`업체=업무; 업체=업무`: each processor and the work entrusted to it."""
    found = []
    for part in raw.split(";"):
        if not part.strip():
            continue
        name, sep, task = part.partition("=")
        if not sep or not name.strip() or not task.strip():
            raise ConfigError(
                "환경 변수 MAEUL_PROCESSORS는 '업체=위탁 업무; 업체=위탁 업무' 형식이어야 합니다. "
                "Invalid MAEUL_PROCESSORS: expected 'company=task; company=task'."
            )
        found.append(Processor(name.strip(), task.strip()))
    return tuple(found)


def source_url_from_env() -> str:
    """MAEUL_SOURCE_URL: where users get the source code (AGPL-3.0 section 13); empty if unset.

    Only a web address is accepted, since it becomes a link on every page."""
    url = os.environ.get("MAEUL_SOURCE_URL", "").strip()
    if url and not re.match(r"^https?://[^\s\"'<>]+$", url):
        raise ConfigError(
            "MAEUL_SOURCE_URL은 https://로 시작하는 주소여야 합니다. "
            "Invalid MAEUL_SOURCE_URL: expected a web address such as https://example.org/maeul."
        )
    return url
