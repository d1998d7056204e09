"""The header tells a signed-in staff member which office they act for and in which role."""

import pytest

from maeul.accounts.models import Role
from tests.factories import RoleAssignmentFactory, UserFactory


def _identity(client) -> str:
    page = client.get("/votes/").content.decode()
    if 'class="staff-identity"' not in page:
        return ""
    return page.split('class="staff-identity">')[1].split("</p>")[0]


def test_dong_staff_see_their_dong_office_and_role(client, dong_staff):
    client.force_login(dong_staff)

    assert "독산1동 주민센터 · 동 담당자" in _identity(client)


def test_district_staff_see_their_district_office_and_role(client, district_staff):
    client.force_login(district_staff)

    assert "금천구청 · 구청 담당자" in _identity(client)


def test_support_centre_staff_see_their_centre(client, support_centre_staff):
    client.force_login(support_centre_staff)

    assert "금천구 주민자치 지원센터 · 중간지원조직 담당자" in _identity(client)


def test_a_site_admin_sees_the_role_without_an_office(client, geumcheon):
    admin = UserFactory(email="admin@example.kr")
    RoleAssignmentFactory(user=admin, role=Role.SITE_ADMIN)
    client.force_login(admin)

    assert _identity(client).endswith("사이트 관리자")


@pytest.mark.parametrize("who", ["resident", "committee_member", None])
def test_residents_committee_members_and_visitors_see_no_staff_identity(client, request, who):
    request.getfixturevalue("places")
    if who:
        client.force_login(request.getfixturevalue(who))

    assert _identity(client) == ""


def test_the_identity_costs_one_query_per_request(
    client, dong_staff, django_assert_max_num_queries
):
    client.force_login(dong_staff)
    client.get("/votes/")  # warm the session
    with django_assert_max_num_queries(8):
        page = client.get("/votes/").content.decode()
    assert page.count('class="staff-identity"') == 1
