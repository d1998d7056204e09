"""Record pabutools' outcomes on the shared pabulib files, as the oracle for our counting engine.

Usage:
    python scripts/pabutools_oracle.py [--data DIR] [--out FILE] [--timeout S] [--jobs N] [--force]

Every (file, rule) pair runs in its own subprocess with a time limit; a run that does not
finish is written as {"timeout": seconds}, never guessed. Results are saved after each run,
so an interrupted run resumes where it stopped (pairs already stored are skipped unless
--force). Only files whose vote_type is approval or choose-1 are used: pabutools reads
choose-1 as approval, and our engine counts nothing else.

The mes-add1 call is the one documented in docs/counting.md:
completion_by_rule_combination with exhaustion_by_budget_increase (MES, Cost_Sat, the total
budget raised by one unit per voter each step) and then greedy_utilitarian_welfare (Cost_Sat).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from threading import Lock

REPO = Path(__file__).resolve().parents[1]
DEFAULT_DATA = REPO / ".." / "shared" / "data" / "pabulib"
DEFAULT_OUT = REPO / "tests" / "voting" / "fixtures" / "pabutools_outcomes.json"
RULES = ("greedy", "mes", "mes-add1")
COUNTED_VOTE_TYPES = ("approval", "choose-1")


def pabutools_outcome(path: str, rule: str) -> list[str]:
    """Run one rule of pabutools 1.2.3 on one file; the selected project ids, sorted."""
    from pabutools.election import Cost_Sat, parse_pabulib
    from pabutools.rules import (
        completion_by_rule_combination,
        exhaustion_by_budget_increase,
        greedy_utilitarian_welfare,
        method_of_equal_shares,
    )

    instance, profile = parse_pabulib(path)
    if rule == "greedy":
        allocation = greedy_utilitarian_welfare(instance, profile, sat_class=Cost_Sat)
    elif rule == "mes":
        allocation = method_of_equal_shares(instance, profile, sat_class=Cost_Sat)
    elif rule == "mes-add1":
        allocation = completion_by_rule_combination(
            instance,
            profile,
            [exhaustion_by_budget_increase, greedy_utilitarian_welfare],
            [
                {
                    "rule": method_of_equal_shares,
                    "rule_params": {"sat_class": Cost_Sat},
                    # exhaustion_by_budget_increase raises the total budget: one unit per
                    # voter is the "add one" (Add1) completion of MES.
                    "budget_step": profile.num_ballots(),
                },
                {"sat_class": Cost_Sat},
            ],
        )
    else:
        raise ValueError(rule)
    return sorted(str(project.name) for project in allocation)


def vote_type(path: Path) -> str:
    """The vote_type declared in a pabulib file's META section (approval when absent)."""
    with path.open(encoding="utf-8-sig") as handle:
        for line in handle:
            fields = [field.strip().strip('"') for field in line.split(";")]
            if fields[0].lower() in ("projects", "votes"):
                break
            if fields[0] == "vote_type" and len(fields) > 1:
                return fields[1]
    return "approval"


def counted_files(data_dir: Path) -> list[Path]:
    """Approval and choose-1 files, smallest first, so quick results land early."""
    files = [path for path in data_dir.glob("*.pb") if vote_type(path) in COUNTED_VOTE_TYPES]
    return sorted(files, key=lambda path: path.stat().st_size)


def run_one(path: Path, rule: str, timeout: float) -> tuple[list[str] | dict[str, float], float]:
    """Run one pair in a subprocess; its outcome (or the timeout marker) and wall time."""
    started = time.perf_counter()
    try:
        completed = subprocess.run(
            [sys.executable, __file__, "--one", str(path), rule],
            capture_output=True,
            text=True,
            timeout=timeout,
            check=True,
        )
    except subprocess.TimeoutExpired:
        return {"timeout": timeout}, time.perf_counter() - started
    except subprocess.CalledProcessError as error:
        raise RuntimeError(f"{path.name} {rule}: {error.stderr}") from error
    selected: list[str] = json.loads(completed.stdout)
    return selected, time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--timeout", type=float, default=600.0)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--force", action="store_true")
    parser.add_argument("--one", nargs=2, metavar=("FILE", "RULE"), help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.one:
        print(json.dumps(pabutools_outcome(args.one[0], args.one[1])))
        return

    results: dict[str, dict[str, object]] = {}
    if args.out.exists() and not args.force:
        results = json.loads(args.out.read_text(encoding="utf-8"))
    pending = [
        (path, rule)
        for path in counted_files(args.data.resolve())
        for rule in RULES
        if rule not in results.get(path.name, {})
    ]
    lock = Lock()

    def record(pair: tuple[Path, str]) -> None:
        path, rule = pair
        outcome, seconds = run_one(path, rule, args.timeout)
        with lock:
            results.setdefault(path.name, {})[rule] = outcome
            ordered = {name: dict(sorted(rules.items())) for name, rules in sorted(results.items())}
            args.out.parent.mkdir(parents=True, exist_ok=True)
            args.out.write_text(
                json.dumps(ordered, indent=1, ensure_ascii=False) + "\n", encoding="utf-8"
            )
            status = "timeout" if isinstance(outcome, dict) else f"{len(outcome)} selected"
            print(f"{path.name}\t{rule}\t{seconds:.1f}s\t{status}", flush=True)

    with ThreadPoolExecutor(max_workers=args.jobs) as pool:
        list(pool.map(record, pending))


if __name__ == "__main__":
    main()
