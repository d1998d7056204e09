"""Duplicate detection of grant applications against 10,000 past applications.

Past applications (2016-2025, 금천구's dongs, 2,000 groups) are written from a pool of
project topics, places and activities, analysed once with kiwipiepy (as saving an
application does) and bulk-inserted with their stored terms (not the services), in two
steps: 1,000, measured, then 10,000, measured again. Measured in-process: for a new
application (a near-copy of a past project, and an unrelated one), `find_similar` (reads the
postings of its terms and the representative / contact / place columns) and `record_matches`
(the same, plus storing the matches both ways), and the analysis of the new application's
own text. Goal: under 300 ms per application at 10,000. Also the archive's search (its count
and first page of 20, as the page reads them) for a few queries, and the statistics; goal:
search median under 100 ms at 10,000.

Usage: python bench/bench_grants.py [--scale 0.1]   (DATABASE_URL=postgres://… for PG)
Results: bench/results/grants.json (grants-postgres.json on PostgreSQL).
"""

import argparse
import random
import sys
import time
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

from maeul.accounts.models import User  # noqa: E402
from maeul.core.dates import SEOUL  # noqa: E402
from maeul.grants import archive, duplicates  # noqa: E402
from maeul.grants.models import (  # noqa: E402
    Application,
    ApplicationStatus,
    ApplicationTerm,
    CommunityGroup,
    GrantCall,
    GroupKind,
    Programme,
)
from maeul.places.demo import load_places  # noqa: E402
from maeul.places.models import District, Dong  # noqa: E402

PAST = 10_000
FIRST_STEP = 0.1
GROUPS = 2_000
REPEAT = 30
TOPICS = [
    "텃밭",
    "벽화",
    "인형극",
    "독서 모임",
    "반찬 나눔",
    "골목 청소",
    "합창단",
    "목공",
    "사진 기록",
    "어르신 말벗",
    "아이 돌봄",
    "자전거 수리",
    "재활용",
    "꽃길",
    "요리 교실",
    "마을 신문",
    "영화 상영",
    "줄넘기",
    "탁구",
    "바둑",
    "천연 염색",
    "뜨개질",
    "도자기",
    "숲 체험",
    "생태 탐방",
    "역사 해설",
    "환경 캠페인",
    "플리마켓",
    "공유 부엌",
    "방범 순찰",
]
PLACES = [
    "골목",
    "놀이터",
    "경로당",
    "작은도서관",
    "공원",
    "주민센터",
    "학교 앞",
    "시장",
    "공유공간",
    "아파트 단지",
    "하천변",
    "마을회관",
]
ACTIVITIES = [
    "가꾸기",
    "나눔 장터",
    "발표회",
    "공연",
    "교실",
    "체험",
    "축제",
    "전시",
    "정기 모임",
    "캠페인",
]
AUDIENCES = [
    "어르신",
    "아이들",
    "청소년",
    "이웃",
    "1인 가구",
    "다문화 가정",
    "장애인",
    "직장인",
    "주부",
    "청년",
]


def text_of(rng: random.Random) -> tuple[str, str, str]:
    topic, place, activity = rng.choice(TOPICS), rng.choice(PLACES), rng.choice(ACTIVITIES)
    audience, second = rng.choice(AUDIENCES), rng.choice(TOPICS)
    title = f"{place} {topic} {activity}"
    description = (
        f"{audience}과 함께 {place}에서 {topic} 활동을 합니다. 매달 {second} 모임을 열고 "
        f"연말에 {activity}을 준비합니다. 참여한 {audience}의 의견을 모아 다음 해 계획을 세웁니다."
    )
    return title, description, place


