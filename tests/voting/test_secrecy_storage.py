"""After the count, nothing stored pairs a voter with a ballot better than chance.

Attacked as a database administrator would: 200 ballots cast in a known order over the
three channels (with replaced ballots), then every ordering of the two tables that a raw
copy offers (SQLite's rowid, PostgreSQL's ctid, ids, times, receipts) is paired rank by
rank and the pairs that match the known choices are counted. Before the count the
physical order gives the votes away (the residual risk of an open vote, docs/voting.md);
after it, no ordering does better than chance (one match expected), and neither the
channel, the batch, the time nor the deleted rows' bytes re-link them.
"""

import random
from bisect import bisect_left
from datetime import date, timedelta
from itertools import combinations
from pathlib import Path

import pytest
from django.db import connection
from django.utils import timezone

from maeul.voting.ballots import Choices
from maeul.voting.identity import PaperVoter
from maeul.voting.models import Ballot, Channel, PaperBatch, Participation, Vote
from maeul.voting.services.casting import cast_ballot
from maeul.voting.services.counting import count_vote
from maeul.voting.services.paper import confirm_batch, enter_paper_ballot
from tests.conftest import _verified
from tests.factories import DongTieFactory, UserFactory
from tests.voting.conftest import add_options, make_vote

pytestmark = pytest.mark.django_db(transaction=True)

VOTERS = 200
# By chance, ranks match once on average (ten or more: P < 1e-7), and the longest run of
# voters whose ballots stand in the same relative order (what an attacker aligning the two
# tables finds) is about 2 * sqrt(200) - 4 = 24, with a spread of about 2.
CHANCE_MATCHES = 10
CHANCE_RUN = 45

PHYSICAL = {"sqlite": "rowid", "postgresql": "ctid"}


@pytest.fixture
def secret_vote(geumcheon, doksan1, now) -> Vote:
    vote = make_vote(
        geumcheon,
        now,
        title="비밀투표 시험",
        max_choices=6,
        budget=None,
        min_age=0,
        allow_change=True,
        on_site_replaces_online=True,
        opens_at=now - timedelta(days=2),
        closes_at=now + timedelta(days=1),
    )
    add_options(vote, [(f"사업 {n}", 1_000_000) for n in range(1, 31)])
    return vote


# A different pair of options for each voter, so a choice identifies its voter exactly; in
# an order unrelated to the voting order, as real choices are.
PAIRS = list(combinations(range(30), 2))
random.Random(2026).shuffle(PAIRS)  # noqa: S311 -- test data, not a secret


def _choices(vote: Vote, index: int) -> Choices:
    ids = [option.pk for option in vote.options.order_by("number")]
    first, second = PAIRS[index]
    return Choices(option_ids=(ids[first], ids[second]))


def _content(choices: Choices) -> str:
    return ",".join(str(option_id) for option_id in sorted(choices.option_ids))


def cast_in_known_order(vote, doksan1, dong_staff, second_dong_staff, now):
    """Cast 200 ballots; return {participation id: the content its person finally chose}."""
    on_site = PaperBatch.objects.create(
        vote=vote,
        dong=doksan1,
        channel=Channel.ON_SITE,
        label="투표함",
        created_by=dong_staff,
        created_at=now,
    )
    postal = PaperBatch.objects.create(
        vote=vote,
        dong=doksan1,
        channel=Channel.POSTAL,
        label="우편",
        created_by=dong_staff,
        created_at=now,
    )
    final: dict[str, str] = {}  # a key of the person -> what they chose last
    when = now - timedelta(hours=30)
    online_voters = []
    for index in range(VOTERS):
        when += timedelta(minutes=7)
        channel = index % 3
        choices = _choices(vote, index)
        if channel == 0:
            user = _verified(UserFactory(display_name=f"온라인{index}"))
            DongTieFactory(user=user, dong=doksan1)
            user.dong_ties.update(started_at=now - timedelta(days=30))
            cast_ballot(vote=vote, user=user, choices=choices, now=when)
            online_voters.append((user, index))
            final[f"user:{user.pk}"] = _content(choices)
        else:
            voter = PaperVoter(
                name=f"종이{index}",
                birth_date=date(1950, 1, 1) + timedelta(days=index),
                dong=doksan1,
            )
            enter_paper_ballot(
                batch=on_site if channel == 1 else postal,
                voter=voter,
                choices=choices,
                staff=dong_staff,
                now=when,
                ip=None,
            )
            final[voter.keys(vote)["person_key"]] = _content(choices)
    # Three people change their online ballot; the last one counts.
    for user, index in online_voters[:3]:
        when += timedelta(minutes=3)
        choices = _choices(vote, VOTERS + index)
        cast_ballot(vote=vote, user=user, choices=choices, now=when)
        final[f"user:{user.pk}"] = _content(choices)
    confirm_batch(batch=on_site, staff=second_dong_staff, now=when, ip=None)
    confirm_batch(batch=postal, staff=second_dong_staff, now=when, ip=None)
    truth = {}
    for participation in Participation.objects.filter(vote=vote):
        key = f"user:{participation.user_id}" if participation.user_id else participation.person_key
        truth[participation.pk] = final[key]
    assert len(truth) == VOTERS
    return truth


