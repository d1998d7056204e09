"""A vote open for ballots, its voters, and the check of the ballot invariant afterwards.

Shared by bench_ballot_load.py, bench_soak.py and bench_restore_drill.py; import it after
`django.setup()`. The invariant (docs/voting.md): count(Participation) == count(Ballot) ==
the voters told 201, no voter key twice, and every receipt a client was given stored with
the choices it sent.
"""

import hashlib
import random
import threading
from collections import Counter
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from django.core.management import call_command
from django.db.models import Count
from django.urls import Resolver404, resolve
from django.utils import timezone

from bench.bare_insert.server import Reply
from bench.bare_insert.urls import create_table
from maeul.accounts.models import DongTie, TieKind, User, VerificationMethod
from maeul.api.auth import issue_api_token
from maeul.places.demo import load_places
from maeul.places.models import District, Dong
from maeul.voting.identity import create_vote_key
from maeul.voting.models import Ballot, BallotType, Option, Participation, Vote, VoteStatus

OPTIONS = 30
MAX_CHOICES = 6


@dataclass
class Ledger:
    """What the clients were told, to check the database against at the end."""

    receipts: dict[int, str] = field(default_factory=dict)  # voter index -> receipt
    contents: dict[int, str] = field(default_factory=dict)  # voter index -> content sent
    outcomes: Counter[str] = field(default_factory=Counter)
    surprises: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)


def ballot_path(vote_id: int) -> str:
    return f"/api/votes/{vote_id}/ballot"


def endpoint_wired() -> bool:
    try:
        resolve(ballot_path(1))
    except Resolver404:
        return False
    return True


def prepare(voters: int) -> tuple[int, list[int], list[str]]:
    """A fresh database with the vote, its options and `voters` eligible residents."""
    call_command("migrate", verbosity=0)
    call_command("flush", interactive=False, verbosity=0)
    create_table()
    load_places()
    district = District.objects.get(code="1154500000")
    dongs = list(Dong.objects.filter(district=district))
    now = timezone.now()
    vote = Vote.objects.create(
        district=district,
        title="부하 시험 주민참여예산 투표",
        ballot_type=BallotType.APPROVAL,
        max_choices=MAX_CHOICES,
        budget=1_000_000_000,
        opens_at=now - timedelta(days=1),
        closes_at=now + timedelta(days=13),
        online=True,
        status=VoteStatus.PUBLISHED,
        created_at=now - timedelta(days=10),
    )
    create_vote_key(vote)
    options = Option.objects.bulk_create(
        [
            Option(vote=vote, number=n, title=f"부하 시험 사업 {n}", cost=10_000_000 * (1 + n % 9))
            for n in range(1, OPTIONS + 1)
        ]
    )
    users = User.objects.bulk_create(
        [
            User(
                email=f"voter{n:05d}@bench.maeul.kr",
                display_name=f"투표 주민 {n}",
                password="!",  # noqa: S106 -- unusable password
                date_joined=now - timedelta(days=30),
                verified_at=now,
                verification_method=VerificationMethod.IN_PERSON,
                # Recognisable at a ballot box (name and birth date as a keyed hash), which
                # online voting requires (docs/voting.md); any distinct value stands in here.
                person_hmac=hashlib.sha256(f"bench voter {n}".encode()).hexdigest(),
                birth_year=1950 + n % 60,
            )
            for n in range(voters)
        ],
        batch_size=1000,
    )
    DongTie.objects.bulk_create(
        [
            # held since before the opening: a tie added later does not count (voting.md)
            DongTie(
                user=user,
                dong=dongs[n % len(dongs)],
                kind=TieKind.LIVES,
                started_at=now - timedelta(days=30),
            )
            for n, user in enumerate(users)
        ],
        batch_size=1000,
    )
    return vote.pk, [o.pk for o in options], [issue_api_token(u) for u in users]


def choose(index: int, options: list[int]) -> tuple[list[int], str]:
    """Voter `index`'s choices (reproducible, a few popular options) and their canonical text."""
    rng = random.Random(index)  # noqa: S311 -- reproducible bench data
    weights = [1 / (rank + 1) for rank in range(len(options))]
    wanted = rng.randint(1, MAX_CHOICES)
    chosen: set[int] = set()
    while len(chosen) < wanted:
        chosen.update(rng.choices(options, weights=weights, k=wanted - len(chosen)))
    sent = list(chosen)
    rng.shuffle(sent)  # in any order: the ballot's content is canonical
    return sent, ",".join(str(pk) for pk in sorted(chosen))


def receipt_of(reply: Reply) -> str:
    data = reply.json()
    return str(data.get("receipt") or "") if isinstance(data, dict) else ""


def check_invariant(vote_id: int, ledger: Ledger, *, unanswered: int = 0) -> dict[str, Any]:
    """The invariant's figures and whether it holds.

    `unanswered`: voters who never got an answer (their connection broke every time, as
    when the bench kills workers); their ballot may or may not be stored, so the
    participations may exceed the voters told 201 by at most that many, never fall short.
    """
    participations = Participation.objects.filter(vote_id=vote_id)
    ballots = Ballot.objects.filter(vote_id=vote_id)
    duplicates = sum(
        participations.exclude(**{f"{key}__isnull": True})
        .values(key)
        .annotate(n=Count("pk"))
        .filter(n__gt=1)
        .count()
        for key in ("account_key", "phone_key", "person_key")
    )
    stored = dict(ballots.values_list("receipt", "content"))
    missing = [i for i, code in ledger.receipts.items() if code not in stored]
    wrong = [i for i, code in ledger.receipts.items() if stored.get(code) != ledger.contents[i]]
    figures = {
        "participations": participations.count(),
        "ballots": ballots.count(),
        "voters_told_201": len(ledger.receipts),
        "distinct_receipts_told": len(set(ledger.receipts.values())),
        "duplicate_voter_keys": duplicates,
        "receipts_missing": len(missing),
        "receipts_with_other_content": len(wrong),
    }
    figures["voters_never_answered"] = unanswered
    figures["holds"] = (
        figures["participations"] == figures["ballots"]
        and figures["voters_told_201"] == figures["distinct_receipts_told"]
        and 0 <= figures["participations"] - figures["voters_told_201"] <= unanswered
        and not figures["duplicate_voter_keys"]
        and not missing
        and not wrong
    )
    return figures
