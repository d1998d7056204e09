"""The certificate of volunteering (봉사활동 확인서) as an A4 PDF: who (the name shown on
Maeul and the birth year, never an identity number), the period, each confirmed shift and
the total hours, the issuing organisation and the number to check it by."""

from django.db.models import QuerySet

from maeul.core.certificates import opening, sign_off
from maeul.core.dates import seoul_day
from maeul.volunteering.figures import hours_text
from maeul.volunteering.models import Certificate, HoursRecord


def certificate_pdf(certificate: Certificate, records: QuerySet[HoursRecord], issuer: str) -> bytes:
    """The PDF of `certificate`, listing `records` (the confirmed hours it counts)."""
    document = opening(
        "봉사활동 확인서",
        certificate.number,
        certificate.user,
        [
            ("봉사기간", f"{seoul_day(certificate.starts_on)} ~ {seoul_day(certificate.ends_on)}"),
            ("봉사활동", certificate.activity.title if certificate.activity else "기간 내 전체"),
            ("총 봉사시간", f"{hours_text(certificate.minutes)}시간 ({certificate.records}회)"),
        ],
    )
    document.space()
    rows = []
    for record in records.select_related("shift__activity__camp", "shift__activity__club"):
        shift, activity = record.shift, record.shift.activity
        rows.append(
            [
                seoul_day(shift.starts_at),
                activity.title,
                str(activity.organiser or ""),
                shift.place,
                hours_text(record.minutes),
            ]
        )
    document.table(
        ["일자", "봉사활동", "활동처", "장소", "시간"],
        rows,
        widths=(25, 50, 35, 40, 20),
        align="LLLLR",
    )
    sign_off(
        document,
        "위 사람은 위와 같이 자원봉사활동에 참여하였음을 확인합니다.",
        certificate.issued_at,
        issuer,
    )
    return document.to_bytes()
