"""The soak with faults: SIGKILL for every gunicorn worker at random moments and for
PostgreSQL itself (postmaster and backends, then a restart with crash recovery), on a
throwaway cluster of the bench's own under /tmp. Every receipt a client was given must be
stored afterwards, with participations = ballots (no half-written ballot).

Usage: python bench/bench_faults.py [--minutes 10] [--scale 0.5] [--hosts 2]
(the options of bench_soak.py). Results: bench/results/soak-faults*.json
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.bench_soak import main

if __name__ == "__main__":
    main(["--faults", *sys.argv[1:]])
