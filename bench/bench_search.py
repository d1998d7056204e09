"""One search for everything: the median query over many documents (goal on PostgreSQL:
under 100 ms with 100,000 documents).

Documents of every kind are bulk-inserted into the index (`search_document`), spread over
the 금천구 dongs and ten years. Their text comes from a pool of Korean sentences about
parking, parks, alleys, festivals and the like, each analysed once by the same code as the
real index (`maeul.search.index.term_text`), so the terms are real kiwipiepy terms. Then
each query of `QUERIES` runs as the page runs it: the counts by kind, the number of hits and
the first page of 20, best first (`maeul.search.results`); and `GET /api/search` whole,
through Django's test client (server time, no network).

Usage:
  python bench/bench_search.py                      (10,000 documents: quick, `make bench`)
  python bench/bench_search.py --documents 100000   (the goal's size)
  DATABASE_URL=postgres://maeul:maeul-ci@127.0.0.1:55432/maeul_search python bench/bench_search.py --documents 100000
The PostgreSQL database named must be a scratch one (its name ends in `_search` or
`_bench`; any other name is replaced by `maeul_bench`): it is flushed.
Results: bench/results/search.json (search-postgres.json on PostgreSQL).
"""

import argparse
import os
import random
import sys
from datetime import datetime, timedelta
from functools import partial
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.bare_insert import use_bench_database
from bench.harness import measure, use_scratch_database, write_results


def _database() -> str:
    raw = os.environ.get("DATABASE_URL", "")
    if raw.startswith(("postgres://", "postgresql://")):
        name = urlsplit(raw).path.lstrip("/")
        if name.endswith(("_search", "_bench")):
            _create(raw, name)
            os.environ.setdefault("DJANGO_SETTINGS_MODULE", "maeul.settings")
            return "postgres"
        return use_bench_database()
    use_scratch_database()
    return "sqlite"


def _create(raw: str, name: str) -> None:
    import psycopg

    admin = urlunsplit(urlsplit(raw)._replace(path="/postgres"))
    with psycopg.connect(admin, autocommit=True) as conn:
        if not conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", [name]).fetchone():
            conn.execute(f'CREATE DATABASE "{name}"')


BACKEND = _database()

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402

from maeul.core.dates import SEOUL  # noqa: E402
from maeul.places.demo import load_places  # noqa: E402
from maeul.places.models import Dong  # noqa: E402
from maeul.search.index import term_text  # noqa: E402
from maeul.search.models import Document  # noqa: E402
from maeul.search.query import parse_search  # noqa: E402
from maeul.search.results import Ranked, counts, total_of  # noqa: E402

KINDS = ["proposal", "project", "vote", "council", "agenda", "space", "consultation", "grant_call"]
PLACES = [
    "골목",
    "공원",
    "놀이터",
    "주민센터",
    "시장",
    "하천",
    "학교",
    "도서관",
    "경로당",
    "버스정류장",
]
TOPICS = [
    "공영주차장을 늘려 주세요",
    "가로등을 밝혀 주세요",
    "쓰레기 분리수거를 돕는 방법",
    "어린이 보호구역 안전 점검",
    "마을 축제를 함께 준비합니다",
    "작은 도서관 운영 시간 연장",
    "주민자치회 분과 모임 안내",
    "공유 텃밭 가꾸기",
    "어르신 돌봄 모임",
    "청소년 공간 만들기",
    "빗물 저금통 설치 사업",
    "골목길 벽화 그리기",
    "반려견 산책로 정비",
    "마을 영화 상영회",
    "자전거 보관대를 설치해 주세요",
    "공원 화장실 개선",
    "주차 단속 시간 조정",
    "마을 신문 발행",
]
SENTENCES = [
    "저녁마다 {place} 주변에 차가 넘쳐 주차할 곳이 없습니다.",
    "{place}에서 주민 모임을 열고 의견을 모았습니다.",
    "{place} 근처 밤길이 어두워 아이들이 다니기 무섭습니다.",
    "예산은 구비와 주민세 환원분으로 마련합니다.",
    "{place} 일대를 함께 청소하고 화단을 가꿉니다.",
    "주민 투표로 우선순위를 정하고 결과를 공개합니다.",
    "{place}을 주말에도 열어 주시면 좋겠습니다.",
    "참여하신 분들의 만족도가 높았습니다.",
]
QUERIES = [
    "주차장을",
    "공원",
    "어린이 보호구역",
    "마을 축제",
    "도서관을",
    "가로등",
    "주민자치회",
    "공영주차장",
    "쓰레기 분리수거",
    "골목 벽화",
    "텃밭",
    "청소년",
]
POOL = 1_500
REPEAT = 5
BATCH = 5_000
START = datetime(2017, 1, 1, 9, 0, tzinfo=SEOUL)


