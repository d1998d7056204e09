"""MES with add-one completion (mes-add1) on every shared pabulib file and a synthetic million.

Times the counting alone (`maeul.voting.counting.completion.mes_add1` on a parsed profile:
no Python start-up, no parsing), wall clock and CPU time of this process, one run per file
(`--reps` for more; the median is reported). The load average before and after is recorded:
on a shared machine the wall clock grows with the other work, the CPU time much less.

`--million` adds the synthetic million of bench/bench_counting.py (1,000,000 approval
ballots over 100 options, the same generator and seed), built in memory without a database;
it takes minutes, so it is opt-in. Goals (issue 18): under 5 s on every shared file, under
30 s on the million.

Usage: python bench/bench_add1.py [--reps N] [--million] [--files NAME ...]
Results: bench/results/add1.json (add1-million.json with --million).
"""

import argparse
import os
import statistics
import sys
import time
from collections import Counter
from fractions import Fraction
from pathlib import Path
from typing import Any

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.harness import write_results
from maeul.voting.counting import parse_pabulib_file
from maeul.voting.counting.completion import mes_add1
from maeul.voting.counting.profile import ApprovalProfile, UnsupportedVoteTypeError

PABULIB_DIR = Path(
    os.environ.get(
        "MAEUL_PABULIB_DIR",
        Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "pabulib",
    )
)
FILE_GOAL_S = 5.0
MILLION_GOAL_S = 30.0
# The generator of bench/bench_counting.py (`Generated`), without the database.
OPTIONS, MAX_CHOICES, CHUNK = 100, 6, 50_000
SIZE_WEIGHTS = (0.12, 0.14, 0.18, 0.18, 0.14, 0.24)


def synthetic(ballots: int, seed: int = 2026) -> ApprovalProfile:
    rng = np.random.default_rng(seed)
    costs = [int(c) * 100_000 for c in rng.integers(50, 1001, size=OPTIONS)]
    budget = round(sum(costs) / 4, -6)
    logs = np.log(rng.lognormal(0.0, 0.9, size=OPTIONS))
    sizes = rng.choice(np.arange(1, MAX_CHOICES + 1), size=ballots, p=np.array(SIZE_WEIGHTS))
    chosen: Counter[tuple[int, ...]] = Counter()
    for start in range(0, ballots, CHUNK):
        n = min(CHUNK, ballots - start)
        keys = logs + rng.gumbel(size=(n, OPTIONS))
        top = np.argpartition(-keys, MAX_CHOICES, axis=1)[:, :MAX_CHOICES]
        order = np.argsort(-np.take_along_axis(keys, top, axis=1), axis=1)
        ranked = np.take_along_axis(top, order, axis=1).tolist()
        for row, k in zip(ranked, sizes[start : start + n].tolist(), strict=True):
            chosen[tuple(sorted(row[:k]))] += 1
    # Project numbers in tie order: the cheaper first (then the option's index).
    number = {o: n for n, o in enumerate(sorted(range(OPTIONS), key=lambda o: (costs[o], o)))}
    return ApprovalProfile(
        project_ids=tuple(f"{n:03d}" for n in range(OPTIONS)),
        costs=tuple(Fraction(costs[o]) for o in sorted(number, key=number.__getitem__)),
        budget=Fraction(int(budget)),
        num_voters=ballots,
        ballots=tuple(
            (tuple(sorted(number[o] for o in ballot)), n) for ballot, n in chosen.items()
        ),
    )


def timed(profile: ApprovalProfile, reps: int) -> dict[str, Any]:
    walls, cpus = [], []
    selected: list[int] = []
    for _ in range(reps):
        wall, cpu = time.perf_counter(), time.process_time()
        selected = mes_add1(profile)
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return {
        "voters": profile.num_voters,
        "distinct_ballots": len(profile.ballots),
        "selected": len(selected),
        "wall_s": round(statistics.median(walls), 2),
        "cpu_s": round(statistics.median(cpus), 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--reps", type=int, default=1)
    parser.add_argument("--million", action="store_true", help="the synthetic million only")
    parser.add_argument("--files", nargs="*", default=None)
    args = parser.parse_args()
    load_before = os.getloadavg()
    results: dict[str, Any] = {}
    if args.million:
        started = time.perf_counter()
        profile = synthetic(1_000_000)
        print(f"  generated in {time.perf_counter() - started:.1f} s", flush=True)
        results["synthetic_million"] = timed(profile, args.reps)
        goal, worst = MILLION_GOAL_S, results["synthetic_million"]["wall_s"]
    else:
        for path in sorted(PABULIB_DIR.glob("*.pb")):
            if args.files and not any(name in path.name for name in args.files):
                continue
            try:
                profile = ApprovalProfile.from_election(parse_pabulib_file(path))
            except UnsupportedVoteTypeError:
                continue
            results[path.name] = timed(profile, args.reps)
            print(f"  {path.name}: {results[path.name]}", flush=True)
        goal, worst = FILE_GOAL_S, max(r["wall_s"] for r in results.values())
    write_results(
        "add1-million" if args.million else "add1",
        {
            "load_average": {"before": load_before, "after": os.getloadavg()},
            "results": results,
            "goal_s": goal,
            "slowest_wall_s": worst,
            "goal_met": worst < goal,
        },
    )


if __name__ == "__main__":
    main()
