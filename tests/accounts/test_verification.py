"""Verification (본인인증): a phone one-time code, or staff checking the person in person."""

import re
from datetime import date, timedelta

import pytest
from django.conf import settings
from django.core.cache import cache
from django.utils import timezone

from maeul.accounts import phone
from maeul.accounts.models import PhoneCode, User, VerificationMethod
from maeul.accounts.verification.in_person import verify_in_person
from maeul.accounts.verification.phone_code import confirm_phone_code, send_phone_code
from maeul.accounts.verification.sms import OutboxSMSBackend
from maeul.core.errors import RuleViolation
from maeul.core.models import AuditEntry, RateCounter
from tests.factories import DongTieFactory, UserFactory
from tests.korean import korean

RAW_PHONE = "010-4821-3957"
NUMBER = "01048213957"
NAME = "김독산"
BIRTH_DATE = date(1984, 6, 2)


def _send(user, *, now=None, raw_phone=RAW_PHONE, ip="198.51.100.4"):
    send_phone_code(
        user=user,
        raw_phone=raw_phone,
        name=NAME,
        birth_date=BIRTH_DATE,
        ip=ip,
        now=now or timezone.now(),
    )
    _to, text = OutboxSMSBackend.outbox[-1]
    return re.search(r"(?<!\d)(\d{6})(?!\d)", text).group(1)


def _a_minute_later():
    """The send limits count in the shared store; emptying it is the minute passing."""
    cache.clear()
    RateCounter.objects.all().delete()


def _wrong(code: str) -> str:
    return f"{(int(code) + 1) % 1_000_000:06d}"


def test_send_delivers_a_six_digit_code_to_the_number(unverified_resident):
    code = _send(unverified_resident)

    to, text = OutboxSMSBackend.outbox[-1]
    assert to == NUMBER
    assert code in text
    record = PhoneCode.objects.get(user=unverified_resident)
    assert record.phone_hmac == phone.lookup_hash(NUMBER)
    assert code not in record.code_hash
    assert record.expires_at - record.created_at == timedelta(minutes=10)


def test_confirm_with_the_code_verifies_the_account(unverified_resident):
    now = timezone.now()
    code = _send(unverified_resident, now=now)

    confirm_phone_code(user=unverified_resident, code=code, now=now + timedelta(minutes=9))

    user = User.objects.get(pk=unverified_resident.pk)
    assert user.is_verified
    assert user.verification_method == VerificationMethod.PHONE
    assert user.phone_hmac == phone.lookup_hash(NUMBER)
    assert phone.decrypt(user.phone_enc) == NUMBER
    assert PhoneCode.objects.get(user=user).used_at is not None


def test_a_used_code_cannot_be_used_again(unverified_resident):
    now = timezone.now()
    code = _send(unverified_resident, now=now)
    confirm_phone_code(user=unverified_resident, code=code, now=now)

    with pytest.raises(RuleViolation) as refused:
        confirm_phone_code(user=unverified_resident, code=code, now=now)

    assert refused.value.code == "no_code"


def test_wrong_code_counts_down_the_tries(unverified_resident):
    code = _send(unverified_resident)

    with pytest.raises(RuleViolation) as refused:
        confirm_phone_code(user=unverified_resident, code=_wrong(code), now=timezone.now())

    assert refused.value.code == "wrong_code"
    assert refused.value.message == korean("The code is not correct. %(left)d tries left.", left=4)
    assert PhoneCode.objects.get(user=unverified_resident).failed_attempts == 1


def test_five_wrong_codes_void_the_code_until_a_new_one_is_requested(unverified_resident):
    now = timezone.now()
    code = _send(unverified_resident, now=now)

    codes = []
    for _try in range(5):
        with pytest.raises(RuleViolation) as refused:
            confirm_phone_code(user=unverified_resident, code=_wrong(code), now=now)
        codes.append(refused.value.code)
    assert codes == ["wrong_code"] * 4 + ["code_void"]
    assert refused.value.message == korean(
        "The code was entered wrongly five times and is now void. Please request a new one."
    )
    assert PhoneCode.objects.get(user=unverified_resident).voided_at is not None

    with pytest.raises(RuleViolation) as refused:
        confirm_phone_code(user=unverified_resident, code=code, now=now)

    assert refused.value.code == "no_code"
    assert refused.value.message == korean("There is no valid code. Please request a new one.")
    assert "새 인증번호" in refused.value.message
    assert not User.objects.get(pk=unverified_resident.pk).is_verified

    _a_minute_later()
    new_code = _send(unverified_resident, now=now)
    confirm_phone_code(user=unverified_resident, code=new_code, now=now)

    assert User.objects.get(pk=unverified_resident.pk).is_verified


