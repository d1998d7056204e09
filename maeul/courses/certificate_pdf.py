"""The course completion certificate (수료증) as an A4 PDF: who (the name shown on Maeul and
the birth year, never an identity number), the course and its programme, the period, the
hours (시수) and sessions attended, the issuing centre or district, the Seoul day of issue
and the number to check it by."""

from decimal import Decimal

from maeul.core.certificates import opening, sign_off
from maeul.core.dates import seoul_day
from maeul.courses.models import CourseCertificate
from maeul.courses.services.certificates import certificate_facts, issuer_of


def hours_text(hours: Decimal) -> str:
    """2.5 → "2.5", 78.0 → "78"."""
    return f"{hours.normalize():f}"


def certificate_pdf(certificate: CourseCertificate) -> bytes:
    registration = certificate.registration
    course, user = registration.course, registration.user
    facts = certificate_facts(registration)
    if facts.first_day and facts.last_day:
        period = f"{seoul_day(facts.first_day)} ~ {seoul_day(facts.last_day)}"
    else:
        period = "-"
    document = opening(
        "수료증",
        certificate.number,
        user,
        [
            ("교육과정", course.title),
            ("사업", str(course.programme)),
            ("교육기간", period),
            (
                "시수",
                f"{hours_text(facts.attended_hours)}시간 (과정 {hours_text(facts.hours)}시간)",
            ),
            ("출석", f"{facts.sessions}회 중 {facts.attended}회"),
            (
                "수료일",
                seoul_day(registration.completed_at) if registration.completed_at else "-",
            ),
        ],
    )
    sign_off(
        document,
        "위 사람은 위 교육과정을 성실히 이수하였기에 이 증서를 드립니다.",
        certificate.issued_at,
        issuer_of(course),
    )
    return document.to_bytes()
