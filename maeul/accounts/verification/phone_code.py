"""The phone one-time-code backend: send a code, check a code.

Like a 본인확인 service, it also takes the person's name and full birth date with the
number; on success the account keeps their keyed hash (`person_hmac`, never the plain
values) and the birth year, so a ballot-box check of the same person meets the account.

Codes are six digits, valid for ten minutes, stored only as a salted hash; five wrong
tries void the code. Sends are rate-limited per account, per phone number and per IP
address in the shared cache, so the limit holds across all server processes.
"""

import secrets
from datetime import date, datetime, timedelta

from django.contrib.auth.hashers import check_password, make_password
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from maeul.accounts import phone as phones
from maeul.accounts.models import PhoneCode, User, VerificationMethod
from maeul.accounts.person import checked_person_hash
from maeul.accounts.verification.sms import get_backend
from maeul.core.dates import local_date
from maeul.core.errors import RuleViolation
from maeul.core.ratelimit import refuse_over_limit

CODE_LIFETIME = timedelta(minutes=10)
MAX_FAILED_ATTEMPTS = 5
# (window in seconds, sends allowed in it)
SEND_LIMITS = ((60, 1), (3600, 5))
IP_SEND_LIMIT = (3600, 30)


def _check_send_rate(*, user: User, phone_hmac: str, ip: str | None) -> None:
    """Count one send against each limit in turn (the person's and the phone's, by the minute
    then by the hour, then the address's); refused at the first limit reached."""
    buckets = [f"phone-send:user:{user.pk}", f"phone-send:phone:{phone_hmac}"]
    limits = [(bucket, window, allowed) for window, allowed in SEND_LIMITS for bucket in buckets]
    if ip:
        limits.append((f"phone-send:ip:{ip}", *IP_SEND_LIMIT))
    for bucket, window, allowed in limits:
        refuse_over_limit(
            bucket,
            window=window,
            allowed=allowed,
            message=_("Too many codes were requested. Please try again in a while."),
        )


def send_phone_code(
    *,
    user: User,
    raw_phone: str,
    name: str,
    birth_date: date,
    ip: str | None,
    now: datetime,
) -> PhoneCode:
    """Send a new code to `raw_phone`, voiding earlier live codes of this account.

    `name` and `birth_date` are the person's as the phone's 본인확인 names them.
    """
    if user.is_verified:
        raise RuleViolation(_("Your account is already verified."), code="already_verified")
    person = checked_person_hash(name, birth_date, today=local_date(now))
    number = phones.normalize(raw_phone)
    digest = phones.lookup_hash(number)
    # Count the attempt before answering "taken", so that nobody can probe at will which
    # phone numbers have an account here.
    _check_send_rate(user=user, phone_hmac=digest, ip=ip)
    if User.objects.filter(phone_hmac=digest).exclude(pk=user.pk).exists():
        raise RuleViolation(
            _("This phone number has already verified another account."), code="phone_taken"
        )
    code = f"{secrets.randbelow(1_000_000):06d}"
    with transaction.atomic():
        PhoneCode.objects.filter(user=user, used_at=None, voided_at=None).update(voided_at=now)
        record = PhoneCode.objects.create(
            user=user,
            phone_enc=phones.encrypt(number),
            phone_hmac=digest,
            code_hash=make_password(code),
            person_hmac=person,
            birth_year=birth_date.year,
            created_at=now,
            expires_at=now + CODE_LIFETIME,
        )
    get_backend().send(
        to=number, text=_("[Maeul] Your verification code is %(code)s.") % {"code": code}
    )
    return record


def confirm_phone_code(*, user: User, code: str, now: datetime) -> User:
    """Check `code` against the account's live code; on success the account is verified.

    A wrong code is counted (and the count committed) before the refusal is raised, so
    the fifth wrong try voids the code even though the caller sees an error.
    """
    failure = _check_code(user=user, code=(code or "").strip(), now=now)
    if failure is not None:
        raise failure
    return User.objects.get(pk=user.pk)


def _check_code(*, user: User, code: str, now: datetime) -> RuleViolation | None:
    with transaction.atomic():
        record = (
            PhoneCode.objects.select_for_update()
            .filter(user=user, used_at=None, voided_at=None)
            .order_by("-created_at")
            .first()
        )
        if record is None or not record.is_live(now):
            return RuleViolation(
                _("There is no valid code. Please request a new one."), code="no_code", field="code"
            )
        if not check_password(code, record.code_hash):
            record.failed_attempts += 1
            if record.failed_attempts >= MAX_FAILED_ATTEMPTS:
                record.voided_at = now
            record.save(update_fields=["failed_attempts", "voided_at"])
            if record.voided_at:
                return RuleViolation(
                    _(
                        "The code was entered wrongly five times and is now void. "
                        "Please request a new one."
                    ),
                    code="code_void",
                    field="code",
                )
            return RuleViolation(
                _("The code is not correct. %(left)d tries left.")
                % {"left": MAX_FAILED_ATTEMPTS - record.failed_attempts},
                code="wrong_code",
                field="code",
            )
        record.used_at = now
        record.save(update_fields=["used_at"])
        stored = User.objects.select_for_update().get(pk=user.pk)
        # A code sent before codes carried a birth year leaves the declared one alone.
        birth_fields = stored.set_birth_year(record.birth_year, at=now) if record.birth_year else []
        try:
            with transaction.atomic():
                User.objects.filter(pk=user.pk).update(
                    phone_enc=record.phone_enc,
                    phone_hmac=record.phone_hmac,
                    person_hmac=record.person_hmac,
                    verified_at=now,
                    verification_method=VerificationMethod.PHONE,
                    verified_by=None,
                    **{field: getattr(stored, field) for field in birth_fields},
                )
        except IntegrityError:
            # Another account verified the same number between our send and this check.
            # The caller's `user` is left as it was: still unverified, without the number.
            return RuleViolation(
                _("This phone number has already verified another account."),
                code="phone_taken",
                field="code",
            )
    user.phone_enc = record.phone_enc
    user.phone_hmac = record.phone_hmac
    user.person_hmac = record.person_hmac
    if record.birth_year:
        user.set_birth_year(record.birth_year, at=now)
    user.mark_verified(method=VerificationMethod.PHONE, at=now)
    return None
