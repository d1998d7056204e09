"""Each account page once through the client: render, change, refuse."""

import re

import pytest
from django.contrib.auth import SESSION_KEY
from django.core import mail

from maeul.accounts.models import DongTie, PhoneCode, TieKind, User, VerificationMethod
from maeul.accounts.verification.sms import OutboxSMSBackend
from maeul.core.models import AuditEntry, UserSession
from tests.conftest import SIGNUP_CONSENTS
from tests.korean import assert_shows, korean, page_text

PROFILE = "/me/"
ADD_TIE = "/me/ties/"
VERIFY_PHONE = "/me/verify/"
VERIFY_CODE = "/me/verify/code/"
STAFF_VERIFY = "/staff/verify/"
# The name and birth date as 본인확인 or the identity card give them.
PERSON = {"name": "김독산", "birth_date": "1984-06-02"}


def _state(user: User) -> tuple[object, ...]:
    user = User.objects.get(pk=user.pk)
    return (user.display_name, user.birth_year, user.is_staff, user.is_superuser, user.verified_at)


# --- Profile ----------------------------------------------------------------------------


def test_anonymous_is_sent_to_log_in(client, db):
    response = client.get(PROFILE)

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


def test_profile_renders(client, resident):
    client.force_login(resident)

    response = client.get(PROFILE)

    assert response.status_code == 200
    page = page_text(response)
    assert "독산1동" in page
    assert resident.email in page
    assert_shows(response, "My profile")


def test_profile_saves_name_and_birth_year(client, unverified_resident):
    client.force_login(unverified_resident)

    response = client.post(PROFILE, {"display_name": " 독산 토박이 ", "birth_year": "1968"})

    assert response.status_code == 302
    assert response["Location"] == PROFILE
    unverified_resident.refresh_from_db()
    assert (unverified_resident.display_name, unverified_resident.birth_year) == (
        "독산 토박이",
        1968,
    )
    assert unverified_resident.birth_year_changed_at is not None
    assert_shows(client.get(PROFILE), "Your profile was saved.")


def test_profile_refuses_a_future_birth_year(client, unverified_resident):
    resident = unverified_resident
    client.force_login(resident)
    before = _state(resident)

    response = client.post(PROFILE, {"display_name": "바뀐 이름", "birth_year": "2099"})

    assert response.status_code == 200
    assert response.context["form"].errors["birth_year"]
    assert_shows(response, "Enter a birth year between 1900 and this year.")
    assert _state(resident) == before


def test_profile_refuses_a_birth_year_that_is_not_a_number(client, unverified_resident):
    resident = unverified_resident
    client.force_login(resident)
    before = _state(resident)

    response = client.post(PROFILE, {"display_name": "바뀐 이름", "birth_year": "천구백"})

    assert response.status_code == 200
    assert response.context["form"].errors["birth_year"]
    assert_shows(response, "Enter a whole number.")
    assert _state(resident) == before


def test_profile_ignores_fields_it_does_not_offer(client, unverified_resident):
    client.force_login(unverified_resident)

    response = client.post(
        PROFILE,
        {
            "display_name": "새 이름",
            "birth_year": "1990",
            "is_staff": "1",
            "is_superuser": "1",
            "verified_at": "2026-01-01T00:00:00+09:00",
            "verification_method": "in_person",
            "email": "taken-over@example.kr",
            "is_active": "0",
        },
    )

    assert response.status_code == 302
    user = User.objects.get(pk=unverified_resident.pk)
    assert user.display_name == "새 이름"
    assert not user.is_staff
    assert not user.is_superuser
    assert user.verified_at is None
    assert user.verification_method == ""
    assert user.email == "new@example.kr"
    assert user.is_active


# --- Dong ties --------------------------------------------------------------------------


def test_add_tie(client, resident, gasan):
    client.force_login(resident)

    response = client.post(ADD_TIE, {"dong": gasan.pk, "kind": TieKind.WORKS})

    assert response.status_code == 302
    assert DongTie.objects.filter(user=resident, dong=gasan, kind=TieKind.WORKS).exists()
    assert_shows(client.get(PROFILE), "The dong tie was added.")


def test_add_the_same_tie_twice_is_refused(client, resident, doksan1):
    client.force_login(resident)

    response = client.post(ADD_TIE, {"dong": doksan1.pk, "kind": TieKind.LIVES})

    assert response.status_code == 400
    assert_shows(response, "You have already added this tie.")
    assert DongTie.objects.filter(user=resident).count() == 1


