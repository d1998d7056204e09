"""Who may confirm a dong tie and correct a birth year: persona by target, one answer per cell.

Targets are people (not the personas) with one current tie each:
- 독산1동 / 가산동 (금천구), 당산1동 (영등포구): confirm that person's tie;
- the same people: correct their birth year.
"""

import pytest
from django.utils import timezone

from maeul.core.permissions import Action, can
from tests.factories import DongTieFactory, UserFactory
from tests.korean import HANGUL, korean

A = Action
COLUMNS = [
    (A.CONFIRM_TIE, "독산1동"),
    (A.CONFIRM_TIE, "가산동"),
    (A.CONFIRM_TIE, "당산1동"),
    (A.CORRECT_BIRTH_YEAR, "독산1동"),
    (A.CORRECT_BIRTH_YEAR, "가산동"),
    (A.CORRECT_BIRTH_YEAR, "당산1동"),
]

# Y = allowed, . = denied; confirm tie (독산1 가산 당산1) | correct birth year (독산1 가산 당산1).
# Confirming is done at a counter: staff of the dong or its district, not site admins.
MATRIX = {
    "anonymous": "...  ...",
    "resident": "...  ...",
    "unverified_resident": "...  ...",
    "neighbour": "...  ...",
    "dong_staff": "Y..  Y..",
    "other_dong_staff": ".Y.  .Y.",
    "district_staff": "YY.  YY.",
    "other_district_staff": "..Y  ..Y",
    "support_centre_staff": "...  ...",
    "committee_member": "...  ...",
    "site_admin": "...  YYY",
}


@pytest.fixture
def people(doksan1, gasan, dangsan1):
    built = {}
    for dong in (doksan1, gasan, dangsan1):
        person = UserFactory()
        built[dong.name] = DongTieFactory(user=person, dong=dong)
    return built


@pytest.mark.parametrize("persona", list(MATRIX))
def test_tie_and_birth_year_matrix(request, people, persona):
    user = request.getfixturevalue(persona)
    cells = MATRIX[persona].replace(" ", "")

    wrong = []
    for (action, dong), cell in zip(COLUMNS, cells, strict=True):
        tie = people[dong]
        target = tie if action == A.CONFIRM_TIE else tie.user
        decision = can(user, action, target, now=timezone.now())
        if bool(decision) is not (cell == "Y"):
            wrong.append(f"{action.value} on {dong}: expected {cell}")
        elif not decision and not HANGUL.search(decision.reason):
            wrong.append(f"{action.value} on {dong}: refused without a Korean reason")

    assert not wrong, f"{persona}: " + "; ".join(wrong)


def test_other_dong_staff_is_told_it_is_outside_their_dongs(other_dong_staff, people):
    decision = can(other_dong_staff, A.CONFIRM_TIE, people["독산1동"], now=timezone.now())

    assert decision.reason == korean(
        "This is outside the dongs and districts you are responsible for."
    )


def test_staff_cannot_confirm_their_own_tie(dong_staff, doksan1):
    own = DongTieFactory(user=dong_staff, dong=doksan1)

    decision = can(dong_staff, A.CONFIRM_TIE, own, now=timezone.now())

    assert not decision
    assert decision.reason == korean("You cannot confirm your own tie.")


def test_an_ended_tie_cannot_be_confirmed(dong_staff, people):
    tie = people["독산1동"]
    tie.ended_at = timezone.now()
    tie.save()

    decision = can(dong_staff, A.CONFIRM_TIE, tie, now=timezone.now())

    assert not decision
    assert decision.reason == korean("This tie has ended.")


def test_an_ended_tie_gives_staff_no_say_over_the_birth_year(dong_staff, people):
    tie = people["독산1동"]
    tie.ended_at = timezone.now()
    tie.save()

    assert not can(dong_staff, A.CORRECT_BIRTH_YEAR, tie.user, now=timezone.now())


def test_staff_cannot_correct_their_own_birth_year(dong_staff, doksan1):
    DongTieFactory(user=dong_staff, dong=doksan1)

    decision = can(dong_staff, A.CORRECT_BIRTH_YEAR, dong_staff, now=timezone.now())

    assert not decision
    assert decision.reason == korean("You cannot correct your own birth year.")
