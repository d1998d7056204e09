"""Deactivating an account ends it everywhere and for good (reliability.md test 16).

Every session of the account is deleted from the session store, every API token issued to it
is revoked, and reactivating the account later revives neither. The back office goes through
`deactivate_account`; a deactivation by any other path is finished by the first request that
shows one of the account's sessions or tokens.
"""

from django.contrib.auth import SESSION_KEY
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from maeul.accounts.deactivation import deactivate_account
from maeul.accounts.models import User
from maeul.api.auth import issue_api_token, user_for_token
from maeul.core.models import AuditEntry, UserSession

PROFILE = "/me/"


def _signed_in(user: User) -> Client:
    client = Client()
    client.force_login(user)
    assert client.get(PROFILE).status_code == 200
    return client


def _reactivate(user: User) -> None:
    User.objects.filter(pk=user.pk).update(is_active=True)
    user.refresh_from_db()


def test_sessions_name_their_account(resident, neighbour):
    _signed_in(resident)
    _signed_in(resident)
    _signed_in(neighbour)

    assert UserSession.objects.filter(user_id=resident.pk).count() == 2
    assert UserSession.objects.filter(user_id=neighbour.pk).count() == 1


def test_deactivation_ends_every_session_and_token(resident, neighbour, site_admin):
    laptop, phone = _signed_in(resident), _signed_in(resident)
    other = _signed_in(neighbour)
    token = issue_api_token(resident)

    deactivate_account(user=resident, by=site_admin, now=timezone.now(), ip="203.0.113.9")

    assert not User.objects.get(pk=resident.pk).is_active
    assert not UserSession.objects.filter(user_id=resident.pk).exists()
    assert UserSession.objects.filter(user_id=neighbour.pk).exists()
    assert user_for_token(token) is None
    for client in (laptop, phone):
        response = client.get(PROFILE)
        assert response.status_code == 302
        assert response["Location"].startswith("/accounts/login/")
    assert other.get(PROFILE).status_code == 200
    entry = AuditEntry.objects.get(action="accounts.deactivate")
    assert (entry.actor, entry.target_id, entry.ip_address) == (
        site_admin,
        str(resident.pk),
        "203.0.113.9",
    )
    assert entry.changes["sessions_ended"] == [2, 0]


def test_reactivation_revives_no_session_and_no_token(resident, site_admin):
    client = _signed_in(resident)
    session_key = client.session.session_key
    token = issue_api_token(resident)

    deactivate_account(user=resident, by=site_admin, now=timezone.now(), ip=None)
    _reactivate(resident)

    assert user_for_token(token) is None
    response = client.get(PROFILE)
    assert response.status_code == 302
    assert not UserSession.objects.filter(session_key=session_key).exists()
    fresh = issue_api_token(resident)
    assert user_for_token(fresh) == resident


def test_deactivating_twice_is_harmless(resident, site_admin):
    deactivate_account(user=resident, by=site_admin, now=timezone.now(), ip=None)
    deactivate_account(user=resident, by=site_admin, now=timezone.now(), ip=None)

    assert not User.objects.get(pk=resident.pk).is_active
    assert AuditEntry.objects.filter(action="accounts.deactivate").count() == 2


# --- The back office ------------------------------------------------------------------------
def _admin_form(user: User, **changes) -> dict[str, object]:
    data: dict[str, object] = {
        "email": user.email,
        "display_name": user.display_name,
        "birth_year": "",
        "is_active": "on",
        "dong_ties-TOTAL_FORMS": "0",
        "dong_ties-INITIAL_FORMS": "0",
        "roles-TOTAL_FORMS": "0",
        "roles-INITIAL_FORMS": "0",
    }
    data.update(changes)
    return {key: value for key, value in data.items() if value is not None}


def test_unticking_active_in_the_back_office_ends_sessions_and_tokens(
    client, site_admin, dong_staff
):
    staff_client = _signed_in(dong_staff)
    token = issue_api_token(dong_staff)
    client.force_login(site_admin)

    response = client.post(
        reverse("admin:accounts_user_change", args=[dong_staff.pk]),
        _admin_form(dong_staff, is_active=None),
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    assert not User.objects.get(pk=dong_staff.pk).is_active
    assert not UserSession.objects.filter(user_id=dong_staff.pk).exists()
    assert staff_client.get("/staff/verify/").status_code == 302
    _reactivate(dong_staff)
    assert user_for_token(token) is None


def test_the_back_office_action_deactivates_the_selected_accounts(
    client, site_admin, resident, neighbour
):
    tokens = [issue_api_token(resident), issue_api_token(neighbour)]
    sessions = [_signed_in(resident), _signed_in(neighbour)]
    client.force_login(site_admin)

    response = client.post(
        reverse("admin:accounts_user_changelist"),
        {"action": "deactivate", "_selected_action": [resident.pk, neighbour.pk]},
    )

    assert response.status_code == 302
    assert not User.objects.filter(pk__in=[resident.pk, neighbour.pk], is_active=True).exists()
    assert not UserSession.objects.filter(user_id__in=[resident.pk, neighbour.pk]).exists()
    assert all(user_for_token(token) is None for token in tokens)
    assert all(session.get(PROFILE).status_code == 302 for session in sessions)


# --- Safety net: an account made inactive some other way ---------------------------------
def test_the_first_request_of_a_stale_session_ends_the_others_and_the_tokens(resident):
    laptop, phone = _signed_in(resident), _signed_in(resident)
    token = issue_api_token(resident)
    User.objects.filter(pk=resident.pk).update(is_active=False)

    assert laptop.get(PROFILE).status_code == 302

    assert not UserSession.objects.filter(user_id=resident.pk).exists()
    assert SESSION_KEY not in phone.session
    _reactivate(resident)
    assert user_for_token(token) is None


def test_a_token_of_an_inactive_account_revokes_all_its_tokens(resident):
    token = issue_api_token(resident)
    User.objects.filter(pk=resident.pk).update(is_active=False)

    assert user_for_token(token) is None

    _reactivate(resident)
    assert user_for_token(token) is None


def test_a_password_change_does_not_count_as_deactivation(client, resident):
    client.force_login(resident)
    resident.set_password("another-horse-43")
    resident.save()

    assert client.get(PROFILE).status_code == 302
    assert User.objects.get(pk=resident.pk).is_active
    fresh = issue_api_token(resident)
    assert user_for_token(fresh) == resident
