"""`load_demo`: Seoul's 금천구 and 영등포구 with every dong, and one demo account per role."""

import pytest
from django.apps import apps
from django.contrib.auth import SESSION_KEY
from django.core.management import call_command
from django.test import Client

from maeul.accounts.demo import DEMO_PASSWORD
from maeul.accounts.models import DongTie, Role, RoleAssignment, User
from maeul.places.demo import load_places
from maeul.places.models import City, District, Dong

DEMO_LOGINS = {
    "admin@demo.maeul.kr": Role.SITE_ADMIN,
    "district@demo.maeul.kr": Role.DISTRICT_STAFF,
    "dong@demo.maeul.kr": Role.DONG_STAFF,
    "centre@demo.maeul.kr": Role.SUPPORT_CENTRE_STAFF,
    "committee@demo.maeul.kr": Role.COMMITTEE_MEMBER,
    "resident@demo.maeul.kr": None,
    "newcomer@demo.maeul.kr": None,
    "dong2@demo.maeul.kr": Role.DONG_STAFF,
    "ydp@demo.maeul.kr": Role.DISTRICT_STAFF,
}


def _dump() -> dict[str, list[dict[str, object]]]:
    """Every row of every table, in primary-key order."""
    return {
        model._meta.label: list(model._base_manager.order_by("pk").values())
        for model in apps.get_models()
    }


@pytest.fixture
def demo(db):
    call_command("load_demo", verbosity=0)


def test_demo_has_seoul_with_geumcheon_and_yeongdeungpo_and_their_offices(demo):
    seoul = City.objects.get()
    assert seoul.name == "서울특별시"
    counts = {district.name: district.dongs.count() for district in seoul.districts.all()}
    assert counts == {"금천구": 10, "영등포구": 18}
    assert not District.objects.filter(office_address="").exists()
    assert not Dong.objects.filter(office_address="").exists()
    assert Dong.objects.get(name="독산1동").office_address.startswith("서울특별시 금천구")


def test_load_demo_twice_changes_nothing(demo):
    before = _dump()
    assert before["accounts.User"] and before["accounts.RoleAssignment"]

    call_command("load_demo", verbosity=0)

    after = _dump()
    changed = [label for label in before if before[label] != after[label]]
    assert changed == []


def test_demo_places_are_restored_when_edited(db):
    load_places()
    Dong.objects.filter(name="가산동").update(office_address="")

    load_places()

    assert Dong.objects.get(name="가산동").office_address
    assert Dong.objects.count() == 28


def test_demo_accounts_of_each_role_exist_and_can_log_in(demo):
    for email, role in DEMO_LOGINS.items():
        user = User.objects.get(email=email)
        roles = set(RoleAssignment.objects.filter(user=user).values_list("role", flat=True))
        assert roles == ({role} if role else set()), email
        browser = Client()

        response = browser.post("/accounts/login/", {"login": email, "password": DEMO_PASSWORD})

        assert response.status_code == 302, email
        assert browser.session[SESSION_KEY] == str(user.pk), email

    # The demo resident lives where the demo dong staff works, so the staff can verify them.
    dong_staff = RoleAssignment.objects.get(user__email="dong@demo.maeul.kr")
    resident_tie = DongTie.objects.get(user__email="resident@demo.maeul.kr")
    assert dong_staff.dong == resident_tie.dong
    assert resident_tie.dong.name == "독산1동"
    assert User.objects.get(email="resident@demo.maeul.kr").is_verified
    assert not User.objects.get(email="newcomer@demo.maeul.kr").is_verified


def test_demo_has_staff_of_a_second_dong_and_of_another_district(demo):
    second_dong = RoleAssignment.objects.get(user__email="dong2@demo.maeul.kr")
    assert (second_dong.dong.name, second_dong.dong.district.name) == ("가산동", "금천구")
    other = RoleAssignment.objects.get(user__email="ydp@demo.maeul.kr")
    assert other.district.name == "영등포구" and other.dong is None


def test_demo_password_is_the_documented_one():
    assert DEMO_PASSWORD == "maeul-demo-2026"
