"""Consultation results for 10,000 respondents, and one resident's answer.

A 금천구 consultation of six questions (single and multiple choice, a 1-5 scale, a
ranking of three, a conditional long text, a short text) is answered by 1,000, measured,
then 10,000 respondents, measured again. The responses and their answers (about seven rows
each) are bulk-inserted with dongs and age groups spread over the district (not the
services); measured in-process: `results_of` (totals, scale, rank means, the breakdowns by
dong and age group with `suppress_small`), which the page, the API and the statistics share,
and `answer_consultation` for a new verified resident (the service: audience check, reading
the answers, the participation and response rows). Goal: results median under 500 ms and
an answer under 100 ms at 10,000.

Usage: python bench/bench_consultations.py [--scale 0.1]   (DATABASE_URL=postgres://… for PG)
Results: bench/results/consultations.json (consultations-postgres.json on PostgreSQL).
"""

import argparse
import random
import sys
from datetime import datetime, timedelta
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
from django.db import transaction  # noqa: E402

from maeul.accounts.models import (  # noqa: E402
    DongTie,
    Role,
    RoleAssignment,
    TieKind,
    User,
    VerificationMethod,
)
from maeul.consultations.models import (  # noqa: E402
    AgeGroup,
    Consultation,
    QuestionKind,
    Response,
)
from maeul.consultations.models import Answer as Row  # noqa: E402
from maeul.consultations.results import results_of  # noqa: E402
from maeul.consultations.services import running  # noqa: E402
from maeul.consultations.services.answering import answer_consultation  # noqa: E402
from maeul.consultations.services.running import ConsultationSpec, QuestionSpec  # noqa: E402
from maeul.core.dates import SEOUL  # noqa: E402
from maeul.places.demo import load_places  # noqa: E402
from maeul.places.models import District, Dong  # noqa: E402

RESPONDENTS = 10_000
FIRST_STEP = 0.1
REPEAT = 20
NOW = datetime(2021, 6, 10, 10, tzinfo=SEOUL)
QUESTIONS = [
    QuestionSpec(QuestionKind.SINGLE, "찬성하십니까?", ["찬성", "반대", "잘 모르겠음"]),
    QuestionSpec(QuestionKind.LONG_TEXT, "반대 이유", show_if=(0, 1)),
    QuestionSpec(QuestionKind.SCALE, "만족도"),
    QuestionSpec(QuestionKind.MULTIPLE, "필요한 시설", ["쉼터", "화장실", "운동기구", "그늘막"]),
    QuestionSpec(QuestionKind.RANKING, "우선순위", ["공원", "도서관", "주차장"]),
    QuestionSpec(QuestionKind.SHORT_TEXT, "한마디", required=False),
]


class Generator:
    def __init__(self) -> None:
        self.rng = random.Random(2021)  # noqa: S311 -- reproducible bench data
        self.made = 0
        self.people = 0

    def prepare(self) -> None:
        load_places()
        self.district = District.objects.get(name="금천구")
        self.dongs = list(Dong.objects.filter(district=self.district))
        self.staff = User.objects.create_user("bench-staff@example.kr", None, display_name="구청")
        RoleAssignment.objects.create(
            user=self.staff, role=Role.DISTRICT_STAFF, district=self.district
        )
        self.consultation = running.create_consultation(
            spec=ConsultationSpec(
                title="벤치 여론수렴",
                question="어떻게 할까요?",
                opens_at=NOW - timedelta(days=5),
                closes_at=NOW + timedelta(days=5),
                questions=QUESTIONS,
            ),
            district=self.district,
            staff=self.staff,
            ip=None,
            now=NOW,
        )
        running.publish_consultation(
            consultation=self.consultation, staff=self.staff, ip=None, now=NOW
        )
        self.questions = list(self.consultation.questions.prefetch_related("options"))
        self.options = [list(q.options.all()) for q in self.questions]

    def add(self, count: int) -> None:
        rng, (single, reason, scale, multiple, ranking, short) = self.rng, self.questions
        ages = list(AgeGroup.values)
        with transaction.atomic():
            responses = [
                Response(
                    consultation=self.consultation,
                    dong=rng.choice(self.dongs),
                    age_group=rng.choice(ages),
                )
                for _n in range(count)
            ]
            Response.objects.bulk_create(responses, batch_size=2000)
            rows: list[Row] = []
            for response in responses:
                Answer = partial(Row, dong=response.dong, age_group=response.age_group)  # noqa: N806
                choice = rng.choice(self.options[0])
                rows.append(Answer(response=response, question=single, option=choice))
                if choice == self.options[0][1]:
                    rows.append(Answer(response=response, question=reason, text="시끄러워요"))
                rows.append(Answer(response=response, question=scale, number=rng.randint(1, 5)))
                rows += [
                    Answer(response=response, question=multiple, option=o)
                    for o in rng.sample(self.options[3], rng.randint(1, 3))
                ]
                order = rng.sample(self.options[4], 3)
                rows += [
                    Answer(response=response, question=ranking, option=o, rank=n)
                    for n, o in enumerate(order, start=1)
                ]
                if rng.random() < 0.3:
                    rows.append(Answer(response=response, question=short, text="좋아요"))
            Row.objects.bulk_create(rows, batch_size=5000)
        self.made += count

    def new_resident(self) -> User:
        self.people += 1
        user = User.objects.create_user(
            f"bench{self.people}@example.kr",
            None,
            display_name=f"주민{self.people}",
            birth_year=1980,
        )
        user.mark_verified(method=VerificationMethod.IN_PERSON, at=NOW - timedelta(days=400))
        user.save()
        DongTie.objects.create(
            user=user,
            dong=self.rng.choice(self.dongs),
            kind=TieKind.LIVES,
            started_at=NOW - timedelta(days=400),
        )
        return user

    def answers(self) -> dict[str, list[str]]:
        q, o = self.questions, self.options
        return {
            q[0].field: [str(o[0][0].pk)],
            q[2].field: ["4"],
            q[3].field: [str(o[3][0].pk), str(o[3][2].pk)],
            **{f"{q[4].field}_{opt.pk}": [str(n)] for n, opt in enumerate(o[4], start=1)},
        }


def measure_step(generator: Generator) -> dict[str, Any]:
    consultation = Consultation.objects.get(pk=generator.consultation.pk)
    residents = iter([generator.new_resident() for _n in range(REPEAT + 3)])

    def answer_once() -> None:
        answer_consultation(
            consultation=consultation, resident=next(residents), data=generator.answers(), now=NOW
        )

    answered = measure(answer_once, repeat=REPEAT)
    generator.made += REPEAT + 3
    return {
        "respondents": generator.made,
        "results_of": measure(lambda: results_of(consultation), repeat=REPEAT),
        "answer_consultation": answered,
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", type=float, default=1.0)
    args = parser.parse_args()
    total = max(100, int(RESPONDENTS * args.scale))
    call_command("migrate", verbosity=0)
    generator = Generator()
    generator.prepare()
    first = max(10, int(total * FIRST_STEP))
    generator.add(first)
    small = measure_step(generator)
    generator.add(total - generator.made)
    large = measure_step(generator)
    write_results(
        "consultations" if BACKEND == "sqlite" else f"consultations-{BACKEND}",
        {
            "goal": "results median under 500 ms and one answer under 100 ms at 10,000",
            "goal_met": large["results_of"]["median_ms"] < 500
            and large["answer_consultation"]["median_ms"] < 100,
            "scale": args.scale,
            "steps": {str(small["respondents"]): small, str(large["respondents"]): large},
        },
    )


if __name__ == "__main__":
    main()
