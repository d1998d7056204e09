"""Which spaces each persona serves: `scope_of(user).rows(...)` on a 독산1동 and a 가산동 space."""

import pytest

from maeul.core.permissions import scope_of
from maeul.spaces.models import Space

pytestmark = pytest.mark.django_db

SCOPE = {
    "dong_staff": "Y.",
    "other_dong_staff": ".Y",
    "district_staff": "YY",
    "other_district_staff": "..",
    "resident": "..",
}


@pytest.mark.parametrize("persona", SCOPE)
def test_staff_serve_the_spaces_of_their_places(space, other_space, persona, request):
    user = request.getfixturevalue(persona)
    served = set(scope_of(user).rows(Space.objects.all()))
    assert "".join("Y" if row in served else "." for row in (space, other_space)) == SCOPE[persona]
