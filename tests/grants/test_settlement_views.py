"""The money after selection through the client: the representative records spending with a
receipt (a fake file refused beside its field, nothing stored), support-centre staff find
the project in their check list and record a visit with each entry marked, a receipt is
served only to the representative and the staff who check (the reading logged), district
staff approve the settlement on the desk, and the committee sees last year's evaluation."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from maeul.core.models import PersonalDataAccess
from maeul.grants.models import CheckMark, GrantExpense, InterimCheck, Settlement
from maeul.grants.services import agreements, settlement, spending
from tests.grants.conftest import pdf

pytestmark = pytest.mark.django_db


@pytest.fixture
def paid(selected_now, district_staff):
    now, draft = timezone.now(), selected_now
    agreements.create_agreement(
        application=draft,
        amount=2_500_000,
        conditions="",
        signed_at=now.date(),
        bank="농협",
        account="110-234-567890",
        staff=district_staff,
        now=now,
        ip=None,
    )
    agreements.record_disbursement(
        application=draft,
        amount=2_000_000,
        paid_at=now.date(),
        note="",
        staff=district_staff,
        now=now,
        ip=None,
    )
    return draft


def _expense(paid, resident, amount=400_000):
    return spending.record_expense(
        application=paid,
        category=paid.call.categories.get(name="재료비"),
        item="모종",
        amount=amount,
        spent_on=timezone.localdate(),
        receipt=pdf("영수증.pdf"),
        user=resident,
        now=timezone.now(),
    )


def test_the_representative_records_spending_with_a_receipt(client, paid, resident):
    client.force_login(resident)
    url = reverse("grants:add_expense", args=[paid.pk])
    category = paid.call.categories.get(name="재료비")
    data = {
        "category": category.pk,
        "item": "모종",
        "amount": "400,000",
        "spent_on": timezone.localdate().isoformat(),
    }
    fake = SimpleUploadedFile("영수증.pdf", b"MZ\x90\x00 not a pdf", "application/pdf")
    refused = client.post(url, {**data, "receipt": fake}, HTTP_ACCEPT_LANGUAGE="ko")
    assert refused.status_code == 400
    body = refused.content.decode()
    field = body[body.index('id="id_receipt"') :]
    assert field.index("PDF") < field.index("</div>")  # the refusal beside the receipt field
    assert not GrantExpense.objects.exists()

    over = client.post(url, {**data, "amount": "2,000,001"}, HTTP_ACCEPT_LANGUAGE="ko")
    assert over.status_code == 400 and "2,000,000원" in over.content.decode()

    assert client.post(url, {**data, "receipt": pdf("영수증.pdf")}).status_code == 302
    page = client.get(reverse("grants:application", args=[paid.pk]), HTTP_ACCEPT_LANGUAGE="ko")
    text = page.content.decode()
    assert "보조금 집행" in text and "모종" in text and "점검 전" in text
    expense = GrantExpense.objects.get()
    assert client.get(reverse("grants:receipt", args=[expense.pk])).status_code == 200


def test_another_resident_cannot_record_or_read(client, paid, resident, neighbour):
    expense = _expense(paid, resident)
    client.force_login(neighbour)
    category = paid.call.categories.get(name="재료비")
    response = client.post(
        reverse("grants:add_expense", args=[paid.pk]),
        {"category": category.pk, "item": "x", "amount": "1,000", "spent_on": "2026-01-01"},
    )
    assert response.status_code == 404
    assert client.get(reverse("grants:receipt", args=[expense.pk])).status_code == 404
    assert client.post(reverse("grants:remove_expense", args=[expense.pk])).status_code == 404
    assert GrantExpense.objects.count() == 1


def test_support_centre_staff_check_the_spending(client, paid, resident, support_centre_staff):
    expense = _expense(paid, resident)
    client.force_login(support_centre_staff)
    listing = client.get(reverse("grants:staff_checks"), HTTP_ACCEPT_LANGUAGE="ko")
    assert listing.status_code == 200 and "골목 텃밭" in listing.content.decode()
    url = reverse("grants:staff_check", args=[paid.pk])
    assert client.get(url).status_code == 200
    visit = {
        "visited_on": timezone.localdate().isoformat(),
        "findings": "상자 텃밭 12개 확인",
        "outcome": "on_track",
    }
    refused = client.post(
        url, {**visit, f"mark-{expense.pk}": "disallowed"}, HTTP_ACCEPT_LANGUAGE="ko"
    )
    assert refused.status_code == 400
    assert 'value="disallowed" checked' in refused.content.decode()  # the choice is kept
    assert not InterimCheck.objects.exists()
    done = client.post(url, {**visit, f"mark-{expense.pk}": "confirmed"})
    assert done.status_code == 302
    expense.refresh_from_db()
    assert expense.mark == CheckMark.CONFIRMED
    assert InterimCheck.objects.get().checker_role

    receipt = client.get(reverse("grants:receipt", args=[expense.pk]))
    assert receipt.status_code == 200 and receipt["Cache-Control"] == "private, no-store"
    assert PersonalDataAccess.objects.filter(staff=support_centre_staff).exists()


def test_staff_of_another_dong_or_district_see_no_check(
    client, paid, resident, other_dong_staff, other_district_staff
):
    expense = _expense(paid, resident)
    for outsider in (other_district_staff,):
        client.force_login(outsider)
        assert "골목 텃밭" not in client.get(reverse("grants:staff_checks")).content.decode()
        assert client.get(reverse("grants:staff_check", args=[paid.pk])).status_code == 404
        assert client.get(reverse("grants:receipt", args=[expense.pk])).status_code == 404
    # 가산동 staff: the application is of 독산1동.
    client.force_login(other_dong_staff)
    assert client.get(reverse("grants:staff_check", args=[paid.pk])).status_code == 404


def test_district_staff_approve_the_settlement_on_the_desk(client, paid, resident, district_staff):
    expense = _expense(paid, resident)
    now = timezone.now()
    spending.mark_expenses(
        application=paid,
        marks={expense.pk: (CheckMark.CONFIRMED, "")},
        staff=district_staff,
        now=now,
        ip=None,
    )
    settlement.submit_settlement(application=paid, report="잘 마쳤습니다.", user=resident, now=now)
    client.force_login(district_staff)
    desk = client.get(
        reverse("grants:staff_application", args=[paid.pk]), HTTP_ACCEPT_LANGUAGE="ko"
    )
    assert "정산 승인" in desk.content.decode()
    back = client.post(reverse("grants:staff_send_back_settlement", args=[paid.pk]), {"note": ""})
    assert back.status_code == 400
    approve = client.post(reverse("grants:staff_approve_settlement", args=[paid.pk]))
    assert approve.status_code == 302
    done = Settlement.objects.get()
    assert (done.accepted_total, done.return_amount) == (400_000, 1_600_000)
    evaluation = client.post(reverse("grants:staff_evaluate", args=[paid.pk]), {"score": "101"})
    assert evaluation.status_code == 400
    assert (
        client.post(reverse("grants:staff_evaluate", args=[paid.pk]), {"score": "90"}).status_code
        == 302
    )
    returned = client.post(
        reverse("grants:staff_return", args=[paid.pk]),
        {"returned_on": timezone.localdate().isoformat()},
    )
    assert returned.status_code == 302
    client.force_login(resident)
    page = client.get(reverse("grants:application", args=[paid.pk]), HTTP_ACCEPT_LANGUAGE="ko")
    assert "1,600,000원" in page.content.decode() and "100점 만점에 90점" in page.content.decode()
