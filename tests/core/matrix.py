"""The permission matrices' one reading: rows of Y (allowed) and . (denied), one cell per
(action, target) column, spaces only for the eye."""

from datetime import datetime
from typing import Any

import pytest
from django.utils import translation

from maeul.core.permissions import Action, can
from tests.korean import HANGUL


def matrix_cells(matrix: dict[str, str], columns: list[tuple[Any, Any]]) -> list[Any]:
    """One `pytest.param(persona, action, target, allowed)` per cell of `matrix`."""
    cells = []
    for persona, row in matrix.items():
        answers = row.replace(" ", "")
        assert len(answers) == len(columns), (
            f"{persona}: {len(answers)} cells, {len(columns)} columns"
        )
        for (action, target), answer in zip(columns, answers, strict=True):
            cells.append(
                pytest.param(
                    persona, action, target, answer == "Y", id=f"{persona}-{action.value}-{target}"
                )
            )
    return cells


def assert_cell(user: Any, action: Action, target: Any, allowed: bool, *, now: datetime) -> None:
    """`can` answers a cell as the matrix says, and a refusal gives its reason in Korean."""
    with translation.override("ko"):
        decision = can(user, action, target, now=now)

    assert decision.allowed is allowed
    if not allowed:
        assert HANGUL.search(decision.reason), (
            f"refusal without a Korean reason: {decision.reason!r}"
        )


def assert_every_action_has_a_column(columns: list[tuple[Any, Any]], *prefixes: str) -> None:
    """The matrix has a column for each action whose value starts with one of `prefixes`."""
    actions = {action for action in Action if action.value.startswith(prefixes)}
    assert {action for action, _target in columns} == actions