def _ordered(table: str, order: str, column: str, vote: Vote) -> list:
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {column} FROM {table} WHERE vote_id = %s ORDER BY {order}",  # noqa: S608
            [vote.pk],
        )
        return [row[0] for row in cursor.fetchall()]


def longest_common_run(first: list[str], second: list[str]) -> int:
    """The longest sequence of contents in the same order in both lists (contents are
    distinct): the longest increasing subsequence of positions, by patience sorting."""
    position = {content: index for index, content in enumerate(second)}
    piles: list[int] = []
    for index in (position[content] for content in first):
        place = bisect_left(piles, index)
        piles[place : place + 1] = [index]
    return len(piles)


def pairings(vote: Vote, truth: dict[int, str]) -> dict[tuple[str, str], tuple[int, int]]:
    """For each ordering of participations and of ballots: how many rank-by-rank pairs match
    the known choices, and the longest run an alignment of the two orders recovers."""
    physical = PHYSICAL[connection.vendor]
    participation_orders = {
        order: _ordered("voting_participation", order, "id", vote)
        for order in (physical, "id", "created_at, id", "created_at DESC, id DESC")
    }
    ballot_orders = {
        order: _ordered("voting_ballot", order, "content", vote)
        for order in (physical, "id", "receipt", "content", f"{physical} DESC")
    }
    found = {}
    for p_order, participations in participation_orders.items():
        chosen = [truth[pid] for pid in participations]
        for b_order, contents in ballot_orders.items():
            matches = sum(a == b for a, b in zip(chosen, contents, strict=True))
            found[(p_order, b_order)] = (matches, longest_common_run(chosen, contents))
    return found


def test_storage_order_pairs_voters_with_ballots_no_better_than_chance_after_the_count(
    secret_vote, doksan1, dong_staff, second_dong_staff, district_staff, now
):
    truth = cast_in_known_order(secret_vote, doksan1, dong_staff, second_dong_staff, now)
    physical = PHYSICAL[connection.vendor]

    before = pairings(secret_vote, truth)
    # The attack works while the vote is open: that is the residual risk the docs state.
    assert before[(physical, physical)][1] > VOTERS * 0.9

    Vote.objects.filter(pk=secret_vote.pk).update(closes_at=now - timedelta(minutes=1))
    secret_vote.refresh_from_db()
    count_vote(vote=secret_vote, staff=district_staff, now=now, ip=None)

    after = pairings(secret_vote, truth)
    assert max(matches for matches, _run in after.values()) < CHANCE_MATCHES, after
    assert max(run for _matches, run in after.values()) < CHANCE_RUN, after
    ballots = Ballot.objects.filter(vote=secret_vote)
    assert ballots.count() == VOTERS
    assert sorted(ballots.values_list("content", flat=True)) == sorted(truth.values())


def test_the_count_leaves_no_channel_batch_or_time_to_group_by(
    secret_vote, doksan1, dong_staff, second_dong_staff, district_staff, now
):
    cast_in_known_order(secret_vote, doksan1, dong_staff, second_dong_staff, now)
    Vote.objects.filter(pk=secret_vote.pk).update(closes_at=now - timedelta(minutes=1))
    secret_vote.refresh_from_db()

    count_vote(vote=secret_vote, staff=district_staff, now=now, ip=None)

    ballots = Ballot.objects.filter(vote=secret_vote)
    assert set(ballots.values_list("channel", flat=True)) == {""}
    assert not ballots.filter(batch__isnull=False).exists()
    times = Participation.objects.filter(vote=secret_vote).values_list("created_at", flat=True)
    seoul = timezone.get_current_timezone()
    assert {t.astimezone(seoul).time() for t in times} == {timezone.datetime.min.time()}
    assert not Participation.objects.filter(vote=secret_vote).exclude(ballot_link="").exists()


def test_the_count_removes_the_old_ballot_rows_from_the_files(
    secret_vote, doksan1, dong_staff, second_dong_staff, district_staff, now
):
    cast_in_known_order(secret_vote, doksan1, dong_staff, second_dong_staff, now)
    old_ids = {
        ballot.hex
        for ballot in Ballot.objects.filter(vote=secret_vote).values_list("id", flat=True)
    }
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_relation_filenode('voting_ballot')")
            filenode_before = cursor.fetchone()[0]
    Vote.objects.filter(pk=secret_vote.pk).update(closes_at=now - timedelta(minutes=1))
    secret_vote.refresh_from_db()

    count_vote(vote=secret_vote, staff=district_staff, now=now, ip=None)

    new_ids = {b.hex for b in Ballot.objects.filter(vote=secret_vote).values_list("id", flat=True)}
    assert not old_ids & new_ids
    if connection.vendor == "sqlite":
        # secure_delete zeroed the deleted rows; the write-ahead log was truncated.
        path = Path(connection.settings_dict["NAME"])
        raw = b"".join(file.read_bytes() for file in (path, Path(f"{path}-wal")) if file.exists())
        assert not [old for old in old_ids if old.encode() in raw]
    else:
        # The ballot table was rewritten into a new file (VACUUM FULL): no dead rows remain.
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_relation_filenode('voting_ballot')")
            assert cursor.fetchone()[0] != filenode_before
