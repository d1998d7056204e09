"""Proposal pages under data: 10,000 proposals, 1,000,000 supports, 100,000 comments.

The data is bulk-inserted (executemany on SQLite, COPY on PostgreSQL; not the services) in
a scratch database, in two steps: first a tenth (1,000 / 100,000 / 10,000), measured, then
the rest, measured again. Measured in-process with Django's test client (server time, no
network): the list page in its default sort and sorted by most supported, and two detail
pages (a typical proposal, and the one with the most supports and comments). The number
of queries per page must be the same at both sizes. The ORM work behind each page
(`maeul.proposals.listing`) is measured too, and alone when the pages are not wired yet.

Usage: python bench/bench_proposals.py [--scale 0.1]   (DATABASE_URL=postgres://… for PG)
Results: bench/results/proposals.json (proposals-postgres.json on PostgreSQL).
"""

import argparse
import math
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
from django.core.management.color import no_style  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import resolve  # noqa: E402
from django.utils import timezone  # noqa: E402

from maeul.accounts.models import User, VerificationMethod  # noqa: E402
from maeul.core.dates import SEOUL  # noqa: E402
from maeul.places.demo import load_places  # noqa: E402
from maeul.places.models import District, Dong  # noqa: E402
from maeul.proposals.demo import _setup  # noqa: E402
from maeul.proposals.models import (  # noqa: E402
    Answer,
    Channel,
    Comment,
    Decision,
    Proposal,
    Status,
    Support,
)

PROPOSALS, SUPPORTS, COMMENTS = 10_000, 1_000_000, 100_000
USERS = 5_000
FIRST_STEP = 0.1
REPEAT = 60
START = datetime(2024, 12, 1, 9, tzinfo=SEOUL)
STATUSES = [
    (Status.PUBLISHED, 70),
    (Status.REVIEWING, 10),
    (Status.ANSWERED, 10),
    (Status.DONE, 5),
    (Status.HIDDEN, 3),
    (Status.WITHDRAWN, 2),
]
CHUNK = 50_000


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


def _support_shape(count: int, total: int, cap: int, rng: random.Random) -> list[int]:
    """Supports per proposal: a long tail (a few very popular), summing to exactly `total`."""
    raw = [rng.lognormvariate(0, 1.3) for _ in range(count)]
    scale = total / sum(raw)
    shape = [min(cap, int(w * scale)) for w in raw]
    short = total - sum(shape)
    index = 0
    while short > 0:  # hand out the rounding remainder one by one where there is room
        if shape[index % count] < cap:
            shape[index % count] += 1
            short -= 1
        index += 1
    return shape


