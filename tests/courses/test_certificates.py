"""The 수료증: issued only for a recorded completion (never for a registration not completed
or cancelled), to the person or the staff of the course, once per registration; its PDF
read back; the public check by number with the name masked, and 404 for a number never
issued."""

import io
from datetime import UTC, datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import translation
from pypdf import PdfReader

from maeul.core import certificates
from maeul.core.certificates import ALPHABET, clean_number, masked_name, new_number
from maeul.core.errors import RuleViolation
from maeul.core.models import AuditEntry
from maeul.courses.certificate_pdf import certificate_pdf
from maeul.courses.models import Attendance, CourseCertificate, Registration, RegistrationStatus
from maeul.courses.services.certificates import issue_course_certificate, issuer_of
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def pdf_text(body: bytes) -> str:
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(body)).pages)


@pytest.fixture
def held(course, now):
    """The course of the fixtures, held: its 3 sessions (2.5 hours each) in the past."""
    for session in course.sessions.all():
        session.starts_at -= timedelta(days=60)
        session.ends_at -= timedelta(days=60)
        session.save()
    return course


def register(course, user, now, **fields):
    return Registration.objects.create(
        course=course,
        user=user,
        status=fields.pop("status", RegistrationStatus.REGISTERED),
        created_at=now - timedelta(days=70),
        **fields,
    )


@pytest.fixture
def completed(held, resident, now):
    registration = register(held, resident, now, completed_at=now)
    for session in list(held.sessions.order_by("number"))[:2]:
        Attendance.objects.create(session=session, user=resident, recorded_at=session.starts_at)
    return registration


# --- the shared parts ---------------------------------------------------------------------


def test_numbers_are_unambiguous_and_typed_numbers_are_cleaned(now):
    number = new_number("CC", now)
    assert number.startswith("CC-2026-") and len(number) == 16
    assert set(number[8:]) <= set(ALPHABET) and not set("01IO") & set(number[8:])
    assert clean_number("  cc-2026-abc ") == "CC-2026-ABC"
    assert len(clean_number("X" * 50)) == 20
    assert masked_name("독산 주민") == "독****"
    assert masked_name("") == ""


# --- the rule --------------------------------------------------------------------------------


def test_a_completed_registration_gets_one_certificate(completed, resident, now):
    first = issue_course_certificate(user=resident, registration=completed, now=now)
    again = issue_course_certificate(
        user=resident, registration=completed, now=now + timedelta(days=3)
    )
    assert first.pk == again.pk and again.issued_at == now
    assert first.number.startswith("CC-2026-")
    assert CourseCertificate.objects.count() == 1
    assert not AuditEntry.objects.exists()  # the person's own: nothing to audit


def test_no_certificate_without_recorded_completion(held, resident, now):
    registration = register(held, resident, now)
    for session in held.sessions.all():  # meets the rule, but staff have not recorded it
        Attendance.objects.create(session=session, user=resident, recorded_at=session.starts_at)
    with translation.override("en"), pytest.raises(RuleViolation) as refused:
        issue_course_certificate(user=resident, registration=registration, now=now)
    assert refused.value.code == "forbidden"
    assert "completion of this course has not been recorded" in refused.value.message
    assert not CourseCertificate.objects.exists()


def test_no_certificate_for_a_cancelled_registration(held, resident, now):
    registration = register(
        held, resident, now, status=RegistrationStatus.CANCELLED, cancelled_at=now
    )
    with pytest.raises(RuleViolation):
        issue_course_certificate(user=resident, registration=registration, now=now)
    assert not CourseCertificate.objects.exists()


def test_staff_of_the_course_issue_it_and_it_is_audited(completed, dong_staff, now):
    issued = issue_course_certificate(
        user=dong_staff, registration=completed, now=now, ip="1.2.3.4"
    )
    entry = AuditEntry.objects.get()
    assert entry.action == "courses.certificate.issue" and entry.target_id == str(issued.pk)


def test_someone_else_and_staff_elsewhere_are_refused(
    completed, neighbour, other_dong_staff, other_district_staff, now
):
    for outsider in (neighbour, other_dong_staff, other_district_staff):
        with pytest.raises(RuleViolation):
            issue_course_certificate(user=outsider, registration=completed, now=now)
    assert not CourseCertificate.objects.exists()


def test_the_issuer_is_the_operator_the_dong_office_or_the_district(held):
    assert issuer_of(held) == "금천구 마을자치센터"
    held.operator = ""
    assert issuer_of(held).endswith("독산1동 주민센터")
    held.dong = None
    assert issuer_of(held).endswith("금천구청장")
    held.district = None
    assert issuer_of(held) == "서울시 마을공동체종합지원센터"


# --- the pages ----------------------------------------------------------------------------------


