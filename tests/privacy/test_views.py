"""The personal-data pages through the client: consents, 내 정보 내려받기, 회원 탈퇴."""

import json

import pytest
from django.contrib.auth import SESSION_KEY
from django.contrib.sessions.models import Session
from django.core import mail

from maeul.accounts.models import User
from maeul.api.auth import issue_api_token
from maeul.core import audit
from maeul.core.notifications import notify
from maeul.privacy.models import ConsentKind, ConsentRecord, ConsentVia, Withdrawal
from tests.conftest import PASSWORD
from tests.korean import assert_shows, korean, page_text
from tests.privacy.conftest import RESIDENT_PHONE

pytestmark = pytest.mark.django_db

CONSENTS = "/me/consents/"
DOWNLOAD = "/me/data/"
WITHDRAW = "/me/withdraw/"


def _latest(user: User, kind: str) -> bool | None:
    record = ConsentRecord.objects.latest_by_kind(user.pk).get(kind)
    return None if record is None else record.granted


# --- Who may open them ------------------------------------------------------------------


@pytest.mark.parametrize("path", [CONSENTS, DOWNLOAD, WITHDRAW])
def test_anonymous_is_sent_to_log_in(client, db, path):
    assert client.get(path).status_code == 302
    response = client.post(path, {"password": PASSWORD, "confirm": "on"})
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")


@pytest.mark.parametrize("path", [DOWNLOAD, WITHDRAW])
def test_an_api_token_is_not_a_session(client, resident, path):
    token = issue_api_token(resident)

    response = client.post(
        path, {"password": PASSWORD, "confirm": "on"}, HTTP_AUTHORIZATION=f"Bearer {token}"
    )

    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
    assert User.objects.get(pk=resident.pk).is_active


def test_profile_links_to_the_personal_data_pages(client, resident):
    client.force_login(resident)

    page = page_text(client.get("/me/"))

    for path in (CONSENTS, DOWNLOAD, WITHDRAW):
        assert f'href="{path}"' in page


# --- Consents ---------------------------------------------------------------------------


def test_consents_page_shows_each_answer(client, footprint, resident):
    client.force_login(resident)

    response = client.get(CONSENTS)

    assert response.status_code == 200
    assert_shows(response, "Required consents can only be withdrawn by closing your account.")
    assert korean("Agree: %(consent)s", consent=korean("Satisfaction surveys and invitations")) in (
        page_text(response)
    )


def test_resident_withdraws_then_gives_again_an_optional_consent(client, footprint, resident):
    client.force_login(resident)
    assert _latest(resident, ConsentKind.NOTIFY_EMAIL) is True

    response = client.post(CONSENTS, {"kind": ConsentKind.NOTIFY_EMAIL, "granted": "no"})

    assert response.status_code == 302
    assert _latest(resident, ConsentKind.NOTIFY_EMAIL) is False
    assert_shows(client.get(CONSENTS), "Your consent was withdrawn.")
    client.post(CONSENTS, {"kind": ConsentKind.NOTIFY_EMAIL, "granted": "yes"})
    assert _latest(resident, ConsentKind.NOTIFY_EMAIL) is True
    history = ConsentRecord.objects.filter(user=resident, kind=ConsentKind.NOTIFY_EMAIL)
    assert [r.granted for r in history.order_by("at", "pk")] == [True, False, True]
    assert history.filter(via=ConsentVia.PROFILE).count() == 2


@pytest.mark.parametrize(
    "data",
    [
        {"kind": ConsentKind.TERMS, "granted": "no"},
        {"kind": ConsentKind.PRIVACY, "granted": "no"},
        {"kind": "marketing", "granted": "yes"},
        {"kind": ConsentKind.SURVEY, "granted": "maybe"},
        {},
    ],
)
def test_required_or_unknown_consents_cannot_be_changed_here(client, footprint, resident, data):
    client.force_login(resident)
    before = ConsentRecord.objects.count()

    response = client.post(CONSENTS, data)

    assert response.status_code == 400
    assert_shows(response, "Choose a consent and an answer.")
    assert ConsentRecord.objects.count() == before
    assert _latest(resident, ConsentKind.TERMS) is True


