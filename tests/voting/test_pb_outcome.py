"""`manage.py pb_outcome`: one JSON line on stdout, Korean errors through CommandError."""

from __future__ import annotations

import json
import re
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

SMALL = Path(__file__).resolve().parent / "fixtures" / "small_approval.pb"


def pb_outcome(*args: str) -> tuple[str, str]:
    stdout, stderr = StringIO(), StringIO()
    call_command("pb_outcome", *args, stdout=stdout, stderr=stderr)
    return stdout.getvalue(), stderr.getvalue()


@pytest.mark.parametrize(
    ("rule", "selected"),
    [("greedy", ["a", "c", "d"]), ("mes", ["c"]), ("mes-add1", ["a", "c", "d"])],
)
def test_pb_outcome_prints_one_json_line_of_sorted_ids(rule, selected):
    stdout, _stderr = pb_outcome(str(SMALL), "--rule", rule)
    assert stdout.count("\n") == 1
    assert json.loads(stdout) == {"selected": selected}


def test_pb_outcome_names_the_line_of_a_malformed_file(tmp_path):
    broken = tmp_path / "broken.pb"
    broken.write_text(SMALL.read_text(encoding="utf-8").replace("b;4;2", "b;four;2"))
    stdout = StringIO()
    with pytest.raises(
        CommandError, match=re.escape("13번째 줄: 프로젝트 비용이 숫자가 아닙니다.")
    ):
        call_command("pb_outcome", str(broken), "--rule", "greedy", stdout=stdout)
    assert stdout.getvalue() == ""


def test_pb_outcome_refuses_ballots_that_are_not_approval(tmp_path):
    ranked = tmp_path / "ranked.pb"
    ranked.write_text(SMALL.read_text(encoding="utf-8").replace("approval", "ordinal"))
    stdout = StringIO()
    with pytest.raises(CommandError, match="투표 방식 'ordinal'"):
        call_command("pb_outcome", str(ranked), "--rule", "mes", stdout=stdout)
    assert stdout.getvalue() == ""


def test_pb_outcome_reports_a_missing_file(tmp_path):
    with pytest.raises(CommandError, match="파일을 찾을 수 없습니다"):
        pb_outcome(str(tmp_path / "missing.pb"))


def test_pb_outcome_rejects_an_unknown_rule():
    with pytest.raises(CommandError):
        pb_outcome(str(SMALL), "--rule", "borda")


def test_manage_py_pb_outcome_runs_as_a_whole_command(tmp_path):
    """The contract other tools use: `python manage.py pb_outcome FILE --rule R` (no Django)."""
    import subprocess
    import sys

    root = Path(__file__).resolve().parents[2]
    done = subprocess.run(  # noqa: S603 -- our own manage.py with a fixed argument list
        [sys.executable, "manage.py", "pb_outcome", str(SMALL), "--rule", "mes"],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0 and done.stderr == ""
    assert json.loads(done.stdout) == {"selected": ["c"]}

    missing = subprocess.run(  # noqa: S603 -- as above
        [sys.executable, "manage.py", "pb_outcome", str(tmp_path / "none.pb")],
        cwd=root,
        capture_output=True,
        text=True,
        check=False,
    )
    assert missing.returncode == 1 and missing.stdout == ""
    assert "파일을 찾을 수 없습니다" in missing.stderr
