"""Members and applicants are personal data: each staff view of them is logged, and the
roster download needs a reason (reliability.md test 28)."""

import io

import openpyxl
import pytest
from django.urls import reverse

from maeul.core.models import PersonalDataAccess
from maeul.councils.services import recruitment as recruitment_svc
from tests.korean import assert_shows

pytestmark = pytest.mark.django_db

REASON = "주민자치회 위원 명부 제출(구청 자치행정과)"


@pytest.fixture
def applied(recruitment, make_applicant, now):
    return recruitment_svc.apply(
        recruitment=recruitment,
        user=make_applicant("이신청"),
        public_name="이신청",
        motivation='=HYPERLINK("http://evil") 마을을 위해 일하고 싶습니다.',
        recommended_by="",
        now=now,
    )


def _export(client, council, **data):
    return client.post(reverse("councils:staff_export_roster", args=[council.pk]), data)


def test_the_desk_view_is_logged(client, dong_staff, doksan1_council, council_member):
    client.force_login(dong_staff)

    response = client.get(reverse("councils:staff_desk", args=[doksan1_council.pk]))

    assert response.status_code == 200
    (row,) = PersonalDataAccess.objects.all()
    assert (row.staff, row.action, row.subject) == (dong_staff, "view", None)
    assert row.subject_description == f"council {doksan1_council.pk}: members and applicants"


def test_a_member_page_view_is_logged_with_the_member_account(client, dong_staff, council_member):
    client.force_login(dong_staff)

    client.get(reverse("councils:staff_member", kwargs={"member_pk": council_member.pk}))

    (row,) = PersonalDataAccess.objects.all()
    assert (row.subject, row.action) == (council_member.user, "view")


def test_the_roster_downloads_with_a_reason_and_is_logged(
    client, dong_staff, doksan1_council, council_member, applied
):
    client.force_login(dong_staff)

    response = _export(client, doksan1_council, reason=REASON)

    assert response.status_code == 200
    assert response["Content-Type"].startswith(
        "application/vnd.openxmlformats-officedocument.spreadsheetml"
    )
    assert "attachment" in response["Content-Disposition"]
    assert response["Cache-Control"] == "no-store"
    book = openpyxl.load_workbook(io.BytesIO(response.content))
    members = [[cell.value for cell in row] for row in book["위원"].iter_rows()]
    applicants = [[cell.value for cell in row] for row in book["신청자"].iter_rows()]
    assert members[1][1] == "김독산"
    assert applicants[1][1] == "이신청"
    assert applicants[1][-1].startswith("'=HYPERLINK")  # no formula in a spreadsheet
    assert all(cell.data_type != "f" for row in book["신청자"].iter_rows() for cell in row)
    text = " ".join(str(v) for row in members + applicants for v in row if v is not None)
    assert "@" not in text
    export = PersonalDataAccess.objects.get(action="export")
    assert (export.staff, export.reason, export.ip_address) == (dong_staff, REASON, "127.0.0.1")
    assert export.subject_description == f"council {doksan1_council.pk}: members and applicants"


@pytest.mark.parametrize("reason", [None, "", "   ", "x"])
def test_a_download_without_a_reason_is_refused(client, dong_staff, doksan1_council, reason):
    client.force_login(dong_staff)
    data = {} if reason is None else {"reason": reason}

    response = _export(client, doksan1_council, **data)

    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")
    assert "attachment" not in response.get("Content-Disposition", "")
    assert_shows(response, "Give the reason for this download. It is kept in the access log.")
    assert not PersonalDataAccess.objects.filter(action="export").exists()


def test_a_reason_holding_a_phone_number_is_refused(client, dong_staff, doksan1_council):
    client.force_login(dong_staff)

    response = _export(client, doksan1_council, reason="010-4821-3957 님 요청")

    assert response.status_code == 400
    assert_shows(
        response,
        "Write the reason without e-mail addresses, phone numbers or resident "
        "registration numbers.",
    )
    assert not PersonalDataAccess.objects.filter(action="export").exists()


def test_staff_of_another_dong_cannot_download(client, other_dong_staff, doksan1_council):
    client.force_login(other_dong_staff)

    response = _export(client, doksan1_council, reason=REASON)

    assert response.status_code == 404
    assert not PersonalDataAccess.objects.exists()


def test_a_resident_cannot_download(client, resident, doksan1_council):
    client.force_login(resident)

    response = _export(client, doksan1_council, reason=REASON)

    assert response.status_code == 403
    assert not PersonalDataAccess.objects.exists()


def test_the_download_is_a_post(client, dong_staff, doksan1_council):
    client.force_login(dong_staff)

    response = client.get(reverse("councils:staff_export_roster", args=[doksan1_council.pk]))

    assert response.status_code == 405
