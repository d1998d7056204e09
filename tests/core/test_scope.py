"""Which rows staff serve (`scope_of(user).rows`), and the two ways a view insists on a
permission (`require`, `staff_required`) and the one a service does (`enforce`)."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.test import RequestFactory
from django.utils import timezone

from maeul.accounts.models import DongTie
from maeul.core.errors import RuleViolation
from maeul.core.permissions import (
    Action,
    RowScope,
    enforce,
    require,
    scope_of,
    staff_required,
)
from maeul.core.permissions.scope import ROW_SCOPES
from maeul.places.models import Department
from maeul.proposals.models import Comment, Proposal
from tests.factories import DongTieFactory
from tests.korean import korean
from tests.proposals.factories import CommentFactory, ProposalFactory

PERSONAS = [
    "site_admin",
    "district_staff",
    "dong_staff",
    "other_dong_staff",
    "other_district_staff",
    "support_centre_staff",
    "resident",
    "anonymous",
]

# Who serves which proposal: 독산1동's, 가산동's, one for all of 금천구, one of 영등포구 당산1동.
SERVED = {
    "site_admin": {"doksan1", "gasan", "geumcheon", "dangsan1"},
    "district_staff": {"doksan1", "gasan", "geumcheon"},
    "dong_staff": {"doksan1"},
    "other_dong_staff": {"gasan"},
    "other_district_staff": {"dangsan1"},
    "support_centre_staff": set(),
    "resident": set(),
    "anonymous": set(),
}


@pytest.fixture
def proposals(doksan1, gasan, geumcheon, dangsan1) -> dict[str, Proposal]:
    return {
        "doksan1": ProposalFactory(dong=doksan1),
        "gasan": ProposalFactory(dong=gasan),
        "geumcheon": ProposalFactory(district=geumcheon, dong=None),
        "dangsan1": ProposalFactory(dong=dangsan1),
    }


def _names(rows, proposals) -> set[str]:
    found = {row.pk for row in rows}
    return {name for name, proposal in proposals.items() if proposal.pk in found}


@pytest.mark.parametrize("persona", PERSONAS)
def test_staff_get_the_proposals_of_the_places_they_serve(request, proposals, persona):
    user = request.getfixturevalue(persona)

    rows = scope_of(user).rows(Proposal.objects.all())

    assert _names(rows, proposals) == SERVED[persona]


@pytest.mark.parametrize("persona", PERSONAS)
def test_comments_follow_their_proposal(request, proposals, persona):
    comments = {name: CommentFactory(proposal=p) for name, p in proposals.items()}
    user = request.getfixturevalue(persona)

    rows = scope_of(user).rows(Comment.objects.all())

    assert {c.proposal_id for c in rows} == {comments[name].proposal_id for name in SERVED[persona]}


def test_rows_keep_the_queryset_they_are_given(proposals, district_staff):
    rows = scope_of(district_staff).rows(Proposal.objects.public().filter(dong__isnull=True))

    assert list(rows) == [proposals["geumcheon"]]


def test_dong_staff_may_also_serve_their_districts_district_wide_rows(
    monkeypatch, proposals, dong_staff
):
    monkeypatch.setitem(
        ROW_SCOPES,
        Proposal,
        RowScope(district="district_id", dong="dong_id", district_rows_for_dong_staff=True),
    )

    rows = scope_of(dong_staff).rows(Proposal.objects.all())

    assert _names(rows, proposals) == {"doksan1", "geumcheon"}


def test_only_current_dong_ties_are_served(resident, neighbour, dong_staff, gasan):
    moved = resident.dong_ties.get()
    moved.ended_at = timezone.now()
    moved.save()
    DongTieFactory(user=resident, dong=gasan, kind="works")

    rows = scope_of(dong_staff).rows(DongTie.objects.current())

    assert not rows.exists()  # 독산1동 staff no longer serve someone who moved away


def test_a_model_nobody_registered_is_a_programming_error(district_staff):
    with pytest.raises(KeyError):
        scope_of(district_staff).rows(Department.objects.all())


# --- require, enforce, staff_required ------------------------------------------------------


def test_require_refuses_with_the_reason(resident):
    with pytest.raises(PermissionDenied) as refused:
        require(resident, Action.VIEW_STAFF_PAGES, now=timezone.now())

    assert str(refused.value) == korean("Only staff may do this.")


def test_require_lets_the_allowed_through(proposals, dong_staff):
    require(dong_staff, Action.MODERATE_PROPOSAL, proposals["doksan1"], now=timezone.now())


def test_enforce_refuses_as_a_rule_about_who(proposals, other_dong_staff):
    with pytest.raises(RuleViolation) as refused:
        enforce(
            other_dong_staff, Action.MODERATE_PROPOSAL, proposals["doksan1"], now=timezone.now()
        )

    assert refused.value.code == "forbidden"
    assert refused.value.message == korean(
        "This is outside the dongs and districts you are responsible for."
    )


@staff_required
def _staff_page(request):
    return HttpResponse("desk")


def _get(user):
    request = RequestFactory().get("/staff/somewhere/?page=2")
    request.user = user
    return request


def test_staff_required_sends_anonymous_people_to_log_in(db):
    response = _staff_page(_get(AnonymousUser()))

    assert response.status_code == 302
    assert "next=/staff/somewhere/%3Fpage%3D2" in response["Location"]


@pytest.mark.parametrize("persona", ["resident", "committee_member"])
def test_staff_required_refuses_people_who_are_not_staff(request, persona):
    with pytest.raises(PermissionDenied):
        _staff_page(_get(request.getfixturevalue(persona)))


@pytest.mark.parametrize(
    "persona", ["site_admin", "district_staff", "dong_staff", "support_centre_staff"]
)
def test_staff_required_opens_the_page_to_staff(request, persona):
    response = _staff_page(_get(request.getfixturevalue(persona)))

    assert response.content == b"desk"
