"""The permission matrix: persona by action by target, one written-out answer per cell.

Foundation actions here; proposal actions in test_permissions_proposals.py (and later
capabilities in their own matrix files), all listed in MATRICES below.
"""

import importlib

import pytest
from django.utils import timezone

from maeul.core import permissions
from maeul.core.permissions import Action, can
from tests.factories import DongTieFactory, UserFactory
from tests.korean import HANGUL, korean

# The targets every persona is asked about. People are unverified residents tied to a dong.
TARGETS = {
    "none": None,
    "독산1동 주민": ("person", "독산1동"),
    "가산동 주민": ("person", "가산동"),
    "영등포구 주민": ("person", "당산1동"),
    "무소속 주민": ("person", None),
    "독산1동": ("dong", "독산1동"),
    "가산동": ("dong", "가산동"),
    "당산1동": ("dong", "당산1동"),
    "금천구": ("district", "금천구"),
    "영등포구": ("district", "영등포구"),
}

COLUMNS = [
    (Action.USE_ADMIN, "none"),
    (Action.VIEW_AUDIT_LOG, "none"),
    (Action.MANAGE_ROLES, "none"),
    (Action.VIEW_STAFF_PAGES, "none"),
    (Action.VERIFY_IN_PERSON, "독산1동 주민"),
    (Action.VERIFY_IN_PERSON, "가산동 주민"),
    (Action.VERIFY_IN_PERSON, "영등포구 주민"),
    (Action.CHANGE_DONG, "독산1동"),
    (Action.CHANGE_DONG, "가산동"),
    (Action.CHANGE_DONG, "당산1동"),
    (Action.CHANGE_DISTRICT, "금천구"),
    (Action.CHANGE_DISTRICT, "영등포구"),
    (Action.LOOK_UP_RESIDENT, "none"),
    (Action.LOOK_UP_RESIDENT, "독산1동 주민"),
    (Action.LOOK_UP_RESIDENT, "가산동 주민"),
    (Action.LOOK_UP_RESIDENT, "영등포구 주민"),
    (Action.LOOK_UP_RESIDENT, "무소속 주민"),
]

# Y = allowed, . = denied. Staff of 독산1동 / 가산동 / 금천구 / 영등포구 as in tests/conftest.py.
#                           admin audit roles staff | verify: 독산1 가산 영등포 |
#                           change dong: 독산1 가산 당산1 | change district: 금천 영등포 |
#                           look up a resident: at all, 독산1 가산 영등포, without a tie
MATRIX = {
    "anonymous": "....  ...  ...  ..  .....",
    "resident": "....  ...  ...  ..  .....",
    "unverified_resident": "....  ...  ...  ..  .....",
    "neighbour": "....  ...  ...  ..  .....",
    "dong_staff": "...Y  Y..  Y..  ..  YY...",
    "other_dong_staff": "...Y  .Y.  .Y.  ..  Y.Y..",
    "district_staff": "...Y  YY.  YY.  Y.  YYY..",
    "other_district_staff": "...Y  ..Y  ..Y  .Y  Y..Y.",
    "support_centre_staff": "...Y  ...  ...  ..  .....",
    "committee_member": "....  ...  ...  ..  .....",
    "site_admin": "YYYY  YYY  YYY  YY  YYYYY",
}


# Every module whose COLUMNS list (action, target) pairs of a written-out permission matrix.
# A capability that adds actions adds its matrix module here.
MATRICES = [
    "tests.core.test_permissions",
    "tests.core.test_permissions_proposals",
    "tests.core.test_permissions_voting",
    "tests.core.test_permissions_councils",
    "tests.core.test_permissions_ties",
    "tests.core.test_permissions_grants",
    "tests.core.test_permissions_spaces",
    "tests.core.test_permissions_consultations",
    "tests.core.test_permissions_courses",
    "tests.core.test_permissions_archive",
    "tests.core.test_permissions_volunteering",
]


def _expected(persona: str) -> list[tuple[Action, str, bool]]:
    cells = MATRIX[persona].replace(" ", "")
    assert len(cells) == len(COLUMNS)
    return [
        (action, target, cell == "Y") for (action, target), cell in zip(COLUMNS, cells, strict=True)
    ]


@pytest.fixture
def targets(doksan1, gasan, dangsan1, geumcheon, yeongdeungpo):
    dongs = {dong.name: dong for dong in (doksan1, gasan, dangsan1)}
    districts = {district.name: district for district in (geumcheon, yeongdeungpo)}

    def person(dong):
        user = UserFactory()
        if dong is not None:
            DongTieFactory(user=user, dong=dong)
        return user

    built = {}
    for key, spec in TARGETS.items():
        if spec is None:
            built[key] = None
        elif spec[0] == "person":
            built[key] = person(dongs[spec[1]] if spec[1] else None)
        elif spec[0] == "dong":
            built[key] = dongs[spec[1]]
        else:
            built[key] = districts[spec[1]]
    return built


