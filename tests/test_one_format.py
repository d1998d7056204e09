"""All Python is laid out by `ruff format`, with no hand-kept exceptions.

A hand-packed statement reads differently from its neighbours and hides repeated code from
`duplicates`, which counts lines; `make lint` checks the format, this checks nothing opts out.
"""

from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
FOLDERS = ("maeul", "tests", "scripts", "bench")
OPT_OUTS = ("fmt: skip", "fmt: off", "yapf: disable")


def test_no_python_file_opts_out_of_the_formatter() -> None:
    ours = [path for folder in FOLDERS for path in (REPO / folder).rglob("*.py")]
    opting_out = [
        f"{path.relative_to(REPO)}:{number}"
        for path in ours
        if path != Path(__file__).resolve()
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if any(f"# {marker}" in line for marker in OPT_OUTS)
    ]
    assert opting_out == []