def test_add_tie_without_a_dong_is_refused(client, resident):
    client.force_login(resident)

    response = client.post(ADD_TIE, {"kind": TieKind.LIVES})

    assert response.status_code == 400
    assert response.context["tie_form"].errors["dong"]
    assert_shows(response, "This field is required.")
    assert DongTie.objects.filter(user=resident).count() == 1


def test_add_tie_by_get_is_not_allowed(client, resident):
    client.force_login(resident)

    assert client.get(ADD_TIE).status_code == 405


def test_delete_own_tie(client, resident):
    client.force_login(resident)
    tie = resident.dong_ties.get()

    response = client.post(f"/me/ties/{tie.pk}/delete/")

    assert response.status_code == 302
    tie.refresh_from_db()
    assert tie.ended_at is not None  # ended, kept as history
    assert not resident.dong_ties.current().exists()
    profile = client.get(PROFILE)
    assert_shows(profile, "The dong tie was removed.")
    assert_shows(profile, "You have not added a dong yet.")


def test_deleting_another_persons_tie_is_refused(client, resident, neighbour):
    client.force_login(resident)
    tie = neighbour.dong_ties.get()

    response = client.post(f"/me/ties/{tie.pk}/delete/", follow=True)

    assert response.status_code == 200
    assert_shows(response, "This tie does not exist.")
    assert DongTie.objects.filter(pk=tie.pk, user=neighbour).exists()
    assert DongTie.objects.count() == 2


def test_delete_tie_by_get_is_not_allowed(client, resident):
    client.force_login(resident)
    tie = resident.dong_ties.get()

    assert client.get(f"/me/ties/{tie.pk}/delete/").status_code == 405
    assert DongTie.objects.filter(pk=tie.pk).exists()


# --- Phone verification ----------------------------------------------------------------


def test_verify_phone_page_renders(client, unverified_resident):
    client.force_login(unverified_resident)

    response = client.get(VERIFY_PHONE)

    assert response.status_code == 200
    assert_shows(response, "Verify with my phone")


def test_verify_phone_sends_a_code(client, unverified_resident):
    client.force_login(unverified_resident)

    response = client.post(VERIFY_PHONE, {"phone": "010-4821-3957", **PERSON})

    assert response.status_code == 302
    assert response["Location"] == VERIFY_CODE
    assert PhoneCode.objects.filter(user=unverified_resident).count() == 1
    assert OutboxSMSBackend.outbox[-1][0] == "01048213957"
    assert_shows(client.get(VERIFY_CODE), "We sent a code. Enter it within ten minutes.")


def test_verify_phone_refuses_a_landline(client, unverified_resident):
    client.force_login(unverified_resident)

    response = client.post(VERIFY_PHONE, {"phone": "02-2627-2114", **PERSON})

    assert response.status_code == 400
    assert_shows(response, "Enter a mobile phone number such as 010-1234-5678.")
    assert not PhoneCode.objects.exists()
    assert OutboxSMSBackend.outbox == []


def test_verify_phone_twice_in_a_minute_is_throttled(client, unverified_resident):
    client.force_login(unverified_resident)
    client.post(VERIFY_PHONE, {"phone": "010-4821-3957", **PERSON})

    response = client.post(VERIFY_PHONE, {"phone": "010-4821-3957", **PERSON})

    assert response.status_code == 429
    assert_shows(response, "Too many codes were requested. Please try again in a while.")
    assert PhoneCode.objects.count() == 1


def test_verified_account_is_sent_back_from_the_verify_pages(client, resident):
    client.force_login(resident)

    response = client.get(VERIFY_PHONE, follow=True)

    assert response.redirect_chain == [(PROFILE, 302)]
    assert_shows(response, "Your account is already verified.")
    assert client.get(VERIFY_CODE).status_code == 302


def _sent_code() -> str:
    return re.search(r"(?<!\d)(\d{6})(?!\d)", OutboxSMSBackend.outbox[-1][1]).group(1)


def test_verify_code_page_renders(client, unverified_resident):
    client.force_login(unverified_resident)

    response = client.get(VERIFY_CODE)

    assert response.status_code == 200
    assert_shows(response, "Enter the code")


