"""Volunteering at scale: 100,000 confirmed shifts (hours records) over 2,000 volunteers,
200 activities of 10 camps and 4,000 shifts (half past and confirmed, half to come and
signed up), bulk-inserted with their sign-ups.

Measured in-process (medians): a volunteer's hours total (`figures.total_minutes`, what "my
volunteering" and a certificate read), one activity's figures (`figures.activity_figures`),
the first page of `GET /api/volunteer-activities` and `GET /api/volunteer-activities/{id}`
through Django's test client, the public activity list page, and the 1365 XLSX of one
week's confirmed hours of one dong. Goals: a total under 5 ms; the API pages and the list
under 100 ms.

Usage: python bench/bench_volunteering.py [--scale 0.1]   (DATABASE_URL=postgres://… for PG)
Results: bench/results/volunteering.json (volunteering-postgres.json on PostgreSQL).
"""

import argparse
import sys
from datetime import time, timedelta
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
from maeul.core.dates import at_seoul, local_date  # noqa: E402
from maeul.places.demo import load_places  # noqa: E402
from maeul.places.models import Dong  # noqa: E402
from maeul.volunteering.figures import activity_figures, total_minutes  # noqa: E402
from maeul.volunteering.models import (  # noqa: E402
    HoursRecord,
    Shift,
    SignUp,
    VolunteerActivity,
    VolunteerCamp,
)
from maeul.volunteering.portal_export import export_rows, hours_xlsx  # noqa: E402

RECORDS = 100_000
PER_SHIFT = 50
VOLUNTEERS = 2_000
ACTIVITIES = 200
REPEAT = 30


def prepare(records: int) -> dict[str, Any]:
    call_command("migrate", verbosity=0)
    call_command("flush", interactive=False, verbosity=0)
    load_places()
    now = timezone.now()
    dongs = list(Dong.objects.filter(district__name="금천구").order_by("code"))
    camps = [
        VolunteerCamp.objects.create(
            district_id=d.district_id, dong=d, name=f"{d.name} 캠프", created_at=now
        )
        for d in dongs
    ]
    staff = User.objects.create_user("staff@bench.maeul.kr", None, display_name="벤치 담당")
    people = User.objects.bulk_create(
        User(email=f"v{n}@bench.maeul.kr", display_name=f"봉사자 {n}", birth_year=1980)
        for n in range(VOLUNTEERS)
    )
    activities = VolunteerActivity.objects.bulk_create(
        VolunteerActivity(
            district_id=camps[n % len(camps)].district_id,
            dong_id=camps[n % len(camps)].dong_id,
            camp=camps[n % len(camps)],
            title=f"활동 {n}",
            created_at=now - timedelta(days=n),
        )
        for n in range(ACTIVITIES)
    )
    # As many shifts to come (signed up, not confirmed) as past ones (confirmed).
    shifts_count = 2 * max(1, records // PER_SHIFT)
    today = local_date(now)

    def day(n: int) -> Any:
        return (
            today - timedelta(days=1 + n % 365)
            if n % 2 == 0
            else today + timedelta(days=1 + n % 60)
        )

    shifts = Shift.objects.bulk_create(
        Shift(
            activity=activities[n % ACTIVITIES],
            starts_at=at_seoul(day(n), time(10)),
            ends_at=at_seoul(day(n), time(12)),
            place="주민센터",
            places=PER_SHIFT,
            minutes=120,
        )
        for n in range(shifts_count)
    )
    sign_ups = SignUp.objects.bulk_create(
        (
            SignUp(shift=shift, user=people[(s * PER_SHIFT + i) % VOLUNTEERS], signed_up_at=now)
            for s, shift in enumerate(shifts)
            for i in range(PER_SHIFT)
        ),
        batch_size=5_000,
    )
    HoursRecord.objects.bulk_create(
        (
            HoursRecord(
                shift_id=row.shift_id,
                user_id=row.user_id,
                sign_up=row,
                minutes=120,
                confirmed_by=staff,
                confirmed_at=now,
            )
            for row in sign_ups
            if row.shift.starts_at < now
        ),
        batch_size=5_000,
    )
    return {"person": people[0], "activity": activities[0], "dong": dongs[0], "today": today}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", type=float, default=1.0)
    args = parser.parse_args()
    records = max(1_000, int(RECORDS * args.scale))
    data = prepare(records)
    client = Client(HTTP_HOST="127.0.0.1")
    activity = data["activity"]
    assert client.get("/api/volunteer-activities").status_code == 200
    week = export_rows(
        HoursRecord.objects.filter(shift__activity__dong=data["dong"]),
        data["today"] - timedelta(days=7),
        data["today"],
    )
    figures = {
        "records": HoursRecord.objects.count(),
        "shifts": Shift.objects.count(),
        "volunteers": VOLUNTEERS,
        "activities": ACTIVITIES,
        "hours_total": measure(lambda: total_minutes(data["person"]), repeat=REPEAT),
        "activity_figures": measure(lambda: activity_figures(activity), repeat=REPEAT),
        "api_list": measure(lambda: client.get("/api/volunteer-activities"), repeat=REPEAT),
        "api_detail": measure(
            lambda: client.get(f"/api/volunteer-activities/{activity.pk}"), repeat=REPEAT
        ),
        "activity_list_page": measure(lambda: client.get("/volunteering/"), repeat=REPEAT),
        "export_week_rows": week.count(),
        "export_week_xlsx": measure(lambda: hours_xlsx(week), repeat=5, warmup=1),
        "goals": {"hours_total_ms": 5, "api_list_ms": 100, "activity_list_page_ms": 100},
    }
    name = "volunteering" if BACKEND == "sqlite" else f"volunteering-{BACKEND}"
    write_results(name, figures)


if __name__ == "__main__":
    main()
