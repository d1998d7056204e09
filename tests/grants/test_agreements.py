"""The grant agreement (협약) and the payments (교부) of a selected application: who may
record them, the amounts (agreed ≤ granted, paid ≤ agreed, refused with nothing stored), the
account number stored only encrypted and absent from the audit log, the representative's
export, the API and the admin."""

from datetime import timedelta

import pytest
from django.db import connection
from django.utils import translation

from maeul.core.errors import RuleViolation
from maeul.core.models import AuditEntry
from maeul.grants.models import Disbursement, GrantAgreement
from tests.grants.conftest import ACCOUNT, AFTER, DIGITS, agree, pay
from tests.korean import HANGUL

pytestmark = pytest.mark.django_db


def refusal(call_service) -> str:
    with translation.override("ko"), pytest.raises(RuleViolation) as caught:
        call_service()
    assert HANGUL.search(caught.value.message), caught.value.message
    return caught.value.message


def test_staff_record_the_agreement_and_partial_payments(selected, district_staff):
    agreement = agree(selected, district_staff)
    pay(selected, district_staff, 1_500_000)
    pay(selected, district_staff, 1_000_000, note="2차 교부")

    agreement.refresh_from_db()
    assert (agreement.amount, agreement.disbursed, agreement.remaining) == (2_500_000, 2_500_000, 0)
    assert agreement.masked_account == "***-***-7890"
    assert DIGITS not in agreement.account_enc
    actions = list(AuditEntry.objects.values_list("action", flat=True).order_by("pk"))
    assert actions[-3:] == ["grants.agreement_create", "grants.disburse", "grants.disburse"]


def test_only_a_selected_application_gets_an_agreement(garden, district_staff):
    message = refusal(lambda: agree(garden, district_staff))
    assert "선정" in message
    assert not GrantAgreement.objects.exists()


def test_staff_of_another_district_are_refused(selected, other_district_staff):
    refusal(lambda: agree(selected, other_district_staff))
    assert not GrantAgreement.objects.exists()


@pytest.mark.parametrize(
    ("overrides", "field", "expected"),
    [
        ({"amount": 2_500_001}, "amount", "교부 결정액"),
        ({"amount": None}, "amount", "금액"),
        ({"conditions": "대표 주민번호 900101-1234567"}, "conditions", "주민등록번호"),
        ({"account": "12-34"}, "account", "계좌"),
        ({"bank": " "}, "bank", "은행"),
        ({"signed_at": AFTER.date() + timedelta(days=1)}, "signed_at", "미래"),
    ],
)
def test_bad_agreements_are_refused_and_nothing_is_stored(
    selected, district_staff, overrides, field, expected
):
    with translation.override("ko"), pytest.raises(RuleViolation) as caught:
        agree(selected, district_staff, **overrides)
    assert expected in caught.value.message
    assert caught.value.field == field
    assert not GrantAgreement.objects.exists()
    assert not AuditEntry.objects.filter(action="grants.agreement_create").exists()


def test_a_second_agreement_is_refused(selected, district_staff):
    agree(selected, district_staff)
    refusal(lambda: agree(selected, district_staff))
    assert GrantAgreement.objects.count() == 1


def test_payments_never_exceed_the_amount_agreed(selected, district_staff):
    agree(selected, district_staff, amount=2_000_000)
    pay(selected, district_staff, 1_500_000)

    message = refusal(lambda: pay(selected, district_staff, 500_001))

    assert "500,000" in message
    assert Disbursement.objects.count() == 1
    assert AuditEntry.objects.filter(action="grants.disburse").count() == 1


def test_no_payment_before_the_agreement(selected, district_staff):
    message = refusal(lambda: pay(selected, district_staff, 1_000))
    assert "협약" in message
    assert not Disbursement.objects.exists()


def test_a_resident_number_in_the_note_is_refused(selected, district_staff):
    agree(selected, district_staff)
    refusal(lambda: pay(selected, district_staff, 1_000, note="900101-1234567"))
    assert not Disbursement.objects.exists()


def test_the_account_number_is_nowhere_in_plain_text(
    client, selected, district_staff, resident, site_admin, call
):
    from maeul.privacy.export import personal_data

    agree(selected, district_staff)
    pay(selected, district_staff, 1_000_000)

    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM grants_grantagreement")
        stored = str(cursor.fetchall())
    audit_rows = str(list(AuditEntry.objects.values()))
    with translation.override("ko"):
        export = str(personal_data(user=resident, now=AFTER))
    urls = [f"/api/grant-calls/{call.pk}", "/api/grant-applications"]
    admin_urls = [
        "/admin/grants/grantagreement/",
        "/admin/grants/application/",
        f"/admin/grants/grantagreement/{selected.agreement.pk}/change/",
    ]
    responses = [client.get(url) for url in urls]
    client.force_login(site_admin)
    responses += [client.get(url) for url in admin_urls]
    assert [r.status_code for r in responses] == [200] * 5
    pages = "".join(r.content.decode() for r in responses)
    assert "농협" in pages  # the agreement is in the admin, its account is not

    assert "***-***-7890" in export
    for text in (stored, audit_rows, export, pages):
        assert DIGITS not in text and ACCOUNT not in text