def test_expired_code_is_refused(unverified_resident):
    now = timezone.now()
    code = _send(unverified_resident, now=now)

    with pytest.raises(RuleViolation) as refused:
        confirm_phone_code(user=unverified_resident, code=code, now=now + timedelta(minutes=10))

    assert refused.value.code == "no_code"
    assert not User.objects.get(pk=unverified_resident.pk).is_verified


def test_a_new_code_voids_the_previous_one(unverified_resident):
    now = timezone.now()
    first = _send(unverified_resident, now=now)
    _a_minute_later()
    second = _send(unverified_resident, now=now)

    if first != second:
        with pytest.raises(RuleViolation):
            confirm_phone_code(user=unverified_resident, code=first, now=now)
    confirm_phone_code(user=unverified_resident, code=second, now=now)

    assert User.objects.get(pk=unverified_resident.pk).is_verified


def test_phone_number_that_verified_an_account_cannot_be_sent_to_for_another(
    unverified_resident, neighbour
):
    now = timezone.now()
    confirm_phone_code(user=unverified_resident, code=_send(unverified_resident), now=now)
    _a_minute_later()
    other = UserFactory()

    with pytest.raises(RuleViolation) as refused:
        send_phone_code(
            user=other,
            raw_phone="+82 10 4821 3957",
            name=NAME,
            birth_date=BIRTH_DATE,
            ip=None,
            now=now,
        )

    assert refused.value.code == "phone_taken"
    assert refused.value.message == korean(
        "This phone number has already verified another account."
    )
    assert not PhoneCode.objects.filter(user=other).exists()


def test_probing_whether_a_number_is_taken_is_rate_limited(unverified_resident):
    now = timezone.now()
    confirm_phone_code(user=unverified_resident, code=_send(unverified_resident), now=now)
    _a_minute_later()
    prober = UserFactory()
    with pytest.raises(
        RuleViolation, match=korean("This phone number has already verified another account.")
    ):
        send_phone_code(
            user=prober, raw_phone=RAW_PHONE, name=NAME, birth_date=BIRTH_DATE, ip=None, now=now
        )

    with pytest.raises(RuleViolation) as refused:
        send_phone_code(
            user=prober,
            raw_phone="010-4821-3957",
            name=NAME,
            birth_date=BIRTH_DATE,
            ip=None,
            now=now,
        )

    assert refused.value.code == "rate_limited"


def test_two_accounts_racing_with_one_number_verify_only_the_first(unverified_resident):
    now = timezone.now()
    other = UserFactory()
    first_code = _send(unverified_resident, now=now)
    _a_minute_later()
    second_code = _send(other, now=now)  # both codes are live for the same number

    confirm_phone_code(user=unverified_resident, code=first_code, now=now)
    with pytest.raises(RuleViolation) as refused:
        confirm_phone_code(user=other, code=second_code, now=now)

    assert refused.value.code == "phone_taken"
    assert User.objects.get(pk=unverified_resident.pk).is_verified
    loser = User.objects.get(pk=other.pk)
    assert not loser.is_verified
    assert loser.phone_hmac is None
    assert loser.phone_enc == ""
    assert not other.is_verified, "the caller's copy of the account is not left verified"
    assert User.objects.filter(phone_hmac=phone.lookup_hash(NUMBER)).count() == 1


def test_already_verified_account_cannot_ask_for_a_code(resident):
    with pytest.raises(RuleViolation) as refused:
        send_phone_code(
            user=resident,
            raw_phone=RAW_PHONE,
            name=NAME,
            birth_date=BIRTH_DATE,
            ip=None,
            now=timezone.now(),
        )

    assert refused.value.code == "already_verified"
    assert OutboxSMSBackend.outbox == []