@pytest.mark.parametrize("persona", list(MATRIX))
def test_permission_matrix(request, targets, persona):
    user = request.getfixturevalue(persona)

    wrong = []
    for action, target, allowed in _expected(persona):
        decision = can(user, action, targets[target], now=timezone.now())
        if decision.allowed is not allowed or bool(decision) is not allowed:
            wrong.append(
                f"{action.value} on {target}: expected {'allowed' if allowed else 'denied'}"
            )
        if not decision and not decision.reason.strip():
            wrong.append(f"{action.value} on {target}: refused without a reason")

    assert not wrong, f"{persona}: " + "; ".join(wrong)


def test_every_action_has_a_column_in_a_matrix():
    covered = {
        action for module in MATRICES for action, _target in importlib.import_module(module).COLUMNS
    }
    assert set(Action) - covered == set(), "actions without a row in any permission matrix"


def test_every_action_has_a_rule():
    assert set(permissions.RULES) == set(Action)


def test_every_persona_has_a_row_in_the_matrix():
    personas = {
        "anonymous",
        "resident",
        "unverified_resident",
        "neighbour",
        "dong_staff",
        "other_dong_staff",
        "district_staff",
        "other_district_staff",
        "support_centre_staff",
        "committee_member",
        "site_admin",
    }
    assert set(MATRIX) == personas


@pytest.mark.parametrize(
    ("persona", "action", "target", "msgid"),
    [
        ("anonymous", Action.VIEW_STAFF_PAGES, "none", "Please log in first."),
        ("resident", Action.VIEW_STAFF_PAGES, "none", "Only staff may do this."),
        ("resident", Action.CHANGE_DONG, "독산1동", "Only staff may do this."),
        ("dong_staff", Action.USE_ADMIN, "none", "Only site administrators may do this."),
        (
            "dong_staff",
            Action.VERIFY_IN_PERSON,
            "가산동 주민",
            "This is outside the dongs and districts you are responsible for.",
        ),
        (
            "other_district_staff",
            Action.CHANGE_DISTRICT,
            "금천구",
            "This is outside the dongs and districts you are responsible for.",
        ),
    ],
)
def test_refusal_reason_is_korean(request, targets, persona, action, target, msgid):
    decision = can(request.getfixturevalue(persona), action, targets[target], now=timezone.now())

    assert not decision
    assert HANGUL.search(decision.reason)
    assert decision.reason == korean(msgid)


def test_staff_cannot_verify_their_own_account(dong_staff, doksan1):
    DongTieFactory(user=dong_staff, dong=doksan1)

    decision = can(dong_staff, Action.VERIFY_IN_PERSON, dong_staff, now=timezone.now())

    assert not decision
    assert decision.reason == korean("You cannot verify your own account.")


def test_staff_cannot_verify_a_person_without_a_dong_tie(dong_staff, db):
    decision = can(dong_staff, Action.VERIFY_IN_PERSON, UserFactory(), now=timezone.now())

    assert not decision
    assert decision.reason == korean(
        "This person has no dong tie yet. Ask them to add one to their profile."
    )


def test_verify_in_person_needs_a_person_as_target(site_admin, dong_staff, doksan1):
    assert not can(dong_staff, Action.VERIFY_IN_PERSON, doksan1, now=timezone.now())
    assert not can(site_admin, Action.VERIFY_IN_PERSON, None, now=timezone.now())


@pytest.mark.parametrize("persona", ["dong_staff", "district_staff", "site_admin"])
def test_deactivated_staff_is_denied_everything(request, targets, persona):
    user = request.getfixturevalue(persona)
    assert can(
        user, Action.VIEW_STAFF_PAGES, now=timezone.now()
    )  # the roles are loaded and cached on the user

    user.is_active = False
    user.save()

    for action, target in COLUMNS:
        assert not can(user, action, targets[target], now=timezone.now()), (action, target)
    for action in Action:
        decision = can(user, action, None, now=timezone.now())
        assert not decision, action
        assert decision.reason
    assert not user.has_perm("core.view_auditentry")
    assert not user.has_module_perms("core")


def test_only_site_admins_hold_back_office_permissions(site_admin, district_staff):
    assert site_admin.has_perm("core.view_auditentry")
    assert site_admin.has_module_perms("accounts")
    assert not district_staff.has_perm("core.view_auditentry")
    assert not district_staff.has_module_perms("accounts")
