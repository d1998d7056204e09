"""Phone numbers: normalised, encrypted at rest, looked up by a keyed hash, masked."""

import re
from datetime import date

import pytest
from django.db import connection
from django.utils import timezone

from maeul.accounts import phone
from maeul.accounts.models import PhoneCode, User
from maeul.accounts.verification.phone_code import confirm_phone_code, send_phone_code
from maeul.accounts.verification.sms import OutboxSMSBackend
from maeul.core.errors import RuleViolation
from tests.korean import korean

NUMBER = "01048213957"


@pytest.mark.parametrize(
    "raw",
    [
        "010-4821-3957",
        "01048213957",
        "010 4821 3957",
        "(010) 4821-3957",
        "+82 10-4821-3957",
        "+821048213957",
        " 010.4821.3957 ",
    ],
)
def test_normalize_keeps_digits_with_a_leading_zero(raw):
    assert phone.normalize(raw) == NUMBER


def test_normalize_accepts_old_ten_digit_mobile_numbers():
    assert phone.normalize("011-234-5678") == "0112345678"


@pytest.mark.parametrize(
    "raw", ["", "02-2627-2114", "010-1234", "010-1234-56789", "010-abcd-5678", "1048213957"]
)
def test_normalize_refuses_what_is_not_a_mobile_number(raw):
    with pytest.raises(RuleViolation) as refused:
        phone.normalize(raw)

    assert refused.value.code == "phone"
    assert refused.value.message == korean("Enter a mobile phone number such as 010-1234-5678.")


def test_encrypt_hides_the_number_and_decrypt_restores_it():
    token = phone.encrypt(NUMBER)

    assert NUMBER not in token
    assert "48213957" not in token
    assert phone.decrypt(token) == NUMBER
    assert phone.encrypt(NUMBER) != token  # a fresh nonce each time


def test_decrypt_of_a_foreign_token_gives_none(settings):
    token = phone.encrypt(NUMBER)

    assert phone.decrypt("not-a-token") is None
    settings.MAEUL_DATA_KEY = "another-key"
    assert phone.decrypt(token) is None


def test_lookup_hash_is_stable_keyed_and_distinct(settings):
    digest = phone.lookup_hash(NUMBER)

    assert re.fullmatch(r"[0-9a-f]{64}", digest)
    assert phone.lookup_hash(NUMBER) == digest
    assert phone.lookup_hash("01048213958") != digest
    settings.MAEUL_DATA_KEY = "another-key"
    assert phone.lookup_hash(NUMBER) != digest


def test_mask_shows_only_the_last_four_digits():
    assert phone.mask(NUMBER) == "010-****-3957"


def _text_cells(table: str) -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608
        return [str(cell) for row in cursor.fetchall() for cell in row if cell is not None]


def test_database_holds_no_plain_phone_number_of_a_verified_user(unverified_resident):
    now = timezone.now()
    send_phone_code(
        user=unverified_resident,
        raw_phone="010-4821-3957",
        name="김독산",
        birth_date=date(1984, 6, 2),
        ip=None,
        now=now,
    )
    code = re.search(r"\d{6}", OutboxSMSBackend.outbox[-1][1]).group()
    confirm_phone_code(user=unverified_resident, code=code, now=now)

    user = User.objects.get(pk=unverified_resident.pk)
    assert user.is_verified
    assert user.phone_enc
    assert NUMBER not in user.phone_enc
    assert phone.decrypt(user.phone_enc) == NUMBER
    assert user.phone_hmac == phone.lookup_hash(NUMBER)
    cells = _text_cells(User._meta.db_table) + _text_cells(PhoneCode._meta.db_table)
    assert PhoneCode.objects.exists()
    for forms_of_the_number in (NUMBER, "010-4821-3957", "48213957", "4821-3957"):
        assert not [cell for cell in cells if forms_of_the_number in cell]
