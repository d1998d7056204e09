"""Sign-up asks the consents one by one, and the age: what is stored, what is refused."""

import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.utils import timezone

from maeul.accounts.models import User
from maeul.core.legal import PRIVACY_POLICY_VERSION, TERMS_VERSION
from maeul.privacy.models import OPTIONAL_CONSENTS_VERSION, ConsentKind, ConsentRecord, ConsentVia
from tests.conftest import SIGNUP_CONSENTS
from tests.korean import assert_shows, page_text

pytestmark = pytest.mark.django_db

SIGNUP = "/accounts/signup/"
EMAIL = "newcomer@example.kr"
PASSWORD = "maeul-test-pass-2026"


def sign_up(client, **overrides):
    data = {"email": EMAIL, "password1": PASSWORD, "password2": PASSWORD, **SIGNUP_CONSENTS}
    data.update(overrides)
    return client.post(SIGNUP, {key: value for key, value in data.items() if value is not None})


def assert_nothing_created() -> None:
    assert not User.objects.filter(email=EMAIL).exists()
    assert not EmailAddress.objects.filter(email=EMAIL).exists()
    assert not ConsentRecord.objects.exists()
    assert mail.outbox == []


def test_sign_up_page_shows_each_consent_with_its_text(client):
    response = client.get(SIGNUP)

    assert response.status_code == 200
    page = page_text(response)
    for name, required in [
        ("agree_terms", True),
        ("agree_privacy", True),
        ("consent_notify_email", False),
        ("consent_survey", False),
    ]:
        box = re.search(rf'<input type="checkbox" name="{name}"[^>]*>', page)
        assert box, name
        assert ("required" in box.group(0)) is required
        assert "checked" not in box.group(0)  # nothing is ticked for the person
    assert 'href="/terms/"' in page
    assert 'href="/privacy/"' in page
    assert_shows(response, "You may refuse, but then you cannot sign up.")
    assert_shows(response, "Until you close your account; then it is erased within five days.")


def test_declining_every_optional_consent_still_signs_up(client):
    response = sign_up(client)

    assert response.status_code == 302
    user = User.objects.get(email=EMAIL)
    assert user.birth_year == 1985
    records = {r.kind: r for r in ConsentRecord.objects.filter(user=user)}
    assert set(records) == set(ConsentKind.values)
    assert records[ConsentKind.TERMS].granted
    assert records[ConsentKind.TERMS].version == TERMS_VERSION
    assert records[ConsentKind.PRIVACY].granted
    assert records[ConsentKind.PRIVACY].version == PRIVACY_POLICY_VERSION
    for kind in (ConsentKind.NOTIFY_EMAIL, ConsentKind.SURVEY):
        assert records[kind].granted is False
        assert records[kind].version == OPTIONAL_CONSENTS_VERSION
    assert {r.via for r in records.values()} == {ConsentVia.SIGNUP}
    assert all(r.at is not None for r in records.values())
    assert len(mail.outbox) == 1  # the confirmation e-mail


def test_optional_consents_given_are_stored_as_agreed(client):
    response = sign_up(client, consent_notify_email="on", consent_survey="on")

    assert response.status_code == 302
    granted = dict(ConsentRecord.objects.filter(user__email=EMAIL).values_list("kind", "granted"))
    assert granted == dict.fromkeys(ConsentKind.values, True)


@pytest.mark.parametrize(
    ("missing", "message"),
    [
        ("agree_terms", "Please agree to the terms of use."),
        ("agree_privacy", "Please agree to the collection and use of your personal data."),
    ],
)
def test_sign_up_without_a_required_consent_is_refused(client, missing, message):
    response = sign_up(client, **{missing: None})

    assert response.status_code == 200
    assert response.context["form"].errors[missing]
    assert_shows(response, message)
    assert_nothing_created()


def test_sign_up_without_any_consent_is_refused(client):
    response = sign_up(client, agree_terms=None, agree_privacy=None)

    assert response.status_code == 200
    assert set(response.context["form"].errors) >= {"agree_terms", "agree_privacy"}
    assert_nothing_created()


def test_a_thirteen_year_old_is_refused_with_the_guardian_rule(client):
    thirteen = timezone.localdate().year - 13

    response = sign_up(client, birth_year=str(thirteen))

    assert response.status_code == 200
    assert response.context["form"].errors["birth_year"]
    assert_shows(
        response,
        "Children under 14 need the consent of a parent or legal guardian to join. Online "
        "sign-up is not possible for them: please ask at your dong office together with "
        "your parent or guardian.",
    )
    assert_nothing_created()


def test_age_and_consent_refusals_show_with_an_email_error(client, resident):
    response = sign_up(client, email=resident.email, birth_year=str(timezone.localdate().year - 10))

    assert response.status_code == 200
    assert set(response.context["form"].errors) >= {"email", "birth_year"}
    assert User.objects.filter(email=resident.email).count() == 1


def test_sign_up_without_confirming_the_age_of_14_is_refused(client):
    response = sign_up(client, over_14=None)

    assert response.status_code == 200
    assert response.context["form"].errors["over_14"]
    assert_nothing_created()


def test_a_fourteen_year_old_by_birth_year_who_confirms_may_sign_up(client):
    response = sign_up(client, birth_year=str(timezone.localdate().year - 14))

    assert response.status_code == 302
    assert User.objects.filter(email=EMAIL).exists()


@pytest.mark.parametrize("birth_year", [None, "", "천구백", "1899", "2999"])
def test_sign_up_without_a_sensible_birth_year_is_refused(client, birth_year):
    response = sign_up(client, birth_year=birth_year)

    assert response.status_code == 200
    assert response.context["form"].errors["birth_year"]
    assert_nothing_created()


def test_the_placeholder_domain_of_erased_accounts_cannot_sign_up(client):
    response = sign_up(client, email="someone@withdrawn.invalid")

    assert response.status_code == 200
    assert response.context["form"].errors["email"]
    assert_shows(response, "This e-mail address cannot be used.")
    assert not User.objects.filter(email="someone@withdrawn.invalid").exists()


def test_kakao_and_naver_sign_up_ask_the_same_consents(settings):
    from allauth.socialaccount.forms import SignupForm as SocialSignupForm

    from maeul.privacy.forms import SignupConsentForm
    from maeul.privacy.signup_forms import AtomicSocialSignupForm

    assert issubclass(SocialSignupForm, SignupConsentForm)
    assert settings.SOCIALACCOUNT_FORMS["signup"].endswith(AtomicSocialSignupForm.__name__)
    assert settings.SOCIALACCOUNT_AUTO_SIGNUP is False  # never an account without the form
