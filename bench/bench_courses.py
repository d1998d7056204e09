"""Courses: the figures function and the course list page and API at scale.

1,000 live courses in 10 programmes of 금천구, 4 sessions each, 1,000 residents and 100,000
attendances (25 a session), 25,000 satisfaction answers at the last sessions, all
bulk-inserted. Measured in-process: `figures.course_figures` for one page (30 courses) and
for all 1,000, `figures.programme_figures` of one programme (100 courses, 10,000
attendances, its 실인원 counted distinct), and through Django's test client `GET /courses/`,
`GET /courses/?programme=…` (with the programme's targets table) and
`GET /api/courses?page_size=100`. Goal: each page and API answer's median under 200 ms.

Usage: python bench/bench_courses.py [--scale 0.1]   (DATABASE_URL=postgres://… for PG)
Results: bench/results/courses.json (courses-postgres.json on PostgreSQL).
"""

import argparse
import sys
from datetime import timedelta
from decimal import Decimal
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
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402

from maeul.accounts.models import User  # noqa: E402
from maeul.courses.figures import course_figures, programme_figures  # noqa: E402
from maeul.courses.models import (  # noqa: E402
    Attendance,
    Audience,
    Course,
    CourseKind,
    Programme,
    SatisfactionAnswer,
    Session,
)
from maeul.places.demo import load_places  # noqa: E402
from maeul.places.models import Dong  # noqa: E402

COURSES = 1000
PROGRAMMES = 10
SESSIONS = 4
PEOPLE = 1000
PER_SESSION = 25
REPEAT = 20
GOAL_MS = 200


def prepare(courses: int, people: int) -> list[Programme]:
    call_command("migrate", verbosity=0)
    call_command("flush", interactive=False, verbosity=0)
    load_places()
    dongs = list(Dong.objects.filter(district__name="금천구"))
    district_id = dongs[0].district_id
    now = timezone.now()
    programmes = Programme.objects.bulk_create(
        Programme(
            district_id=district_id,
            title=f"벤치 사업 {n}",
            year=2026,
            target_participants=500,
            target_attendances=10_000,
        )
        for n in range(PROGRAMMES)
    )
    programmes = list(Programme.objects.order_by("pk"))
    Course.objects.bulk_create(
        Course(
            programme=programmes[n % PROGRAMMES],
            district_id=district_id,
            dong=dongs[n % len(dongs)],
            kind=CourseKind.VILLAGE_EDUCATION,
            title=f"벤치 과정 {n}",
            audience=Audience.RESIDENTS,
            capacity=30,
            published_at=now,
            created_at=now,
        )
        for n in range(courses)
    )
    User.objects.bulk_create(
        User(email=f"learner{n}@bench.maeul.kr", display_name=f"주민{n}") for n in range(people)
    )
    user_ids = list(User.objects.values_list("pk", flat=True))
    Session.objects.bulk_create(
        Session(
            course_id=course_id,
            number=k + 1,
            starts_at=now - timedelta(days=30 - k),
            ends_at=now - timedelta(days=30 - k, hours=-2),
            hours=Decimal("2.5"),
        )
        for course_id in Course.objects.values_list("pk", flat=True)
        for k in range(SESSIONS)
    )
    attendances, answers = [], []
    for session_id, course_id, number in Session.objects.values_list("pk", "course_id", "number"):
        start = (course_id * 7) % len(user_ids)
        for k in range(PER_SESSION):
            user_id = user_ids[(start + k) % len(user_ids)]
            attendances.append(Attendance(session_id=session_id, user_id=user_id, recorded_at=now))
            if number == SESSIONS:
                answers.append(
                    SatisfactionAnswer(
                        session_id=session_id, user_id=user_id, score=1 + (k % 5), created_at=now
                    )
                )
    Attendance.objects.bulk_create(attendances, batch_size=5000)
    SatisfactionAnswer.objects.bulk_create(answers, batch_size=5000)
    return programmes


def run(programmes: list[Programme]) -> dict[str, Any]:
    client = Client(HTTP_HOST="127.0.0.1")
    programme = programmes[0]
    page = list(Course.objects.public().order_by("pk")[:30])
    everything = list(Course.objects.all())
    urls = {
        "page_course_list": "/courses/",
        "page_course_list_programme": f"/courses/?programme={programme.pk}",
        "api_courses_100": "/api/courses?page_size=100",
    }
    for url in urls.values():
        assert client.get(url).status_code == 200, url
    figures = {
        "course_figures_30": measure(lambda: course_figures(page), repeat=REPEAT),
        "course_figures_all": measure(lambda: course_figures(everything), repeat=REPEAT // 2),
        "programme_figures_100_courses": measure(
            lambda: programme_figures(programme), repeat=REPEAT
        ),
    }
    for name, url in urls.items():
        figures[name] = measure(partial(client.get, url), repeat=REPEAT)
    return figures


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", type=float, default=1.0)
    args = parser.parse_args()
    courses = max(PROGRAMMES, int(COURSES * args.scale))
    people = max(PER_SESSION, int(PEOPLE * args.scale))
    figures = run(prepare(courses, people))
    pages = ("page_course_list", "page_course_list_programme", "api_courses_100")
    write_results(
        "courses" if BACKEND == "sqlite" else f"courses-{BACKEND}",
        {
            "goal": f"the course list page, a programme's page and the API median under "
            f"{GOAL_MS} ms with 1,000 courses and 100,000 attendances",
            "goal_met": all(figures[name]["median_ms"] < GOAL_MS for name in pages),
            "courses": courses,
            "sessions": courses * SESSIONS,
            "attendances": Attendance.objects.count(),
            "satisfaction_answers": SatisfactionAnswer.objects.count(),
            "timings": figures,
        },
    )


if __name__ == "__main__":
    main()
