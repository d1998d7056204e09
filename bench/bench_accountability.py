"""Accountability tables under data: 25 districts x 15 dongs x 100 projects x 50 spending entries.

The data (37,500 projects, 1,875,000 spending entries; each project's `spent` the exact sum of
its entries) is bulk-inserted (COPY on PostgreSQL, executemany on SQLite; not the services)
in a scratch database, in two steps: first 10 projects per dong (50 entries each), measured,
then the full data, measured again. Measured in-process with Django's test client (server
time, no network): the district accountability page (1,500 projects in 15 dongs) and its
XLSX export, plus a dong's page. The number of queries per page must be the same at both
sizes.

Usage: python bench/bench_accountability.py [--scale 0.1]   (DATABASE_URL=postgres://… for PG)
Results: bench/results/accountability.json (accountability-postgres.json on PostgreSQL).
"""

import argparse
import random
import sys
import time
from datetime import UTC, date, datetime
from functools import partial
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.bare_insert import use_bench_database
from bench.harness import measure, write_results

BACKEND = use_bench_database()

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from maeul.councils.models import Council, CouncilKind  # noqa: E402
from maeul.places.models import City, District, Dong  # noqa: E402
from maeul.plans.models import (  # noqa: E402
    AutonomyPlan,
    BudgetSource,
    PlanStatus,
    Programme,
    Project,
    ProjectStatus,
    SpendingEntry,
)

DISTRICTS, DONGS, PROJECTS, ENTRIES = 25, 15, 100, 50
YEAR = 2021
CHUNK = 50_000
PAYEES = [
    "마을인쇄소",
    "동네철물점",
    "공유부엌 협동조합",
    "행사음향",
    "문구센터",
    "꽃가게",
    "강사료",
]
PURPOSES = ["홍보물 인쇄", "재료 구입", "강사 수당", "행사 장비 대여", "다과", "현수막 제작"]


def _insert(model: Any, columns: list[str], rows: list[tuple[Any, ...]]) -> None:
    """Bulk insert raw rows: COPY on PostgreSQL, executemany on SQLite."""
    table = model._meta.db_table
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            marks = ", ".join(["%s"] * len(columns))
            sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})"  # noqa: S608
            for start in range(0, len(rows), CHUNK):
                cursor.executemany(sql, rows[start : start + CHUNK])


