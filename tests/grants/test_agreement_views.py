"""The agreement (협약) and payments (교부) through the client: staff record them on the
application desk (a refusal shown beside its field, nothing stored), the representative
reads the agreement, what was paid and what remains on their page, the account masked."""

import pytest
from django.urls import reverse
from django.utils import timezone

from maeul.grants.models import Disbursement, GrantAgreement

pytestmark = pytest.mark.django_db
DIGITS = "110234567890"


def test_staff_record_the_agreement_and_a_disbursement_on_the_desk(
    client, selected_now, district_staff
):
    client.force_login(district_staff)
    desk = reverse("grants:staff_application", args=[selected_now.pk])
    assert 'action="/staff/grants/applications/' in client.get(desk).content.decode()
    url = reverse("grants:staff_agreement", args=[selected_now.pk])
    today = timezone.localdate().isoformat()
    data = {
        "amount": "2,500,001",
        "signed_at": today,
        "conditions": "정산은 30일 안에 합니다.",
        "bank": "농협",
        "account": "110-234-567890",
    }

    refused = client.post(url, data, HTTP_ACCEPT_LANGUAGE="ko")
    assert refused.status_code == 400
    body = refused.content.decode()
    field = body[body.index('id="id_amount"') :]
    assert field.index("교부 결정액보다 많을 수 없습니다") < field.index('id="id_signed_at"')
    assert not GrantAgreement.objects.exists()

    assert client.post(url, {**data, "amount": "2,500,000"}).status_code == 302
    page = client.get(desk, HTTP_ACCEPT_LANGUAGE="ko").content.decode()
    assert "***-***-7890" in page and DIGITS not in page and "110-234-567890" not in page

    pay = reverse("grants:staff_disburse", args=[selected_now.pk])
    over = client.post(pay, {"amount": "3,000,000", "paid_at": today}, HTTP_ACCEPT_LANGUAGE="ko")
    assert over.status_code == 400
    assert "2,500,000원입니다" in over.content.decode()
    assert client.post(pay, {"amount": "1,000,000", "paid_at": today}).status_code == 302
    assert Disbursement.objects.get().amount == 1_000_000


def test_the_representative_reads_the_agreement_masked(
    client, selected_now, district_staff, resident
):
    from maeul.grants.services.agreements import create_agreement, record_disbursement

    now = timezone.now()
    create_agreement(
        application=selected_now,
        amount=2_000_000,
        conditions="현수막에 구청 로고를 넣습니다.",
        signed_at=now.date(),
        bank="농협",
        account="110-234-567890",
        staff=district_staff,
        now=now,
        ip=None,
    )
    record_disbursement(
        application=selected_now,
        amount=1_200_000,
        paid_at=now.date(),
        note="1차",
        staff=district_staff,
        now=now,
        ip=None,
    )

    client.force_login(resident)
    page = client.get(
        reverse("grants:application", args=[selected_now.pk]), HTTP_ACCEPT_LANGUAGE="ko"
    )
    body = page.content.decode()
    assert "현수막에 구청 로고를 넣습니다." in body
    assert "1,200,000" in body and "800,000" in body  # paid so far, remaining
    assert "***-***-7890" in body and DIGITS not in body


def test_a_reviewer_cannot_record_an_agreement(client, selected_now, committee_member):
    client.force_login(committee_member)
    url = reverse("grants:staff_agreement", args=[selected_now.pk])
    response = client.post(url, {"amount": "1,000,000", "bank": "농협", "account": DIGITS})
    assert response.status_code in (403, 404)
    assert not GrantAgreement.objects.exists()
