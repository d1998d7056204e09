"""The dong page and `GET /api/dongs/{code}` for a busy dong, medians.

One dong holding a council (a term of 50 members in 5 sections, 200 agenda items), an
approved plan of 100 projects with spending, 30 spaces, 100 community groups, 3 facilities,
50 survey findings and 1,000 published records with tags (bulk-inserted). Measured through
Django's test client, in-process. The page and the endpoint read a fixed number of queries
(tested in tests/archive), so the figures show the cost of rendering, not of the data's size.

Usage: python bench/bench_archive.py [--scale 0.1]   (DATABASE_URL=postgres://… for PG)
Results: bench/results/archive.json (archive-postgres.json on PostgreSQL).
"""

import argparse
import sys
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.bare_insert import use_bench_database
from bench.harness import measure, write_results

BACKEND = use_bench_database()

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402

from maeul.accounts.models import User  # noqa: E402
from maeul.archive.models import (  # noqa: E402
    ArchiveRecord,
    Facility,
    RecordStatus,
    RecordTag,
    Resource,
)
from maeul.councils.models import (  # noqa: E402
    AgendaItem,
    Council,
    CouncilMember,
    Section,
    Term,
)
from maeul.grants.models import CommunityGroup  # noqa: E402
from maeul.places.demo import load_places  # noqa: E402
from maeul.places.models import Dong  # noqa: E402
from maeul.plans.models import AutonomyPlan, PlanStatus, Project  # noqa: E402
from maeul.spaces.models import Space  # noqa: E402

REPEAT = 20


def prepare(scale: float) -> Dong:
    call_command("migrate", verbosity=0)
    call_command("flush", interactive=False, verbosity=0)
    load_places()
    dong = Dong.objects.select_related("district").get(name="독산1동")
    district, now = dong.district, timezone.now()
    today = timezone.localdate(now)
    n = lambda count: max(3, int(count * scale))  # noqa: E731
    council = Council.objects.create(
        kind="resident", district=district, dong=dong, name="독산1동 주민자치회"
    )
    sections = [
        Section.objects.create(council=council, name=f"분과 {i}", order=i) for i in range(5)
    ]
    term = Term.objects.create(
        council=council,
        number=1,
        starts_on=today - timedelta(days=100),
        ends_on=today + timedelta(days=600),
    )
    CouncilMember.objects.bulk_create(
        CouncilMember(
            term=term, public_name=f"위원 {i}", section=sections[i % 5], joined_on=term.starts_on
        )
        for i in range(n(50))
    )
    AgendaItem.objects.bulk_create(
        AgendaItem(council=council, year=today.year, title=f"의제 {i}", created_at=now)
        for i in range(n(200))
    )
    plan = AutonomyPlan.objects.create(council=council, year=today.year, status=PlanStatus.APPROVED)
    Project.objects.bulk_create(
        Project(
            plan=plan,
            district=district,
            dong=dong,
            year=today.year,
            title=f"사업 {i}",
            programme="resident_activity",
            budget_source="district",
            budget=1_000_000 + i,
            spent=500_000,
            starts_on=date(today.year, 3, 1),
            ends_on=date(today.year, 11, 30),
            status="in_progress",
        )
        for i in range(n(100))
    )
    Space.objects.bulk_create(
        Space(name=f"공간 {i}", district=district, dong=dong, operator="주민센터", address="주소")
        for i in range(n(30))
    )
    owner = User.objects.create_user("bench@example.kr", None, display_name="대표")
    CommunityGroup.objects.bulk_create(
        CommunityGroup(
            name=f"동아리 {i}",
            kind="resident_circle",
            district=district,
            dong=dong,
            representative=owner,
            created_at=now,
        )
        for i in range(n(100))
    )
    Facility.objects.bulk_create(
        Facility(
            district=district,
            dong=dong,
            kind="dong_office",
            name=f"시설 {i}",
            address="주소",
            land_m2=Decimal("500"),
            building_m2=Decimal("900"),
            floors_above=4,
        )
        for i in range(3)
    )
    Resource.objects.bulk_create(
        Resource(district=district, dong=dong, kind="skill", name=f"재능 {i}", surveyed_on=today)
        for i in range(n(50))
    )
    records = ArchiveRecord.objects.bulk_create(
        ArchiveRecord(
            title=f"기록 {i}",
            body="마을 이야기 " * 20,
            kind="text",
            status=RecordStatus.PUBLISHED,
            district=district,
            dong=dong,
            year=today.year - i % 5,
            created_at=now,
            published_at=now,
        )
        for i in range(n(1000))
    )
    RecordTag.objects.bulk_create(
        RecordTag(record=record, name=tag) for record in records for tag in ("마을축제", "기록")
    )
    return dong


def timings(dong: Dong) -> dict[str, Any]:
    client = Client(HTTP_HOST="127.0.0.1")

    def page() -> None:
        assert client.get(f"/dongs/{dong.code}/").status_code == 200

    def api() -> None:
        assert client.get(f"/api/dongs/{dong.code}").status_code == 200

    return {"dong_page": measure(page, repeat=REPEAT), "api_dong": measure(api, repeat=REPEAT)}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", type=float, default=1.0)
    args = parser.parse_args()
    dong = prepare(args.scale)
    figures = timings(dong)
    write_results(
        "archive" if BACKEND == "sqlite" else f"archive-{BACKEND}",
        {
            "goal": "the dong page and /api/dongs/{code} of a busy dong: medians (no set goal)",
            "scale": args.scale,
            "records": ArchiveRecord.objects.count(),
            "projects": Project.objects.count(),
            **figures,
        },
    )


if __name__ == "__main__":
    main()