class Generator:
    def __init__(self) -> None:
        self.rng = random.Random(2026)  # noqa: S311 -- reproducible bench data
        self.made = 0
        self.analysed_ms: list[float] = []

    def prepare(self) -> None:
        load_places()
        self.district = District.objects.get(code="1154500000")
        self.dongs = list(Dong.objects.filter(district=self.district))
        users = User.objects.bulk_create(
            [User(email=f"rep{n}@bench.maeul.kr", display_name=f"대표 {n}") for n in range(GROUPS)]
        )
        now = datetime(2025, 1, 1, tzinfo=SEOUL)
        self.groups = CommunityGroup.objects.bulk_create(
            [
                CommunityGroup(
                    name=f"공동체 {n}",
                    kind=GroupKind.RESIDENT_CIRCLE,
                    district=self.district,
                    dong=self.dongs[n % len(self.dongs)],
                    representative=users[n],
                    contact_hmac=f"{n:064x}",
                    created_at=now,
                )
                for n in range(GROUPS)
            ]
        )
        self.calls = {}
        for year in range(2016, 2027):
            opens = datetime(year, 3, 1, 9, tzinfo=SEOUL)
            self.calls[year] = GrantCall.objects.create(
                programme=Programme.NEIGHBOURS,
                year=year,
                title=f"{year} 이웃만들기",
                district=self.district,
                total_budget=50_000_000,
                min_amount=1_000_000,
                max_amount=5_000_000,
                announced_on=opens.date(),
                opens_at=opens,
                closes_at=opens + timedelta(days=21),
                published_at=opens,
            )

    def add(self, count: int) -> None:
        """`count` handed-in applications with their stored terms."""
        rows, terms = [], []
        for _ in range(count):
            n = self.made
            year = 2016 + (n // GROUPS) % 10  # one application a year per group
            group = self.groups[n % GROUPS]
            title, description, place = text_of(self.rng)
            started = time.perf_counter()
            counts = duplicates.term_counts(title, description)
            self.analysed_ms.append((time.perf_counter() - started) * 1000)
            at = self.calls[year].opens_at + timedelta(days=1)
            rows.append(
                Application(
                    call=self.calls[year],
                    group=group,
                    title=title,
                    description=description,
                    place=place,
                    place_key=duplicates.place_key(f"{group.dong_id}{place}"),
                    dong_id=group.dong_id,
                    amount=1_000_000,
                    status=ApplicationStatus.SELECTED if n % 3 else ApplicationStatus.NOT_SELECTED,
                    representative_id=group.representative_id,
                    contact_hmac=group.contact_hmac,
                    term_total=sum(counts.values()),
                    created_at=at,
                    updated_at=at,
                    submitted_at=at,
                )
            )
            terms.append(counts)
            self.made += 1
        with transaction.atomic():
            made = Application.objects.bulk_create(rows, batch_size=2000)
            ApplicationTerm.objects.bulk_create(
                [
                    ApplicationTerm(application=application, term=term, count=count)
                    for application, counts in zip(made, terms, strict=True)
                    for term, count in counts.items()
                ],
                batch_size=5000,
            )

    def new_application(
        self, title: str, description: str, place: str, *, group_index: int
    ) -> Application:
        group = self.groups[group_index]
        at = self.calls[2026].opens_at + timedelta(days=2)
        application = Application.objects.create(
            call=self.calls[2026],
            group=group,
            title=title,
            description=description,
            place=place,
            place_key=duplicates.place_key(place),
            dong_id=group.dong_id,
            amount=1_000_000,
            status=ApplicationStatus.SUBMITTED,
            representative_id=group.representative_id,
            contact_hmac=group.contact_hmac,
            created_at=at,
            updated_at=at,
            submitted_at=at,
        )
        duplicates.index_application(application)
        return application


ARCHIVE_SEARCHES = {
    "one_word": {"q": "인형극"},
    "two_words": {"q": "놀이터 텃밭"},
    "word_year_dong": {"q": "벽화", "year": "2020", "dong": "1154551000"},
    "common_word": {"q": "마을"},
    "filters_only": {"year": "2019", "status": "selected"},
}
ARCHIVE_PAGE = 20


def archive_page(params: dict[str, str]) -> int:
    """What the archive page reads: the count and the first page of 20 rows."""
    rows = archive.archive(archive.parse_filter(params))
    count = rows.count()
    list(rows[:ARCHIVE_PAGE])
    return count


def measure_archive() -> dict[str, Any]:
    """The archive search (count + first page) for each query, and the statistics."""
    figures: dict[str, Any] = {}
    for name, params in ARCHIVE_SEARCHES.items():
        figures[name] = {
            "params": params,
            "found": archive_page(params),
            **measure(partial(archive_page, params), repeat=REPEAT),
        }
    figures["statistics"] = measure(archive.statistics, repeat=REPEAT // 3)
    return figures


def measure_step(generator: Generator) -> dict[str, Any]:
    # A past application to copy: one after the first round of topics when there is one (a
    # small --scale may hold fewer).
    past_rows = Application.objects.exclude(call__year=2026).order_by("pk")
    past = past_rows[min(len(TOPICS), past_rows.count() - 1)]
    copy = generator.new_application(
        past.title + " 한마당",
        past.description.replace("함께", "다 같이"),
        "다른 곳",
        group_index=7,
    )
    unrelated = generator.new_application(
        "드론 코딩 캠프",
        "방학 동안 청소년이 드론을 조립하고 코딩으로 비행 경로를 짭니다.",
        "",
        group_index=8,
    )
    now = datetime(2026, 3, 3, tzinfo=SEOUL)
    found = duplicates.find_similar(copy)
    figures = {
        "past_applications": Application.objects.exclude(call__year=2026).count(),
        "stored_terms": ApplicationTerm.objects.count(),
        "near_copy_top_score": found[0][1] if found else None,
        "near_copy_matches": len(found),
        "find_similar_near_copy": measure(lambda: duplicates.find_similar(copy), repeat=REPEAT),
        "find_similar_unrelated": measure(
            lambda: duplicates.find_similar(unrelated), repeat=REPEAT
        ),
        "record_matches_near_copy": measure(
            lambda: duplicates.record_matches(copy, now=now), repeat=REPEAT
        ),
        "analyse_new_application": measure(
            lambda: duplicates.term_counts(copy.title, copy.description), repeat=REPEAT
        ),
        "archive_search": measure_archive(),
    }
    Application.objects.filter(pk__in=[copy.pk, unrelated.pk]).delete()
    return figures


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", type=float, default=1.0)
    args = parser.parse_args()
    total = max(100, int(PAST * args.scale))
    call_command("migrate", verbosity=0)
    generator = Generator()
    generator.prepare()
    first = max(10, int(total * FIRST_STEP))
    generator.add(first)
    small = measure_step(generator)
    generator.add(total - first)
    large = measure_step(generator)
    analysed = sorted(generator.analysed_ms)
    worst = large["record_matches_near_copy"]["p95_ms"]
    searches = [
        figures["median_ms"]
        for name, figures in large["archive_search"].items()
        if name != "statistics"
    ]
    write_results(
        "grants" if BACKEND == "sqlite" else f"grants-{BACKEND}",
        {
            "goal": "duplicate detection under 300 ms per application at 10,000 past ones",
            "goal_met": worst < 300,
            "archive_goal": "archive search (count + first page) median under 100 ms at 10,000",
            "archive_goal_met": max(searches) < 100,
            "steps": {
                str(small["past_applications"]): small,
                str(large["past_applications"]): large,
            },
            "analysis_at_save_median_ms": round(analysed[len(analysed) // 2], 3),
        },
    )


if __name__ == "__main__":
    main()