class Generator:
    def __init__(self) -> None:
        self.rng = random.Random(2026)  # noqa: S311 -- reproducible bench data
        self.next_support = 1
        self.next_comment = 1
        self.made = {"proposals": 0, "supports": 0, "comments": 0}

    def prepare(self) -> None:
        load_places()
        self.district = District.objects.get(code="1154500000")
        self.categories, self.departments, _ = _setup(self.district)
        self.dongs = list(Dong.objects.filter(district=self.district))
        now = timezone.now()
        User.objects.bulk_create(
            [
                User(
                    email=f"bench{n:05d}@bench.maeul.kr",
                    display_name=f"벤치 주민 {n}",
                    password="!",  # noqa: S106 -- unusable password
                    date_joined=now,
                    verified_at=now,
                    verification_method=VerificationMethod.IN_PERSON,
                )
                for n in range(USERS)
            ],
            batch_size=1000,
        )
        self.user_ids = list(User.objects.order_by("pk").values_list("pk", flat=True))

    def add(self, proposals: int, supports: int, comments: int) -> None:
        rng = self.rng
        statuses = [s for s, weight in STATUSES for _ in range(weight)]
        categories = list(self.categories.values())
        rows: list[Proposal] = []
        for _ in range(proposals):
            n = self.made["proposals"] + len(rows)
            published = START + timedelta(minutes=rng.randrange(0, 60 * 24 * 700))
            status = rng.choice(statuses)
            dong = rng.choice([*self.dongs, None])
            category = rng.choice(categories)
            answered = status in (Status.ANSWERED, Status.DONE)
            body = f"{dong.name if dong else '금천구'} 주민 제안 {n}번입니다. " * rng.randrange(
                3, 30
            )
            rows.append(
                Proposal(
                    district=self.district,
                    dong=dong,
                    category=category,
                    title=f"{category.name} 분야 제안 {n}: 우리 동네를 더 살기 좋게",
                    body=body,
                    body_html=f"<p>{body}</p>",
                    author_id=rng.choice(self.user_ids),
                    channel=Channel.ONLINE if rng.random() < 0.9 else Channel.STREET_BOOTH,
                    status=status,
                    hidden_reason="광고성 게시물" if status == Status.HIDDEN else "",
                    created_at=published,
                    published_at=published,
                    support_until=published + timedelta(days=30),
                    department=category.department if status != Status.PUBLISHED else None,
                    answered_at=published + timedelta(days=40) if answered else None,
                )
            )
        created = Proposal.objects.bulk_create(rows, batch_size=2000)
        Answer.objects.bulk_create(
            [
                Answer(
                    proposal=p,
                    department=p.department,
                    level="department",
                    decision=rng.choice(Decision.values),
                    body="검토한 결과를 알려 드립니다. " * 10,
                    body_html="<p>" + "검토한 결과를 알려 드립니다. " * 10 + "</p>",
                    created_at=p.answered_at,
                    updated_at=p.answered_at,
                )
                for p in created
                if p.answered_at
            ],
            batch_size=2000,
        )
        ids = [p.pk for p in created]
        received = {p.pk: p.published_at or START for p in created}
        shape = _support_shape(len(ids), supports, len(self.user_ids), rng)
        support_rows = []
        for pk, count in zip(ids, shape, strict=True):
            offset = rng.randrange(len(self.user_ids))
            base = received[pk]
            for k in range(count):
                user = self.user_ids[(offset + k) % len(self.user_ids)]
                at = base + timedelta(seconds=rng.randrange(1, 30 * 86400))
                support_rows.append((self.next_support, pk, user, at))
                self.next_support += 1
        _insert(Support, ["id", "proposal_id", "user_id", "created_at"], support_rows)
        del support_rows
        # Comments follow supports (popular proposals are discussed more); 15 % are replies.
        weights = [c + 1 for c in shape]
        targets = rng.choices(ids, weights=weights, k=comments)
        comment_rows = []
        tops: dict[int, int] = {}
        for pk in targets:
            parent = tops.get(pk) if rng.random() < 0.15 else None
            at = received[pk] + timedelta(seconds=rng.randrange(60, 60 * 86400))
            body = rng.choice(["좋은 제안입니다. 공감합니다.", "우리 동네도 같은 문제가 있어요."])
            comment_rows.append(
                (
                    self.next_comment,
                    pk,
                    rng.choice(self.user_ids),
                    parent,
                    body,
                    f"<p>{body}</p>",
                    at,
                    "",
                    0,
                )
            )
            if parent is None:
                tops.setdefault(pk, self.next_comment)
            self.next_comment += 1
        _insert(
            Comment,
            [
                "id",
                "proposal_id",
                "author_id",
                "parent_id",
                "body",
                "body_html",
                "created_at",
                "hidden_reason",
                "report_count",
            ],
            comment_rows,
        )
        with connection.cursor() as cursor:
            for sql in connection.ops.sequence_reset_sql(no_style(), [Support, Comment]):
                cursor.execute(sql)
            # The counters equal the rows, as the services keep them.
            p, s, c = (m._meta.db_table for m in (Proposal, Support, Comment))
            cursor.execute(
                f"UPDATE {p} SET support_count = (SELECT COUNT(*) FROM {s} WHERE {s}.proposal_id = {p}.id), "  # noqa: S608
                f"comment_count = (SELECT COUNT(*) FROM {c} WHERE {c}.proposal_id = {p}.id)"
            )
            if connection.vendor == "postgresql":
                cursor.execute(f"ANALYZE {p}; ANALYZE {s}; ANALYZE {c}")
        self.made["proposals"] += proposals
        self.made["supports"] += supports
        self.made["comments"] += comments


def _pages_wired() -> bool:
    try:
        resolve("/proposals/")
        resolve("/proposals/1/")
    except Exception:  # the URLconf may be half-built while the pages are written
        return False
    return True


