"""The licence the README and pyproject name is the one shipped, whole and unchanged."""

import hashlib
import tomllib
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

# The Free Software Foundation's agpl-3.0.txt (https://www.gnu.org/licenses/agpl-3.0.txt).
AGPL_3_SHA256 = "0d96a4ff68ad6d4b6f1f30f713b18d5184912ba8dd389f86aa7710db079abcb0"


def test_licence_file_is_the_agpl_text_unchanged() -> None:
    text = (REPO / "LICENSE").read_bytes()
    assert hashlib.sha256(text).hexdigest() == AGPL_3_SHA256


def test_project_metadata_and_readme_name_the_same_licence() -> None:
    project = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert project["license"] == "AGPL-3.0-or-later"
    assert "Licence: AGPL-3.0-or-later" in (REPO / "README.md").read_text(encoding="utf-8")