def test_resident_downloads_the_certificate_from_my_courses(client, completed, resident):
    client.force_login(resident)
    page = client.get(reverse("courses:mine"))
    download = reverse("courses:certificate_pdf", args=[completed.pk])
    assert download in page.content.decode()

    response = client.post(download)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    certificate = CourseCertificate.objects.get()
    text = pdf_text(response.content)
    for words in (
        "수료증",
        certificate.number,
        "독산 주민",
        "금천마을지기학교",  # the course
        "마을력강화 마을교육 (2026)",  # the programme
        "5시간 (과정 7.5시간)",  # 시수: the 2 sessions attended of 3 of 2.5 hours
        "3회 중 2회",
        "금천구 마을자치센터",  # the issuer
        f"{certificate.issued_at.year}년",
    ):
        assert words in text, words
    assert "주민등록번호" not in text
    # The number now shows on "my courses", linked to its check.
    again = client.get(reverse("courses:mine")).content.decode()
    assert reverse("courses:certificate", args=[certificate.number]) in again


def test_the_issue_day_is_the_seoul_day(completed, resident):
    late = datetime(2026, 3, 31, 23, 30, tzinfo=UTC)  # already 1 April in Seoul
    issued = issue_course_certificate(user=resident, registration=completed, now=late)
    assert "2026년 04월 01일" in pdf_text(certificate_pdf(issued))


def test_not_completed_gets_a_clear_refusal_and_no_pdf(client, held, resident, now):
    registration = register(held, resident, now)
    client.force_login(resident)
    with translation.override("en"):
        response = client.post(
            reverse("courses:certificate_pdf", args=[registration.pk]), HTTP_ACCEPT_LANGUAGE="en"
        )
    assert response.status_code == 403
    assert response["Content-Type"].startswith("text/html")
    assert "completion of this course has not been recorded" in response.content.decode()
    assert not CourseCertificate.objects.exists()


def test_someone_elses_registration_is_not_found(client, completed, neighbour):
    client.force_login(neighbour)
    response = client.post(reverse("courses:certificate_pdf", args=[completed.pk]))
    assert response.status_code == 404
    assert not CourseCertificate.objects.exists()


def test_a_visitor_is_sent_to_log_in(client, completed):
    response = client.post(reverse("courses:certificate_pdf", args=[completed.pk]))
    assert response.status_code == 302 and "login" in response["Location"]


def test_staff_download_it_from_the_desk(client, completed, dong_staff):
    client.force_login(dong_staff)
    desk = client.get(reverse("courses:staff_desk", args=[completed.course_id])).content.decode()
    download = reverse("courses:staff_certificate", args=[completed.pk])
    assert download in desk
    response = client.post(download)
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    assert CourseCertificate.objects.get().registration == completed


def test_staff_cannot_for_someone_not_completed(client, held, neighbour, dong_staff, now):
    registration = register(held, neighbour, now)
    client.force_login(dong_staff)
    response = client.post(reverse("courses:staff_certificate", args=[registration.pk]))
    assert response.status_code == 403
    assert not CourseCertificate.objects.exists()


def test_staff_elsewhere_and_residents_are_refused_on_the_desk(
    client, completed, other_dong_staff, resident
):
    url = reverse("courses:staff_certificate", args=[completed.pk])
    client.force_login(other_dong_staff)
    assert client.post(url).status_code == 404
    client.force_login(resident)
    assert client.post(url).status_code == 403
    assert not CourseCertificate.objects.exists()


def test_the_public_check_masks_the_name(client, completed, resident, now):
    issued = issue_course_certificate(user=resident, registration=completed, now=now)
    response = client.get(reverse("courses:certificate", args=[issued.number.lower()]))
    assert response.status_code == 200
    body = response.content.decode()
    main = body.split("<main")[1]
    assert "독****" in main
    assert "독산 주민" not in main
    assert "금천마을지기학교" in main and issued.number in main


def test_the_check_form_goes_to_the_numbers_page(client):
    response = client.get(reverse("courses:certificate_check"), {"number": " cc-2026-abcd "})
    assert response.status_code == 302
    assert response["Location"] == reverse("courses:certificate", args=["CC-2026-ABCD"])
    assert client.get(reverse("courses:certificate_check")).status_code == 200


def test_a_wrong_number_is_404_in_korean(client, completed, resident, now):
    issue_course_certificate(user=resident, registration=completed, now=now)
    response = client.get(reverse("courses:certificate", args=["CC-2026-WRONG234"]))
    assert response.status_code == 404
    body = response.content.decode()
    assert '<html lang="ko"' in body
    assert "독****" not in body


def test_a_certificate_no_longer_backed_by_completion_is_not_confirmed(
    client, completed, resident, now
):
    issued = issue_course_certificate(user=resident, registration=completed, now=now)
    Registration.objects.filter(pk=completed.pk).update(completed_at=None)
    response = client.get(reverse("courses:certificate", args=[issued.number]))
    assert response.status_code == 404


def test_a_number_already_taken_is_drawn_again(completed, resident, now, monkeypatch):
    other = register(completed.course, UserFactory(), now, completed_at=now)
    CourseCertificate.objects.create(number="CC-2026-AAAAAAAA", registration=other, issued_at=now)
    numbers = iter(["CC-2026-AAAAAAAA", "CC-2026-BBBBBBBB"])
    monkeypatch.setattr(certificates, "new_number", lambda prefix, when: next(numbers))
    issued = issue_course_certificate(user=resident, registration=completed, now=now)
    assert issued.number == "CC-2026-BBBBBBBB"