def _orm_work(detail_pk: int):
    from maeul.proposals.listing import ProposalFilter, filter_proposals, viewable_proposals

    now = timezone.now()

    def listing(sort: str):
        def run() -> None:
            rows = filter_proposals(ProposalFilter(sort=sort), now=now)
            list(rows[:20])
            rows.count()

        return run

    def detail() -> None:
        proposal = (
            viewable_proposals()
            .select_related("district", "dong", "category", "author", "answer__department")
            .get(pk=detail_pk)
        )
        list(proposal.comments.select_related("author").order_by("created_at", "id"))

    return {
        "list_newest": listing("newest"),
        "list_supported": listing("supported"),
        "detail": detail,
    }


def _measure_step(label: str) -> dict[str, Any]:
    public = Proposal.objects.public()
    # Pages of the same shape at both sizes (answered, with comments and replies), so that a
    # change in the query count can only come from the amount of data.
    shaped = (
        public.filter(status=Status.ANSWERED, comments__parent__isnull=False)
        .distinct()
        .order_by("comment_count", "pk")
    )
    counts = list(shaped.values_list("pk", "comment_count"))
    typical, median_comments = counts[len(counts) // 2]
    busiest = counts[-1][0]
    figures: dict[str, Any] = {
        "data": {
            "proposals": Proposal.objects.count(),
            "supports": Support.objects.count(),
            "comments": Comment.objects.count(),
            "busiest_proposal": {
                "supports": public.get(pk=busiest).support_count,
                "comments": public.get(pk=busiest).comment_count,
            },
            "max_supports": max(public.values_list("support_count", flat=True)),
            "typical_proposal_comments": median_comments,
        }
    }
    if _pages_wired():
        client = Client(HTTP_HOST="127.0.0.1")
        pages = {
            "list_newest": "/proposals/",
            "list_supported": "/proposals/?sort=supported",
            "detail_typical": f"/proposals/{typical}/",
            "detail_busiest": f"/proposals/{busiest}/",
        }
        http = {}
        for name, url in pages.items():
            status = client.get(url).status_code
            assert status == 200, (url, status)
            with CaptureQueriesContext(connection) as queries:
                client.get(url)
            http[name] = {
                "url": url,
                "queries": len(queries),
                **measure(partial(client.get, url), repeat=REPEAT),
            }
            print(f"  {label} {name}: {http[name]}", flush=True)
        figures["http"] = http
    else:
        figures["http"] = None
        print("  the proposal pages are not wired yet: measuring the ORM work only", flush=True)
    orm = {}
    for name, run in {**_orm_work(typical), "detail_busiest": _orm_work(busiest)["detail"]}.items():
        with CaptureQueriesContext(connection) as queries:
            run()
        orm[name] = {"queries": len(queries), **measure(run, repeat=REPEAT)}
        print(f"  {label} orm {name}: {orm[name]}", flush=True)
    figures["orm"] = orm
    return figures


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--scale", type=float, default=1.0, help="fraction of the full data")
    args = parser.parse_args()
    total = {
        k: math.ceil(v * args.scale)
        for k, v in {"p": PROPOSALS, "s": SUPPORTS, "c": COMMENTS}.items()
    }
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
    done = {"p": 0, "s": 0, "c": 0}
    for step, fraction in (("small", FIRST_STEP), ("full", 1.0)):
        target = {k: math.ceil(v * fraction) for k, v in total.items()}
        started = time.perf_counter()
        with transaction.atomic():
            generator.add(target["p"] - done["p"], target["s"] - done["s"], target["c"] - done["c"])
        done = target
        results["generation_s"][step] = round(time.perf_counter() - started, 1)
        print(f"== {step}: {target} generated in {results['generation_s'][step]} s", flush=True)
        results["steps"][step] = _measure_step(step)

    small, full = results["steps"]["small"], results["steps"]["full"]
    for kind in ("http", "orm"):
        if small[kind] and full[kind]:
            for name, figures in full[kind].items():
                assert figures["queries"] == small[kind][name]["queries"], (
                    f"{kind} {name}: {small[kind][name]['queries']} queries at "
                    f"{small['data']['proposals']} proposals, {figures['queries']} at "
                    f"{full['data']['proposals']}"
                )
    results["queries_constant"] = True
    results["goal"] = "median < 50 ms per page; queries per page do not grow with the data"
    name = "proposals" if BACKEND == "sqlite" else f"proposals-{BACKEND}"
    if args.scale != 1.0:  # a trial run never replaces the figures docs/ quotes
        name += f"-scale{args.scale:g}"
    write_results(name, results)


if __name__ == "__main__":
    main()