def test_second_send_within_a_minute_is_refused(unverified_resident):
    _send(unverified_resident)

    with pytest.raises(RuleViolation) as refused:
        _send(unverified_resident)

    assert refused.value.code == "rate_limited"
    assert refused.value.message == korean(
        "Too many codes were requested. Please try again in a while."
    )
    assert len(OutboxSMSBackend.outbox) == 1
    assert PhoneCode.objects.filter(user=unverified_resident).count() == 1


def test_one_number_is_limited_across_accounts(unverified_resident):
    _send(unverified_resident)

    with pytest.raises(RuleViolation) as refused:
        _send(UserFactory())

    assert refused.value.code == "rate_limited"


def test_one_address_is_limited_across_accounts_and_numbers(db):
    for n in range(30):
        _send(UserFactory(), raw_phone=f"010-5555-{n:04d}", ip="203.0.113.9")

    with pytest.raises(RuleViolation) as refused:
        _send(UserFactory(), raw_phone="010-5555-9999", ip="203.0.113.9")

    assert refused.value.code == "rate_limited"


def test_send_limits_live_in_the_shared_database_store(unverified_resident):
    if settings.REDIS_URL:
        pytest.skip("with MAEUL_REDIS_URL the counts live in Redis")
    _send(unverified_resident)

    keys = list(RateCounter.objects.values_list("key", flat=True))

    assert any(key == f"phone-send:user:{unverified_resident.pk}" for key in keys), keys
    assert not any(NUMBER in key for key in keys)


# --- In person ------------------------------------------------------------------------


def test_dong_staff_verifies_a_resident_of_their_dong(dong_staff, unverified_resident):
    now = timezone.now()

    verify_in_person(
        staff=dong_staff,
        resident=unverified_resident,
        name=NAME,
        birth_date=BIRTH_DATE,
        ip="203.0.113.5",
        now=now,
    )

    user = User.objects.get(pk=unverified_resident.pk)
    assert user.verified_at == now
    assert user.verification_method == VerificationMethod.IN_PERSON
    assert user.verified_by == dong_staff
    entry = AuditEntry.objects.get()
    assert entry.actor == dong_staff
    assert entry.action == "accounts.verify_in_person"
    assert entry.target_id == str(user.pk)
    assert entry.created_at == now
    assert entry.ip_address == "203.0.113.5"
    assert entry.changes["verification_method"] == ["", "in_person"]
    assert entry.changes["verified_by"] == [None, dong_staff.pk]


def test_district_staff_verifies_a_resident_of_any_dong_of_the_district(district_staff, geumcheon):
    person = UserFactory()
    DongTieFactory(user=person, dong=geumcheon.dongs.get(name="시흥5동"))

    verify_in_person(
        staff=district_staff,
        resident=person,
        name=NAME,
        birth_date=BIRTH_DATE,
        ip=None,
        now=timezone.now(),
    )

    assert User.objects.get(pk=person.pk).verified_by == district_staff


def test_other_dong_staff_cannot_verify_and_nothing_changes(other_dong_staff, unverified_resident):
    with pytest.raises(RuleViolation) as refused:
        verify_in_person(
            staff=other_dong_staff,
            resident=unverified_resident,
            name=NAME,
            birth_date=BIRTH_DATE,
            ip="203.0.113.5",
            now=timezone.now(),
        )

    assert refused.value.code == "forbidden"
    assert refused.value.message == korean(
        "This is outside the dongs and districts you are responsible for."
    )
    user = User.objects.get(pk=unverified_resident.pk)
    assert not user.is_verified
    assert user.verified_by is None
    assert not AuditEntry.objects.exists()


def test_verified_account_is_not_verified_twice(dong_staff, resident):
    first = resident.verified_at

    with pytest.raises(RuleViolation) as refused:
        verify_in_person(
            staff=dong_staff,
            resident=resident,
            name=NAME,
            birth_date=BIRTH_DATE,
            ip=None,
            now=timezone.now(),
        )

    assert refused.value.code == "already_verified"
    assert User.objects.get(pk=resident.pk).verified_at == first
    assert not AuditEntry.objects.exists()
