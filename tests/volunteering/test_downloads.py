"""The certificate (PDF, with a number to check and no identity number) and the 1365 export
(XLSX in the documented columns, cells kept from running as formulas, access logged)."""

import io
from datetime import timedelta

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from maeul.core.models import PersonalDataAccess
from maeul.volunteering.models import Certificate, HoursRecord, Volunteer
from maeul.volunteering.portal_export import COLUMNS
from tests.volunteering.conftest import make_shift, signed_up

pytestmark = pytest.mark.django_db


@pytest.fixture
def confirmed(activity, resident, leader):
    shift = make_shift(activity, day=-1)
    shift.starts_at = timezone.now() - timedelta(days=1)
    shift.ends_at = shift.starts_at + timedelta(hours=2)
    shift.save()
    sign_up = signed_up(shift, resident)
    Volunteer.objects.create(user=resident, portal_id="=cmd|evil", created_at=timezone.now())
    return HoursRecord.objects.create(
        shift=shift,
        user=resident,
        sign_up=sign_up,
        minutes=120,
        confirmed_by=leader,
        confirmed_at=timezone.now(),
    )


def pdf_text(body: bytes) -> str:
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(body)).pages)


def test_volunteer_downloads_a_certificate(client, resident, confirmed):
    client.force_login(resident)
    response = client.post(
        reverse("volunteering:certificate"), {"activity": confirmed.shift.activity_id}
    )
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    certificate = Certificate.objects.get()
    text = pdf_text(response.content)
    assert certificate.number in text
    assert "봉사활동 확인서" in text
    assert "주민등록번호" not in text
    check = client.get(reverse("volunteering:certificate_check") + f"?number={certificate.number}")
    assert "마을에서 발급한 확인서" in check.content.decode()
    assert "독****" in check.content.decode()  # the name shown masked
    assert "독산 주민" not in check.content.decode().split("<main")[1]


def test_no_certificate_without_confirmed_hours(client, resident):
    client.force_login(resident)
    response = client.post(reverse("volunteering:certificate"), {"starts_on": "2026-01-01"})
    assert response.status_code == 400
    assert not Certificate.objects.exists()


def test_staff_export_hours_for_1365(client, dong_staff, doksan1, confirmed):
    client.force_login(dong_staff)
    today = timezone.localdate()
    response = client.get(
        reverse("volunteering:staff_export"),
        {
            "place": f"dong:{doksan1.pk}",
            "starts_on": (today - timedelta(days=7)).isoformat(),
            "ends_on": today.isoformat(),
            "reason": "1365 실적 일괄등록",
        },
    )
    assert response.status_code == 200
    sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0] == COLUMNS
    assert rows[1][1] == "'=cmd|evil"
    assert rows[1][2] == "독산 주민"
    assert rows[1][7] == 120
    assert PersonalDataAccess.objects.filter(action="export").count() == 1


def test_export_needs_a_reason_and_a_place_served(
    client, dong_staff, other_dong_staff, doksan1, confirmed
):
    client.force_login(dong_staff)
    response = client.get(
        reverse("volunteering:staff_export"),
        {
            "place": f"dong:{doksan1.pk}",
            "starts_on": "2026-01-01",
            "ends_on": "2026-12-31",
        },
    )
    assert response.status_code == 400
    client.force_login(other_dong_staff)
    response = client.get(
        reverse("volunteering:staff_export"),
        {
            "place": f"dong:{doksan1.pk}",
            "starts_on": "2026-01-01",
            "ends_on": "2026-12-31",
            "reason": "점검",
        },
    )
    assert response.status_code == 400  # 독산1동 is not among the places offered
    assert not PersonalDataAccess.objects.exists()