def pool(rng: random.Random) -> list[tuple[str, str, str, str]]:
    """(title, body, terms, title terms) of distinct texts, each analysed once."""
    texts = []
    for n in range(POOL):
        place = rng.choice(PLACES)
        title = f"{rng.choice(TOPICS)} ({place} {n})"
        body = " ".join(s.format(place=rng.choice(PLACES)) for s in rng.sample(SENTENCES, 4))
        texts.append((title, body, term_text(f"{title}\n{body}"), term_text(title)))
    return texts


def build(documents: int) -> None:
    call_command("migrate", verbosity=0)
    call_command("flush", interactive=False, verbosity=0)
    load_places()
    rng = random.Random(17)  # noqa: S311 -- reproducible data, not security
    texts = pool(rng)
    dongs = list(Dong.objects.filter(district__name="금천구").values_list("pk", "district_id"))
    rows = []
    for n in range(documents):
        title, body, terms, title_terms = texts[n % POOL]
        dong_id, district_id = rng.choice(dongs)
        when = START + timedelta(hours=rng.randrange(24 * 365 * 10))
        kind = KINDS[n % len(KINDS)]
        rows.append(
            Document(
                kind=kind,
                object_id=n + 1,
                title=title,
                body=body,
                terms=terms,
                title_terms=title_terms,
                district_id=district_id,
                dong_id=dong_id,
                year=when.year,
                url=f"/{kind}/{n + 1}/",
                updated=when,
            )
        )
        if len(rows) == BATCH:
            Document.objects.bulk_create(rows)
            rows = []
    Document.objects.bulk_create(rows)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE search_document" if BACKEND == "postgres" else "ANALYZE")


def run_search(q: str) -> int:
    """What the page does for one query: the counts by kind (which give the total) and the
    first 20 hits, best first."""
    search = parse_search(q=q)
    total = total_of(search, counts(search))
    Ranked(search, total)[0:20]
    return total


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--documents", type=int, default=10_000)
    args = parser.parse_args()
    build(args.documents)
    client = Client(HTTP_HOST="127.0.0.1")
    per_query: dict[str, Any] = {}
    all_samples: list[float] = []
    for q in QUERIES:
        hits = run_search(q)
        answer = client.get("/api/search", {"q": q})
        assert answer.status_code == 200 and answer.json()["count"] == hits, answer.content[:200]
        figures = measure(partial(run_search, q), repeat=REPEAT, warmup=1)
        api = measure(partial(client.get, "/api/search", {"q": q}), repeat=REPEAT, warmup=1)
        per_query[q] = {"hits": hits, "search": figures, "api": api}
        all_samples.append(figures["median_ms"])
    all_samples.sort()
    median = all_samples[len(all_samples) // 2]
    write_results(
        "search" if BACKEND == "sqlite" else f"search-{BACKEND}",
        {
            "documents": args.documents,
            "median_of_query_medians_ms": median,
            "slowest_query_median_ms": all_samples[-1],
            "goal_ms": 100,
            "queries": per_query,
        },
    )


if __name__ == "__main__":
    main()
