"""Time whole `manage.py pb_outcome` commands against pabutools on the largest pabulib files.

Usage:
    python bench/bench_pb_outcome.py [--reps N] [--pabutools-reps N] [--pabutools-timeout S]
                                     [--rules greedy mes mes-add1] [--files NAME ...]

Both sides are timed as fresh processes, in the same run: ours is the management command
(Python start, Django setup, parsing, counting, printing); pabutools is
`scripts/pabutools_oracle.py --one` (Python start, `parse_pabulib`, the rule). Figures are
medians of wall-clock seconds. A pabutools run past its time limit is recorded as a timeout,
and the ratio then as a lower bound. Results go to bench/results/pb_outcome.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DATA = Path(os.environ.get("MAEUL_PABULIB_DIR", REPO / ".." / "shared" / "data" / "pabulib"))
OUT = REPO / "bench" / "results" / "pb_outcome.json"
# The largest approval and choose-1 files of the shared set. Kraków 2021, also among the
# largest, has ordinal ballots, which pb_outcome refuses; it is left out for that reason.
DEFAULT_FILES = (
    "Poland_Wroclaw_2020.pb",
    "Poland_Lodz_2023.pb",
    "Poland_Wroclaw_2017.pb",
    "Netherlands_Amsterdam_621.pb",
    "Poland_Warszawa_2020_Praga-Poludnie.pb",
)
RULES = ("greedy", "mes", "mes-add1")


def timed(command: list[str], timeout: float) -> tuple[float | None, str]:
    """Wall-clock seconds and stdout of one run, or None when it passed the time limit."""
    started = time.perf_counter()
    try:
        completed = subprocess.run(
            command, capture_output=True, text=True, timeout=timeout, check=True, cwd=REPO
        )
    except subprocess.TimeoutExpired:
        return None, ""
    return time.perf_counter() - started, completed.stdout


def ours(path: Path, rule: str, reps: int, timeout: float) -> tuple[list[float], list[str]]:
    command = [sys.executable, "manage.py", "pb_outcome", str(path), "--rule", rule]
    seconds: list[float] = []
    selected: list[str] = []
    for _ in range(reps):
        elapsed, stdout = timed(command, timeout)
        assert elapsed is not None, f"pb_outcome {path.name} {rule} took over {timeout} s"
        seconds.append(elapsed)
        selected = json.loads(stdout)["selected"]
    return seconds, selected


def pabutools(
    path: Path, rule: str, reps: int, timeout: float
) -> tuple[list[float], list[str] | None]:
    command = [sys.executable, "scripts/pabutools_oracle.py", "--one", str(path), rule]
    seconds: list[float] = []
    selected: list[str] | None = None
    for _ in range(reps):
        elapsed, stdout = timed(command, timeout)
        if elapsed is None:
            return [], None
        seconds.append(elapsed)
        selected = json.loads(stdout)
    return seconds, selected


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--reps", type=int, default=5, help="runs of pb_outcome per case")
    parser.add_argument("--pabutools-reps", type=int, default=1, help="runs of pabutools")
    parser.add_argument("--pabutools-timeout", type=float, default=600.0)
    parser.add_argument("--timeout", type=float, default=120.0, help="limit for one pb_outcome")
    parser.add_argument("--rules", nargs="+", choices=RULES, default=list(RULES))
    parser.add_argument("--files", nargs="+", default=list(DEFAULT_FILES))
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()

    cases = []
    for name in args.files:
        path = (DATA / name).resolve()
        if not path.exists():
            print(f"skipped {name}: not found in {DATA}", file=sys.stderr)
            continue
        for rule in args.rules:
            our_seconds, our_selected = ours(path, rule, args.reps, args.timeout)
            their_seconds, their_selected = pabutools(
                path, rule, args.pabutools_reps, args.pabutools_timeout
            )
            our_median = statistics.median(our_seconds)
            case: dict[str, object] = {
                "file": name,
                "rule": rule,
                "pb_outcome_median_s": round(our_median, 3),
                "pb_outcome_runs_s": [round(second, 3) for second in our_seconds],
            }
            if their_selected is None:
                case["pabutools"] = {"timeout": args.pabutools_timeout}
                case["speedup_at_least"] = round(args.pabutools_timeout / our_median, 1)
            else:
                their_median = statistics.median(their_seconds)
                case["pabutools_median_s"] = round(their_median, 3)
                case["pabutools_runs_s"] = [round(second, 3) for second in their_seconds]
                case["speedup"] = round(their_median / our_median, 1)
                case["same_outcome"] = their_selected == our_selected
            print(json.dumps(case), flush=True)
            cases.append(case)

    args.out.parent.mkdir(parents=True, exist_ok=True)
    report = {
        "command": " ".join(["python", "bench/bench_pb_outcome.py", *sys.argv[1:]]),
        "machine": {
            "python": platform.python_version(),
            "platform": platform.platform(),
            "cpus": os.cpu_count(),
        },
        "cases": cases,
    }
    args.out.write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