def test_verify_code_verifies_the_account(client, unverified_resident):
    client.force_login(unverified_resident)
    client.post(VERIFY_PHONE, {"phone": "010-4821-3957", **PERSON})

    response = client.post(VERIFY_CODE, {"code": _sent_code()})

    assert response.status_code == 302
    assert response["Location"] == PROFILE
    user = User.objects.get(pk=unverified_resident.pk)
    assert user.is_verified
    assert user.verification_method == VerificationMethod.PHONE
    assert_shows(client.get(PROFILE), "Your account is now verified.")


def test_verify_code_refuses_a_wrong_code(client, unverified_resident):
    client.force_login(unverified_resident)
    client.post(VERIFY_PHONE, {"phone": "010-4821-3957", **PERSON})
    wrong = f"{(int(_sent_code()) + 1) % 1_000_000:06d}"

    response = client.post(VERIFY_CODE, {"code": wrong})

    assert response.status_code == 400
    assert_shows(response, "The code is not correct. %(left)d tries left.", left=4)
    assert not User.objects.get(pk=unverified_resident.pk).is_verified


def test_verify_code_refuses_letters(client, unverified_resident):
    client.force_login(unverified_resident)
    client.post(VERIFY_PHONE, {"phone": "010-4821-3957", **PERSON})

    response = client.post(VERIFY_CODE, {"code": "abcdef"})

    assert response.status_code == 400
    assert_shows(response, "Enter the six digits of the code.")
    assert PhoneCode.objects.get().failed_attempts == 0
    assert not User.objects.get(pk=unverified_resident.pk).is_verified


def test_verify_code_without_a_code_sent(client, unverified_resident):
    client.force_login(unverified_resident)

    response = client.post(VERIFY_CODE, {"code": "123456"})

    assert response.status_code == 400
    assert_shows(response, "There is no valid code. Please request a new one.")
    assert not User.objects.get(pk=unverified_resident.pk).is_verified


# --- Staff verification ----------------------------------------------------------------


def test_resident_cannot_open_the_staff_verify_page(client, resident):
    client.force_login(resident)

    response = client.get(STAFF_VERIFY)

    assert response.status_code == 403
    assert_shows(response, "Only staff may do this.")


def test_resident_cannot_confirm_by_posting(client, resident, unverified_resident):
    client.force_login(resident)

    response = client.post(f"{STAFF_VERIFY}{unverified_resident.pk}/", {"confirm": "1"})

    assert response.status_code == 403
    assert not User.objects.get(pk=unverified_resident.pk).is_verified


def test_staff_verify_page_renders(client, dong_staff):
    client.force_login(dong_staff)

    response = client.get(STAFF_VERIFY)

    assert response.status_code == 200
    assert_shows(response, "Verification at the dong office")


def test_dong_staff_finds_and_confirms_a_resident_of_their_dong(
    client, dong_staff, unverified_resident
):
    client.force_login(dong_staff)
    resident_page = f"{STAFF_VERIFY}{unverified_resident.pk}/"

    searched = client.post(STAFF_VERIFY, {"email": unverified_resident.email})
    found = client.get(resident_page)
    response = client.post(resident_page, {"confirm": "1", **PERSON})

    assert searched.status_code == 302
    assert searched["Location"] == resident_page
    assert found.status_code == 200
    assert 'name="confirm"' in found.content.decode()
    assert_shows(found, "Checked in person")
    assert response.status_code == 302
    user = User.objects.get(pk=unverified_resident.pk)
    assert user.verification_method == VerificationMethod.IN_PERSON
    assert user.verified_by == dong_staff
    entry = AuditEntry.objects.get()
    assert (entry.actor, entry.target_id, entry.ip_address) == (
        dong_staff,
        str(user.pk),
        "127.0.0.1",
    )
    assert_shows(client.get(resident_page), "The account was marked as checked in person.")


def test_other_dong_staff_cannot_find_or_confirm(client, other_dong_staff, unverified_resident):
    client.force_login(other_dong_staff)
    resident_page = f"{STAFF_VERIFY}{unverified_resident.pk}/"

    searched = client.post(STAFF_VERIFY, {"email": unverified_resident.email})
    opened = client.get(resident_page)
    response = client.post(resident_page, {"confirm": "1"})

    assert searched.status_code == 404
    assert_shows(searched, "No account in your dongs uses this e-mail address.")
    assert unverified_resident.display_name not in searched.content.decode()
    assert opened.status_code == 404
    assert response.status_code == 404
    user = User.objects.get(pk=unverified_resident.pk)
    assert not user.is_verified
    assert user.verified_by is None
    assert not AuditEntry.objects.exists()


