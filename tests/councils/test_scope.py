"""Which councils' rows a person serves, and how the staff pages answer everyone else.

Rows: one of each kind (term, member, call, agenda item, meeting, event, cycle step) for
독산1동's and 가산동's resident councils and 금천구's governance council. Pages: the council's
desk and its agenda desk (each had its own `_staff_council`, one 403 and one 404) and
their forms: not staff → 403 (anonymous → log in), outside one's scope → 404, in scope
but refused by the rules → 403 with the reason.
"""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from maeul.core import permissions
from maeul.core.permissions import Action, deny, scope_of
from maeul.councils.models import (
    AgendaItem,
    Council,
    CouncilEvent,
    CouncilMember,
    CyclePhase,
    CycleStep,
    EventKind,
    Meeting,
    MeetingKind,
    Recruitment,
    Term,
)
from tests.korean import assert_shows

pytestmark = pytest.mark.django_db

ALL = {"독산1동", "가산동", "협치회의"}
SERVED = {
    "anonymous": set(),
    "resident": set(),
    "neighbour": set(),
    "dong_staff": {"독산1동"},
    "other_dong_staff": {"가산동"},
    "district_staff": ALL,
    "other_district_staff": set(),
    "support_centre_staff": set(),
    "committee_member": set(),
    "site_admin": ALL,
}
MODELS = [Council, Term, CouncilMember, Recruitment, AgendaItem, Meeting, CouncilEvent, CycleStep]


def _short(council: Council) -> str:
    return council.dong.name if council.dong else "협치회의"


def _login(request, client, persona: str) -> None:
    user = request.getfixturevalue(persona)
    client.force_login(getattr(user, "user", user))  # `council_member` is a membership


def _council_of(row):
    if isinstance(row, Council):
        return row
    if isinstance(row, CouncilMember | Recruitment):
        return row.term.council
    return row.council


@pytest.fixture
def councils(doksan1_council, gasan_council, governance_council, now):
    """Every council with one row of each kind."""
    rows = [doksan1_council, gasan_council, governance_council]
    for council in rows:
        term = council.terms.get()
        CouncilMember.objects.create(term=term, public_name="위원", joined_on=term.starts_on)
        Recruitment.objects.create(
            term=term, seats=5, opens_at=now, closes_at=now + timedelta(days=7)
        )
        AgendaItem.objects.create(council=council, year=2027, title="의제", created_at=now)
        Meeting.objects.create(council=council, kind=MeetingKind.JOINT, held_at=now)
        CouncilEvent.objects.create(
            council=council,
            kind=EventKind.POLICY_SHARING,
            year=2027,
            title="정책공유회",
            starts_at=now,
            place="주민센터",
            created_at=now,
        )
        CycleStep.objects.create(
            council=council,
            year=2027,
            phase=CyclePhase.EXECUTION,
            starts_on=timezone.localdate(now),
            ends_on=timezone.localdate(now),
        )
    return rows


@pytest.mark.parametrize("persona", SERVED)
def test_staff_see_the_rows_of_the_councils_they_serve(request, councils, persona):
    user = request.getfixturevalue(persona)

    seen = {
        model.__name__: sorted(
            _short(_council_of(row)) for row in scope_of(user).rows(model.objects.all())
        )
        for model in MODELS
    }

    assert seen == {model.__name__: sorted(SERVED[persona]) for model in MODELS}


# --- The staff pages ----------------------------------------------------------------------
DESKS = ["councils:staff_desk", "councils:staff_agenda"]
PAGE_STATUS = {
    "resident": 403,
    "council_member": 403,
    "neighbour": 403,
    "committee_member": 403,
    "dong_staff": 200,
    "other_dong_staff": 404,
    "district_staff": 200,
    "other_district_staff": 404,
    "support_centre_staff": 404,
    "site_admin": 200,
}


@pytest.mark.parametrize("persona", PAGE_STATUS)
@pytest.mark.parametrize("desk", DESKS)
def test_the_desks_answer_each_persona_the_same_way(
    request, client, doksan1_council, persona, desk
):
    _login(request, client, persona)

    response = client.get(reverse(desk, kwargs={"pk": doksan1_council.pk}))

    assert response.status_code == PAGE_STATUS[persona]


@pytest.mark.parametrize("desk", DESKS)
def test_the_desks_send_anonymous_people_to_log_in(client, doksan1_council, desk):
    response = client.get(reverse(desk, kwargs={"pk": doksan1_council.pk}))

    assert response.status_code == 302
    assert reverse("account_login") in response["Location"]


# A form of each desk: the term of the council desk, the section of the agenda desk.
FORMS = [
    ("councils:staff_start_term", {"number": "3", "starts_on": "2040-01-01"}, Term),
    ("councils:staff_meeting", {"kind": MeetingKind.JOINT, "held_at": "2020-01-01T19:00"}, Meeting),
]


@pytest.mark.parametrize(("name", "data", "model"), FORMS)
@pytest.mark.parametrize(
    ("persona", "status"),
    [("resident", 403), ("other_dong_staff", 404), ("support_centre_staff", 404)],
)
def test_refused_forms_change_nothing(
    request, client, doksan1_council, persona, status, name, data, model
):
    before = model.objects.count()
    _login(request, client, persona)

    response = client.post(reverse(name, kwargs={"pk": doksan1_council.pk}), data)

    assert response.status_code == status
    assert model.objects.count() == before


REFUSAL = "이 협의체는 지금 관리할 수 없습니다."


@pytest.fixture
def manage_refused(monkeypatch):
    """A rule that refuses to manage any council, with its reason (none does so today)."""
    monkeypatch.setitem(
        permissions.RULES, Action.MANAGE_COUNCIL, lambda user, target, now: deny(REFUSAL)
    )


@pytest.mark.parametrize("desk", DESKS)
def test_a_desk_in_scope_that_the_rules_refuse_is_403_with_the_reason(
    client, doksan1_council, dong_staff, manage_refused, desk
):
    client.force_login(dong_staff)

    response = client.get(reverse(desk, kwargs={"pk": doksan1_council.pk}))

    assert response.status_code == 403
    assert REFUSAL in response.content.decode()


@pytest.mark.parametrize(("name", "data", "model"), FORMS)
def test_a_form_in_scope_that_the_rules_refuse_is_403_with_the_reason(
    client, doksan1_council, dong_staff, manage_refused, name, data, model
):
    before = model.objects.count()
    client.force_login(dong_staff)

    response = client.post(reverse(name, kwargs={"pk": doksan1_council.pk}), data)

    assert response.status_code == 403
    assert REFUSAL in response.content.decode()
    assert model.objects.count() == before


def test_a_refusal_by_the_service_shows_beside_its_field(client, doksan1_council, dong_staff):
    client.force_login(dong_staff)

    response = client.post(
        reverse("councils:staff_plan_cycle", kwargs={"pk": doksan1_council.pk}), {"year": "1999"}
    )

    assert response.status_code == 400
    assert response.context["cycle_form"].errors["year"]
    assert_shows(response, "Enter a year between 2000 and 2100.")
    assert not doksan1_council.cycle_steps.exists()