def test_declined_email_notifications_send_no_email(
    footprint, resident, neighbour, now, django_capture_on_commit_callbacks, settings
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    ConsentRecord.objects.create(
        user=resident,
        kind=ConsentKind.NOTIFY_EMAIL,
        version="x",
        granted=False,
        via=ConsentVia.PROFILE,
        at=now,
    )

    with django_capture_on_commit_callbacks(execute=True):
        notify(recipients=[resident, neighbour], kind="t", message="알림", url="/", now=now)

    assert resident.notifications.filter(message="알림").exists()  # still in the site
    assert [m.to for m in mail.outbox] == [[neighbour.email]]


# --- 내 정보 내려받기 ------------------------------------------------------------------------


def test_download_page_asks_for_the_password(client, resident):
    client.force_login(resident)

    response = client.get(DOWNLOAD)

    assert response.status_code == 200
    assert 'autocomplete="current-password"' in page_text(response)


def test_download_with_a_wrong_password_is_refused(client, footprint, resident):
    client.force_login(resident)

    response = client.post(DOWNLOAD, {"password": "not-my-password"})

    assert response.status_code == 400
    assert response["Content-Type"].startswith("text/html")
    assert_shows(response, "This is not your password.")


def test_too_many_wrong_passwords_are_refused(client, resident):
    client.force_login(resident)
    for _ in range(10):
        client.post(DOWNLOAD, {"password": "guess"})

    response = client.post(DOWNLOAD, {"password": PASSWORD})

    assert response.status_code == 429
    assert_shows(response, "Too many tries. Please wait 15 minutes and try again.")


def test_download_holds_everything_about_the_resident_and_nothing_of_others(
    client, footprint, resident, neighbour
):
    client.force_login(resident)

    response = client.post(DOWNLOAD, {"password": PASSWORD})

    assert response.status_code == 200
    assert response["Content-Type"] == "application/json; charset=utf-8"
    assert response["Content-Disposition"].startswith('attachment; filename="maeul-my-data-')
    assert "no-store" in response["Cache-Control"] or "no-cache" in response["Cache-Control"]
    raw = response.content.decode()
    data = json.loads(raw)

    def section(msgid: str):
        return data[korean(msgid)]

    account = section("Account")
    assert account[korean("E-mail")] == "resident@example.kr"
    assert account[korean("Display name")] == "독산 주민"
    assert account[korean("Mobile phone number")] == RESIDENT_PHONE
    assert [t[korean("Dong")] for t in section("Dong ties")] == ["금천구 독산1동"]
    assert len(section("Roles")) == 1
    assert len(section("Consents")) == 4
    assert [p[korean("Title")] for p in section("Proposals")] == ["학교 앞 횡단보도 제안"]
    assert [c[korean("Comment")] for c in section("Comments")] == ["독산에서도 찬성합니다."]
    assert [s[korean("Proposal")] for s in section("Supports")] == ["골목 화단 가꾸기"]
    votes = section("Votes taken part in")
    assert [v[korean("Vote")] for v in votes] == [footprint.vote.title]
    assert set(votes[0]) == {korean(k) for k in ("Vote", "Channel", "Dong", "Voted at")}
    assert len(section("Council memberships")) == 1
    assert [a[korean("Why I apply")] for a in section("Council applications")] == [
        "동네를 위해 일하고 싶습니다."
    ]
    assert [n[korean("Message")] for n in section("Notifications")] == ["독산 주민에게 온 알림"]
    # Nothing of the neighbour, and never a choice made in a vote.
    for foreign in ("neighbour@example.kr", "가산 주민", "비밀", "01098765432"):
        assert foreign not in raw
    assert "receipt" not in raw.lower()
    assert korean("receipt code") not in raw


def test_staff_download_holds_their_own_audit_entries(client, dong_staff, resident, now):
    audit.record(actor=dong_staff, action="test.look", target=resident, ip="10.0.0.1", now=now)
    audit.record(actor=resident, action="test.other", target=None, ip=None, now=now)
    client.force_login(dong_staff)

    data = json.loads(client.post(DOWNLOAD, {"password": PASSWORD}).content)

    entries = data[korean("Actions recorded in the audit log")]
    assert [e[korean("Action")] for e in entries] == ["test.look"]


# --- 회원 탈퇴 ------------------------------------------------------------------------------


def test_withdraw_page_explains_what_happens(client, resident):
    client.force_login(resident)

    response = client.get(WITHDRAW)

    assert response.status_code == 200
    assert_shows(response, "Your proposals and comments stay, shown as written by a former member.")
    assert_shows(response, "Download your data first")


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"password": "wrong-password", "confirm": "on"}, "password", "This is not your password."),
        ({"password": PASSWORD}, "confirm", "Please tick the box to confirm."),
        ({"confirm": "on"}, "password", "This field is required."),
    ],
)
def test_withdrawal_needs_the_password_and_the_tick(client, resident, data, field, message):
    client.force_login(resident)

    response = client.post(WITHDRAW, data)

    assert response.status_code == 400
    assert response.context["form"].errors[field]
    assert_shows(response, message)
    assert User.objects.get(pk=resident.pk).is_active
    assert not Withdrawal.objects.exists()
    assert client.get("/me/").status_code == 200


def test_withdrawal_logs_out_and_the_old_session_no_longer_works(client, resident):
    client.force_login(resident)
    old_key = client.session.session_key
    other_device = type(client)()
    other_device.force_login(resident)

    response = client.post(WITHDRAW, {"password": PASSWORD, "confirm": "on"})

    assert response.status_code == 302
    assert response["Location"] == "/"
    assert SESSION_KEY not in client.session
    assert_shows(
        client.get("/"),
        "Your account is closed. Your personal data will be erased within five days.",
    )
    assert not Session.objects.filter(session_key=old_key).exists()
    for device in (client, other_device):
        page = device.get("/me/")
        assert page.status_code == 302
        assert page["Location"].startswith("/accounts/login/")
    assert Withdrawal.objects.get(user=resident).erased_at is None
    assert not User.objects.get(pk=resident.pk).is_active


def test_withdrawn_account_cannot_log_in(client, resident):
    client.force_login(resident)
    client.post(WITHDRAW, {"password": PASSWORD, "confirm": "on"})

    client.post("/accounts/login/", {"login": resident.email, "password": PASSWORD})

    assert client.get("/me/").status_code == 302


def test_the_withdrawal_page_says_what_is_cancelled_and_what_stays(client, resident):
    client.force_login(resident)
    page = page_text(client.get(WITHDRAW))
    assert "앞으로 있을 공간 예약, 교육 신청, 봉사 일정은 취소됩니다." in page
    assert "기관이 보존해야 하는 기록은 이름 없이 남습니다." in page
