"""Which grant rows each persona serves: `scope_of(user).rows(...)` on calls, groups and
applications. Rows: 금천구's district-wide call and its 독산1동 call, 영등포구's call; groups
of 독산1동, 가산동 and 당산1동 (영등포구); an application of each group (the first two to
금천구's call, the third to 영등포구's)."""

import pytest

from maeul.core.permissions import scope_of
from maeul.grants.models import Application, CommunityGroup, GrantCall
from tests.grants.conftest import make_call, make_group, write_draft

pytestmark = pytest.mark.django_db

# Y = the persona serves the row, . = it does not exist for them.
CALLS = {
    "resident": "...",
    "neighbour": "...",
    "dong_staff": "YY.",
    "other_dong_staff": "Y..",
    "district_staff": "YY.",
    "other_district_staff": "..Y",
    "support_centre_staff": "...",
    "committee_member": "...",
    "site_admin": "YYY",
}
# Groups and applications: 독산1동, 가산동, 당산1동.
PLACES = {
    "resident": "...",
    "neighbour": "...",
    "dong_staff": "Y..",
    "other_dong_staff": ".Y.",
    "district_staff": "YY.",
    "other_district_staff": "..Y",
    "support_centre_staff": "...",
    "committee_member": "...",
    "site_admin": "YYY",
}


@pytest.fixture
def rows(geumcheon, yeongdeungpo, doksan1, gasan, dangsan1, resident, neighbour):
    district_call = make_call(geumcheon, title="금천 공모")
    make_call(geumcheon, title="독산1동 공모", dong=doksan1)
    ydp_call = make_call(yeongdeungpo, title="영등포 공모")
    for name, dong, call, user, phone in (
        ("독산 모임", doksan1, district_call, resident, "010-1000-0001"),
        ("가산 모임", gasan, district_call, neighbour, "010-1000-0002"),
        ("당산 모임", dangsan1, ydp_call, neighbour, "010-1000-0003"),
    ):
        group = make_group(user, dong, name, contact=phone)
        write_draft(call, group, user, title=f"{name} 사업", description="")


def _served(user, queryset, field, names):
    served = set(scope_of(user).rows(queryset).values_list(field, flat=True))
    return "".join("Y" if name in served else "." for name in names)


@pytest.mark.parametrize("persona", CALLS)
def test_each_persona_serves_the_grant_rows_of_their_places(rows, persona, request):
    user = request.getfixturevalue(persona)
    groups = ["독산 모임", "가산 모임", "당산 모임"]
    assert (
        _served(
            user, GrantCall.objects.all(), "title", ["금천 공모", "독산1동 공모", "영등포 공모"]
        )
        == CALLS[persona]
    )
    assert _served(user, CommunityGroup.objects.all(), "name", groups) == PLACES[persona]
    assert _served(user, Application.objects.all(), "group__name", groups) == PLACES[persona]
