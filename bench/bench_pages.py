"""Server time of the foundation's public pages and API (home, district page, dong list API).

Runs in-process through Django's test client on a scratch database with the demo data, so
it measures our code and the database, not the network. Results: bench/results/pages.json.
"""

import sys
from functools import partial
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.harness import measure, use_scratch_database, write_results

use_scratch_database()

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

REPEAT = 200


def main() -> None:
    call_command("migrate", verbosity=0)
    call_command("load_demo", verbosity=0)
    client = Client(HTTP_HOST="127.0.0.1")
    pages = {
        "home": "/",
        "district": "/districts/1154500000/",
        "api_districts": "/api/districts",
        "api_dongs": "/api/districts/1154500000/dongs",
    }
    figures = {}
    for name, url in pages.items():
        assert client.get(url).status_code == 200, url
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        figures[name] = {
            "url": url,
            "queries": len(queries),
            **measure(partial(client.get, url), repeat=REPEAT),
        }
    write_results("pages", {"pages": figures})


if __name__ == "__main__":
    main()
