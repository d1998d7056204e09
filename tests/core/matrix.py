"""The permission matrices' one reading: rows of Y (allowed) and . (denied), one cell per
(action, target) column, spaces only for the eye."""

from typing import Any

import pytest


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