class Generator:
    """Places, councils and plans once; then projects with their spending, step by step."""

    def __init__(self) -> None:
        self.rng = random.Random(2021)  # noqa: S311 -- reproducible bench data
        self.plans: list[AutonomyPlan] = []
        self.made: dict[int, int] = {}  # plan pk -> projects made so far

    def prepare(self) -> None:
        city = City.objects.create(name="벤치시", code="9900000000")
        for d in range(DISTRICTS):
            district = District.objects.create(
                city=city, name=f"벤치{d + 1}구", code=f"99{d + 1:03d}00000"
            )
            for n in range(DONGS):
                dong = Dong.objects.create(
                    district=district,
                    name=f"벤치{n + 1}동",
                    code=f"99{d + 1:03d}{n + 1:03d}00",
                    office_address=f"벤치{d + 1}구 마을로 {n + 1}",
                )
                council = Council.objects.create(
                    kind=CouncilKind.RESIDENT,
                    district=district,
                    dong=dong,
                    name=f"{dong.name} 주민자치회",
                )
                self.plans.append(
                    AutonomyPlan.objects.create(
                        council=council, year=YEAR, status=PlanStatus.APPROVED
                    )
                )

    def add(self, per_plan: int, entries: int) -> None:
        """Bring every plan up to `per_plan` projects, each new one with `entries` entries."""
        next_id = (Project.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1
        projects, spending = [], []
        now = datetime(YEAR, 12, 1, tzinfo=UTC)
        for plan in self.plans:
            council = plan.council
            for index in range(self.made.get(plan.pk, 0), per_plan):
                budget = self.rng.randrange(2_000, 30_000) * 1_000
                amounts = [self.rng.randrange(1, 9) for _ in range(entries)]
                scale = budget * self.rng.uniform(0.4, 1.0) / sum(amounts)
                paid = [max(1, int(a * scale)) for a in amounts]
                projects.append(
                    (
                        next_id,
                        plan.pk,
                        council.district_id,
                        council.dong_id,
                        YEAR,
                        f"{council.name} 사업 {index + 1}",
                        "",
                        self.rng.choice(
                            [Programme.RESIDENT_ACTIVITY, Programme.DONG_PARTICIPATORY_BUDGET]
                        ),
                        BudgetSource.DISTRICT,
                        budget,
                        sum(paid),
                        date(YEAR, 3, 1),
                        date(YEAR, 11, 30),
                        ProjectStatus.IN_PROGRESS,
                        "",
                    )
                )
                for number, amount in enumerate(paid):
                    spending.append(
                        (
                            next_id,
                            date(YEAR, 3 + number % 9, 1 + number % 28),
                            amount,
                            self.rng.choice(PAYEES),
                            self.rng.choice(PURPOSES),
                            "",
                            "",
                            "",
                            now,
                        )
                    )
                next_id += 1
            self.made[plan.pk] = per_plan
        _insert(
            Project,
            [
                "id",
                "plan_id",
                "district_id",
                "dong_id",
                "year",
                "title",
                "description",
                "programme",
                "budget_source",
                "budget",
                "spent",
                "starts_on",
                "ends_on",
                "status",
                "outcome",
            ],
            projects,
        )
        _insert(
            SpendingEntry,
            [
                "project_id",
                "spent_on",
                "amount",
                "payee",
                "purpose",
                "receipt",
                "receipt_name",
                "over_budget_reason",
                "created_at",
            ],
            spending,
        )
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT setval(pg_get_serial_sequence('plans_project', 'id'), "
                    "(SELECT MAX(id) FROM plans_project))"
                )
                cursor.execute("ANALYZE")
        else:
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")


def _measure_step(label: str) -> dict[str, Any]:
    district = District.objects.filter(code__startswith="99").order_by("code").first()
    assert district is not None
    dong = Dong.objects.filter(district=district).order_by("code").first()
    assert dong is not None
    client = Client(HTTP_HOST="127.0.0.1")
    pages = {
        "district_page": (f"/accountability/?district={district.code}&year={YEAR}", 30),
        "district_xlsx": (f"/accountability/export.xlsx?district={district.code}&year={YEAR}", 10),
        "district_csv": (f"/accountability/export.csv?district={district.code}&year={YEAR}", 10),
        "dong_page": (f"/accountability/?dong={dong.code}&year={YEAR}", 30),
    }
    figures: dict[str, Any] = {
        "data": {
            "projects": Project.objects.count(),
            "spending_entries": SpendingEntry.objects.count(),
            "district_projects": Project.objects.filter(district=district).count(),
        }
    }
    for name, (url, repeat) in pages.items():
        response = client.get(url)
        assert response.status_code == 200, (url, response.status_code)
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        figures[name] = {
            "url": url,
            "queries": len(queries),
            "bytes": len(response.content),
            **measure(partial(client.get, url), repeat=repeat),
        }
        print(f"  {label} {name}: {figures[name]}", flush=True)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", type=float, default=1.0, help="fraction of the projects")
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    call_command("flush", interactive=False, verbosity=0)
    generator = Generator()
    results: dict[str, Any] = {
        "backend": BACKEND,
        "scale": args.scale,
        "steps": {},
        "generation_s": {},
    }
    with transaction.atomic():
        generator.prepare()
    full = max(1, round(PROJECTS * args.scale))
    for step, (per_plan, entries) in (
        ("small", (max(1, full // 10), ENTRIES)),
        ("full", (full, ENTRIES)),
    ):
        started = time.perf_counter()
        with transaction.atomic():
            generator.add(per_plan, entries)
        results["generation_s"][step] = round(time.perf_counter() - started, 1)
        print(
            f"== {step}: {per_plan} projects per dong, generated in "
            f"{results['generation_s'][step]} s",
            flush=True,
        )
        results["steps"][step] = _measure_step(step)
    small, big = results["steps"]["small"], results["steps"]["full"]
    for name in ("district_page", "district_xlsx", "district_csv", "dong_page"):
        assert small[name]["queries"] == big[name]["queries"], (
            f"{name}: {small[name]['queries']} queries at {small['data']['projects']} projects, "
            f"{big[name]['queries']} at {big['data']['projects']}"
        )
    results["queries_constant"] = True
    results["goal"] = "district page median < 200 ms, its XLSX export < 2 s; queries constant"
    name = "accountability" if BACKEND == "sqlite" else f"accountability-{BACKEND}"
    if args.scale != 1.0:
        name += f"-scale{args.scale:g}"
    write_results(name, results)


if __name__ == "__main__":
    main()