def test_staff_lookup_of_an_unknown_address(client, dong_staff):
    client.force_login(dong_staff)

    response = client.post(STAFF_VERIFY, {"email": "nobody@example.kr"})

    assert response.status_code == 404
    assert_shows(response, "No account in your dongs uses this e-mail address.")


# --- Sign-up, e-mail confirmation, password reset (allauth) ----------------------------

SIGNUP = "/accounts/signup/"
STRONG_PASSWORD = "maeul-test-pass-2026"


def test_sign_up_confirm_email_and_be_logged_in(client, db):
    response = client.post(
        SIGNUP,
        {
            "email": "newcomer@example.kr",
            "password1": STRONG_PASSWORD,
            "password2": STRONG_PASSWORD,
            **SIGNUP_CONSENTS,
        },
    )

    assert response.status_code == 302
    user = User.objects.get(email="newcomer@example.kr")
    assert not user.is_verified
    assert SESSION_KEY not in client.session
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["newcomer@example.kr"]
    assert mail.outbox[0].subject.startswith("[마을]")
    link = re.search(r"https?://[^/\s]+(/accounts/confirm-email/[^\s]+/)", mail.outbox[0].body)
    assert link, mail.outbox[0].body

    assert client.get(link.group(1)).status_code == 200
    confirmed = client.post(link.group(1))

    assert confirmed.status_code == 302
    assert client.session[SESSION_KEY] == str(user.pk)
    assert user.emailaddress_set.get().verified


def test_sign_up_with_a_used_address_is_refused_plainly(client, resident):
    response = client.post(
        SIGNUP,
        {
            "email": "Resident@Example.kr",
            "password1": STRONG_PASSWORD,
            "password2": STRONG_PASSWORD,
            **SIGNUP_CONSENTS,
        },
    )

    assert response.status_code == 200
    assert response.context["form"].errors["email"]
    assert_shows(response, "A user is already registered with this email address.")
    assert User.objects.filter(email__iexact="resident@example.kr").count() == 1
    assert mail.outbox == []


def test_sign_up_with_mismatched_passwords_is_refused(client, db):
    response = client.post(
        SIGNUP,
        {
            "email": "newcomer@example.kr",
            "password1": STRONG_PASSWORD,
            "password2": "other-pass",
            **SIGNUP_CONSENTS,
        },
    )

    assert response.status_code == 200
    assert response.context["form"].errors
    assert not User.objects.filter(email="newcomer@example.kr").exists()


def test_password_reset_sends_an_email(client, resident):
    response = client.post("/accounts/password/reset/", {"email": resident.email})

    assert response.status_code == 302
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == [resident.email]
    assert "/accounts/password/reset/key/" in mail.outbox[0].body


# --- Deactivation ------------------------------------------------------------------------


@pytest.mark.parametrize("persona", ["resident", "dong_staff", "site_admin"])
def test_deactivated_account_loses_its_live_session(request, client, persona):
    user = request.getfixturevalue(persona)
    client.force_login(user)
    session_key = client.session.session_key
    assert client.get(PROFILE).status_code == 200

    User.objects.filter(pk=user.pk).update(is_active=False)
    response = client.get(PROFILE)

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert not UserSession.objects.filter(session_key=session_key).exists()
    assert client.get(STAFF_VERIFY).status_code == 302


def test_deactivated_staff_cannot_confirm_with_a_live_session(
    client, dong_staff, unverified_resident
):
    client.force_login(dong_staff)
    User.objects.filter(pk=dong_staff.pk).update(is_active=False)

    response = client.post(f"{STAFF_VERIFY}{unverified_resident.pk}/", {"confirm": "1"})

    assert response.status_code == 302
    assert not User.objects.get(pk=unverified_resident.pk).is_verified
    assert not AuditEntry.objects.exists()


def test_korean_is_the_site_language(client, db):
    response = client.get("/accounts/login/")

    assert response.status_code == 200
    assert 'lang="ko"' in page_text(response)
    assert korean("Log in") in page_text(response)
