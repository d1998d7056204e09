"""Shared fixtures: the demo places and named personas, so tests read like sentences.

Personas (금천구 unless said otherwise):
- `resident`: verified, lives in 독산1동; `neighbour`: verified, lives in 가산동;
- `unverified_resident`: lives in 독산1동, not verified;
- `dong_staff`: staff of 독산1동; `other_dong_staff`: staff of 가산동;
- `district_staff`: staff of 금천구; `other_district_staff`: staff of 영등포구;
- `support_centre_staff`, `committee_member` (금천구); `site_admin`; `anonymous`.
"""

from datetime import date

import pytest
from django.contrib.auth.models import AnonymousUser
from django.utils import timezone

from maeul.accounts.models import Role, TieKind, User, VerificationMethod
from maeul.accounts.person import person_hash
from maeul.accounts.verification.sms import OutboxSMSBackend
from maeul.places.demo import load_places
from maeul.places.models import District, Dong
from tests.factories import DongTieFactory, RoleAssignmentFactory, UserFactory

PASSWORD = "correct-horse-42"
# What the sign-up form needs besides e-mail and passwords: an adult's birth year and the
# two required consents (the optional ones declined).
SIGNUP_CONSENTS = {
    "birth_year": "1985",
    "over_14": "on",
    "agree_terms": "on",
    "agree_privacy": "on",
}


@pytest.fixture(scope="session", autouse=True)
def _uploads_in_a_temporary_folder(tmp_path_factory):
    """Uploads made by any test (demo photos included) stay out of the developer's var/."""
    from django.test import override_settings

    base = tmp_path_factory.mktemp("uploads")
    with override_settings(MEDIA_ROOT=base / "media", PRIVATE_ROOT=base / "private"):
        yield


@pytest.fixture(autouse=True)
def _test_settings(settings):
    settings.MAEUL_SMS_BACKEND = "maeul.accounts.verification.sms.OutboxSMSBackend"
    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    OutboxSMSBackend.outbox.clear()


@pytest.fixture(autouse=True)
def _in_the_sites_language():
    """Each test starts in Korean, whatever language an earlier test on this worker left active
    (a label such as 70세 이상 is otherwise English in one order of the tests and Korean in another)."""
    from django.conf import settings as django_settings
    from django.utils import translation

    translation.activate(django_settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _clear_cache(db):
    from django.core.cache import cache

    from maeul.core.models import RateCounter
    from maeul.voting.services import open_votes

    cache.clear()
    RateCounter.objects.all().delete()
    open_votes.forget()  # test databases reuse vote ids


@pytest.fixture
def places(db):
    load_places()


@pytest.fixture
def geumcheon(places) -> District:
    return District.objects.get(name="금천구")


@pytest.fixture
def yeongdeungpo(places) -> District:
    return District.objects.get(name="영등포구")


@pytest.fixture
def doksan1(geumcheon) -> Dong:
    return Dong.objects.get(district=geumcheon, name="독산1동")


@pytest.fixture
def gasan(geumcheon) -> Dong:
    return Dong.objects.get(district=geumcheon, name="가산동")


@pytest.fixture
def dangsan1(yeongdeungpo) -> Dong:
    return Dong.objects.get(district=yeongdeungpo, name="당산1동")


def _verified(user: User) -> User:
    """Checked at the dong office, with the name and birth date of their identity card."""
    user.mark_verified(method=VerificationMethod.IN_PERSON, at=timezone.now())
    user.person_hmac = person_hash(user.display_name, date(user.birth_year or 1980, 5, 1))
    user.save()
    return user


@pytest.fixture
def resident(doksan1) -> User:
    user = _verified(UserFactory(email="resident@example.kr", display_name="독산 주민"))
    DongTieFactory(user=user, dong=doksan1, kind=TieKind.LIVES)
    return user


@pytest.fixture
def unverified_resident(doksan1) -> User:
    user = UserFactory(email="new@example.kr", display_name="새 주민")
    DongTieFactory(user=user, dong=doksan1, kind=TieKind.LIVES)
    return user


@pytest.fixture
def neighbour(gasan) -> User:
    user = _verified(UserFactory(email="neighbour@example.kr", display_name="가산 주민"))
    DongTieFactory(user=user, dong=gasan, kind=TieKind.LIVES)
    return user


@pytest.fixture
def dong_staff(doksan1) -> User:
    user = _verified(UserFactory(email="dong@example.kr", display_name="독산1동 담당"))
    RoleAssignmentFactory(user=user, role=Role.DONG_STAFF, dong=doksan1)
    return user


@pytest.fixture
def other_dong_staff(gasan) -> User:
    user = _verified(UserFactory(email="dong2@example.kr", display_name="가산동 담당"))
    RoleAssignmentFactory(user=user, role=Role.DONG_STAFF, dong=gasan)
    return user


@pytest.fixture
def district_staff(geumcheon) -> User:
    user = _verified(UserFactory(email="district@example.kr", display_name="금천구 담당"))
    RoleAssignmentFactory(user=user, role=Role.DISTRICT_STAFF, district=geumcheon)
    return user


@pytest.fixture
def other_district_staff(yeongdeungpo) -> User:
    user = _verified(UserFactory(email="district2@example.kr", display_name="영등포구 담당"))
    RoleAssignmentFactory(user=user, role=Role.DISTRICT_STAFF, district=yeongdeungpo)
    return user


@pytest.fixture
def support_centre_staff(geumcheon) -> User:
    user = _verified(UserFactory(email="centre@example.kr", display_name="지원센터"))
    RoleAssignmentFactory(user=user, role=Role.SUPPORT_CENTRE_STAFF, district=geumcheon)
    return user


@pytest.fixture
def committee_member(geumcheon) -> User:
    user = _verified(UserFactory(email="committee@example.kr", display_name="심의위원"))
    RoleAssignmentFactory(user=user, role=Role.COMMITTEE_MEMBER, district=geumcheon)
    return user


@pytest.fixture
def site_admin(db) -> User:
    user = _verified(UserFactory(email="admin@example.kr", display_name="관리자"))
    RoleAssignmentFactory(user=user, role=Role.SITE_ADMIN)
    return user


@pytest.fixture
def anonymous() -> AnonymousUser:
    return AnonymousUser()
