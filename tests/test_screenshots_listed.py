"""The README shows every picture `make screenshots` makes, and only those."""

import re
from pathlib import Path

from scripts.screenshots import SHOTS

REPO = Path(__file__).resolve().parents[1]


def test_readme_pictures_are_the_shots_and_exist() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    shown = set(re.findall(r'<img src="docs/screenshots/([\w-]+)\.png"', readme))
    assert shown == {shot.name for shot in SHOTS}
    for name in shown:
        assert (REPO / "docs" / "screenshots" / f"{name}.png").stat().st_size > 10_000
