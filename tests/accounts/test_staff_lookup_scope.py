"""Who finds whom at /staff/verify/: dong staff their dongs' residents, district staff their
district's, site admins everyone; a person with no dong tie is found by site admins only.

Outside that scope a resident reads exactly like an unknown address (404, the same message):
even the existence of an account is private. The e-mail address travels only in a POST
body, never in a URL, and every look-up lands in the personal-data access log.
"""

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from maeul.accounts.models import TieKind, User
from maeul.core.models import PersonalDataAccess
from tests.factories import DongTieFactory, UserFactory
from tests.korean import assert_shows

SEARCH = "/staff/verify/"
NOT_FOUND = "No account in your dongs uses this e-mail address."


@pytest.fixture
def people(unverified_resident, neighbour, dangsan1) -> dict[str, str]:
    """The e-mail address of each kind of person looked up."""
    yeongdeungpo = UserFactory(email="dangsan@example.kr", display_name="당산 주민")
    DongTieFactory(user=yeongdeungpo, dong=dangsan1, kind=TieKind.LIVES)
    UserFactory(email="untied@example.kr", display_name="연고 없는 주민")
    return {
        "독산1동": unverified_resident.email,
        "가산동": neighbour.email,
        "영등포구": yeongdeungpo.email,
        "no tie": "untied@example.kr",
        "unknown": "nobody@example.kr",
    }


TARGETS = ["독산1동", "가산동", "영등포구", "no tie", "unknown"]

# F = found (→ the resident's page), n = not found (404, as if unknown), 4 = 403.
#                          독산1 가산 영등포 no-tie unknown
MATRIX = {
    "dong_staff": "F n n n n",
    "other_dong_staff": "n F n n n",
    "district_staff": "F F n n n",
    "other_district_staff": "n n F n n",
    "support_centre_staff": "4 4 4 4 4",
    "committee_member": "4 4 4 4 4",
    "resident": "4 4 4 4 4",
    "site_admin": "F F F F n",
}

CELLS = [
    (persona, target, expected)
    for persona, row in MATRIX.items()
    for target, expected in zip(TARGETS, row.split(), strict=True)
]


@pytest.mark.parametrize("persona, target, expected", CELLS)
def test_look_up_matrix(request, client, people, persona, target, expected):
    staff = request.getfixturevalue(persona)
    client.force_login(staff)
    email = people[target]

    response = client.post(SEARCH, {"email": email})

    if expected == "4":
        assert response.status_code == 403
        assert not PersonalDataAccess.objects.exists()
        return
    (search,) = PersonalDataAccess.objects.all()
    assert (search.staff, search.action, search.what) == (staff, "search", SEARCH)
    if expected == "n":
        assert response.status_code == 404
        assert_shows(response, NOT_FOUND)
        assert search.subject is None
        return
    found = User.objects.get(email=email)
    page = reverse("accounts:staff_resident", args=[found.pk])
    assert response.status_code == 302
    assert response["Location"] == page
    assert search.subject == found
    opened = client.get(page)
    assert opened.status_code == 200
    assert found.public_name in opened.content.decode()
    view = PersonalDataAccess.objects.exclude(pk=search.pk).get()
    assert (view.subject, view.action, view.what, view.ip_address) == (
        found,
        "view",
        page,
        "127.0.0.1",
    )


@pytest.mark.parametrize(
    "persona, allowed",
    [
        ("dong_staff", True),
        ("other_dong_staff", False),
        ("district_staff", True),
        ("other_district_staff", False),
        ("site_admin", True),
    ],
)
def test_opening_a_resident_by_number_follows_the_same_scope(
    request, client, unverified_resident, persona, allowed
):
    client.force_login(request.getfixturevalue(persona))

    response = client.get(reverse("accounts:staff_resident", args=[unverified_resident.pk]))

    assert response.status_code == (200 if allowed else 404)
    assert (unverified_resident.public_name in response.content.decode()) is allowed
    assert PersonalDataAccess.objects.count() == (1 if allowed else 0)


def test_staff_no_longer_find_a_resident_who_moved_away(client, dong_staff, resident, gasan):
    """An ended tie is history: 독산1동 staff do not find someone now tied to 가산동 only."""
    moved = resident.dong_ties.get()
    moved.ended_at = timezone.now()
    moved.save()
    DongTieFactory(user=resident, dong=gasan, kind=TieKind.LIVES)
    client.force_login(dong_staff)

    searched = client.post(SEARCH, {"email": resident.email})
    opened = client.get(reverse("accounts:staff_resident", args=[resident.pk]))

    assert searched.status_code == opened.status_code == 404


def test_out_of_scope_reads_exactly_like_unknown(client, other_dong_staff, unverified_resident):
    client.force_login(other_dong_staff)

    hidden = client.post(SEARCH, {"email": unverified_resident.email})
    unknown = client.post(SEARCH, {"email": "nobody@example.kr"})

    def shown(response) -> str:
        text = response.content.decode()
        text = re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", text)
        return text.replace(unverified_resident.email, "").replace("nobody@example.kr", "")

    assert hidden.status_code == unknown.status_code == 404
    assert shown(hidden) == shown(unknown)


def test_the_address_never_travels_in_a_url_or_the_log(client, dong_staff, unverified_resident):
    client.force_login(dong_staff)

    by_get = client.get(SEARCH, {"email": unverified_resident.email})
    by_post = client.post(SEARCH, {"email": unverified_resident.email})
    client.get(by_post["Location"])

    assert by_get.status_code == 200
    assert unverified_resident.public_name not in by_get.content.decode()
    assert "@" not in by_post["Location"]
    rows = list(PersonalDataAccess.objects.values_list("what", "subject_description", "reason"))
    assert len(rows) == 2
    assert all("@" not in text for row in rows for text in row)
    assert 'method="post"' in by_get.content.decode()


def test_a_deactivated_account_is_not_found(client, dong_staff, unverified_resident):
    User.objects.filter(pk=unverified_resident.pk).update(is_active=False)
    client.force_login(dong_staff)

    response = client.post(SEARCH, {"email": unverified_resident.email})

    assert response.status_code == 404
    assert_shows(response, NOT_FOUND)


def test_confirming_in_person_is_logged_as_a_change(client, dong_staff, unverified_resident):
    client.force_login(dong_staff)
    page = reverse("accounts:staff_resident", args=[unverified_resident.pk])

    response = client.post(page, {"confirm": "1", "name": "김독산", "birth_date": "1984-06-02"})

    assert response.status_code == 302
    (row,) = PersonalDataAccess.objects.all()
    assert (row.staff, row.subject, row.action) == (dong_staff, unverified_resident, "edit")


def test_a_staff_member_whose_search_is_invalid_gets_400_and_no_log(client, dong_staff):
    client.force_login(dong_staff)

    response = client.post(SEARCH, {"email": "not-an-address"})

    assert response.status_code == 400
    assert not PersonalDataAccess.objects.exists()
