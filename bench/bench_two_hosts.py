"""The soak against two application hosts: two gunicorn instances on two ports sharing
PostgreSQL and Redis (rate limits and cache; sessions are in PostgreSQL). Clients spread
over both ports; the same invariants hold. Skipped with a message where redis-server is
absent.

Usage: python bench/bench_two_hosts.py [--minutes 10] [--scale 0.5] [--faults]
(the options of bench_soak.py). Results: bench/results/soak-2hosts*.json
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.bench_soak import main

if __name__ == "__main__":
    main(["--hosts", "2", *sys.argv[1:]])
