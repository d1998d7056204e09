"""The public ballot file after the count (anyone can recount), and simulations from pabulib."""

import csv
import io
from collections import Counter
from collections.abc import Sequence
from datetime import timedelta
from pathlib import Path
from typing import cast

import pytest
from django.core.management import call_command
from django.utils import translation

from maeul.accounts.models import TieKind, User
from maeul.core.errors import RuleViolation
from maeul.voting.ballots import Choices
from maeul.voting.counting import outcome
from maeul.voting.counting.pabulib import parse_pabulib, parse_pabulib_file
from maeul.voting.models import Ballot, Option, Participation, Phase, Vote, VoteStatus
from maeul.voting.services.casting import cast_ballot
from maeul.voting.services.counting import count_vote, tally
from maeul.voting.services.export import export_pb, export_yes_no_csv, import_pb
from tests.conftest import _verified
from tests.factories import DongTieFactory, UserFactory
from tests.voting.conftest import PB_OPTIONS, add_options, make_vote, option_ids

pytestmark = pytest.mark.django_db

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "small_approval.pb"
# 20 ballots by option number; no two options tie where a rule has to choose between them.
PB_BALLOTS = [(1, 2)] * 6 + [(1, 3)] * 4 + [(4,)] * 3 + [(2, 5)] * 3 + [(5,)] * 2 + [()] * 2


@pytest.fixture(autouse=True)
def _korean():
    with translation.override("ko"):
        yield


def eligible_voters(dong, count: int) -> list[User]:
    users = []
    for _index in range(count):
        user = _verified(cast(User, UserFactory()))
        DongTieFactory(user=user, dong=dong, kind=TieKind.LIVES)
        users.append(user)
    return users


def cast_all(vote: Vote, dong, ballots: Sequence[tuple[int, ...]], now) -> None:
    for user, numbers in zip(eligible_voters(dong, len(ballots)), ballots, strict=True):
        cast_ballot(vote=vote, user=user, choices=Choices(option_ids(vote, *numbers)), now=now)


def counted(vote: Vote, staff) -> Vote:
    count_vote(vote=vote, staff=staff, now=vote.closes_at + timedelta(minutes=1), ip=None)
    vote.refresh_from_db()
    return vote


def selected_numbers(vote: Vote) -> set[str]:
    return {str(o.number) for o in vote.options.all() if o.pk in vote.result.selected}


@pytest.fixture
def counted_pb_vote(pb_vote, doksan1, district_staff, now) -> Vote:
    cast_all(pb_vote, doksan1, PB_BALLOTS, now)
    return counted(pb_vote, district_staff)


# --- Export -----------------------------------------------------------------------------
@pytest.mark.parametrize("rule", ["greedy", "mes"])
def test_anyone_can_recount_the_exported_ballots(geumcheon, doksan1, district_staff, now, rule):
    vote = make_vote(geumcheon, now, rule=rule)
    add_options(vote, PB_OPTIONS)
    cast_all(vote, doksan1, PB_BALLOTS, now)
    vote = counted(vote, district_staff)

    election = parse_pabulib(export_pb(vote))

    assert set(outcome(election, rule)) == selected_numbers(vote)
    assert selected_numbers(vote)  # the rule selected something to agree on


def test_export_describes_the_vote_and_its_projects(counted_pb_vote):
    election = parse_pabulib(export_pb(counted_pb_vote))

    meta = election.meta
    assert meta["country"] == "South Korea"
    assert meta["unit"] == "금천구"
    assert (meta["vote_type"], meta["rule"], meta["language"]) == ("approval", "greedy", "ko")
    assert (meta["budget"], meta["max_length"]) == ("100000000", "3")
    assert (meta["num_projects"], meta["num_votes"]) == ("5", "20")
    assert meta["instance"] == str(counted_pb_vote.opens_at.year)
    assert len(meta["date_begin"].split(".")) == 3
    projects = election.projects
    assert sorted(projects) == ["1", "2", "3", "4", "5"]
    assert projects["1"].fields["name"] == PB_OPTIONS[0][0]
    assert projects["1"].cost == 30_000_000
    assert projects["1"].fields["votes"] == "10"
    chosen = {p for p, project in projects.items() if project.fields["selected"] == "1"}
    assert chosen == selected_numbers(counted_pb_vote)
    assert election.num_voters == 20


def test_export_holds_the_same_ballots_in_another_order(counted_pb_vote):
    text = export_pb(counted_pb_vote)
    rows = text.split("VOTES\n", 1)[1].splitlines()[1:]
    exported = [tuple(int(n) for n in row.split(";")[1].split(",") if n) for row in rows]

    assert [row.split(";")[0] for row in rows] == [str(n) for n in range(1, 21)]
    assert Counter(exported) == Counter(PB_BALLOTS)
    assert exported != PB_BALLOTS
    assert export_pb(counted_pb_vote) == text  # the same file at every download
    assert export_pb(counted_pb_vote, seed="another") != text


def test_export_has_no_receipt_codes_and_no_channels(counted_pb_vote):
    text = export_pb(counted_pb_vote)

    receipts = Ballot.objects.filter(vote=counted_pb_vote).values_list("receipt", flat=True)
    assert receipts
    assert not any(receipt in text for receipt in receipts)
    assert "online" not in text


def test_export_of_a_ranking_keeps_the_rank_order(ranking_vote, doksan1, district_staff, now):
    cast_all(ranking_vote, doksan1, [(3, 1, 2), (2,)], now)
    vote = counted(ranking_vote, district_staff)

    election = parse_pabulib(export_pb(vote))

    assert election.meta["vote_type"] == "ordinal"
    assert set(election.ballots) == {("3", "1", "2"), ("2",)}


def test_export_is_refused_before_the_count(pb_vote, resident, now):
    cast_ballot(vote=pb_vote, user=resident, choices=Choices(option_ids(pb_vote, 1)), now=now)

    with pytest.raises(RuleViolation) as refused:
        export_pb(pb_vote)

    assert refused.value.code == "not_counted"


def test_a_yes_no_vote_is_exported_as_csv(assembly_vote, doksan1, district_staff, now):
    items = assembly_vote.options.order_by("number")
    answers = [("yes", "no", "abstain"), ("yes", "yes", "no"), ("no", "yes", "yes")]
    for user, row in zip(eligible_voters(doksan1, 3), answers, strict=True):
        choices = Choices(answers=tuple((o.pk, a) for o, a in zip(items, row, strict=True)))
        cast_ballot(vote=assembly_vote, user=user, choices=choices, now=now)
    vote = counted(assembly_vote, district_staff)

    with pytest.raises(RuleViolation):
        export_pb(vote)
    text = export_yes_no_csv(vote)

    rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))
    assert len(rows[0]) == 3
    labels = {"yes": "찬성", "no": "반대", "abstain": "기권"}
    expected = Counter(tuple(labels[a] for a in row) for row in answers)
    assert Counter(tuple(row) for row in rows[1:]) == expected
    with translation.override("en"):
        assert export_yes_no_csv(vote).splitlines()[0] == "\ufeffNo. 1,No. 2,No. 3"


def test_csv_is_only_for_yes_no_votes(counted_pb_vote):
    with pytest.raises(RuleViolation):
        export_yes_no_csv(counted_pb_vote)


# --- Import -----------------------------------------------------------------------------
def test_import_creates_a_closed_simulation(geumcheon, district_staff, now):
    vote = import_pb(data=FIXTURE.read_bytes(), district=geumcheon, staff=district_staff, now=now)

    assert (vote.is_simulation, vote.status) == (True, VoteStatus.PUBLISHED)
    assert vote.phase(now) == Phase.CLOSED
    assert (vote.budget, vote.rule, vote.max_choices) == (10, "greedy", None)
    assert vote.title == 'A small hand-made election; quoted "fields" may hold ; too'
    options = list(vote.options.order_by("number").values_list("number", "title", "cost"))
    assert options == [
        (1, "Playground; shade", 6),
        (2, "Library shelves", 4),
        (3, "Benches", 3),
        (4, "Free clean-up day", 0),
        (5, "Mural", 5),
    ]
    assert Ballot.objects.filter(vote=vote).count() == 6
    assert not Participation.objects.filter(vote=vote).exists()


def test_counting_an_import_agrees_with_pb_outcome(geumcheon, district_staff, now):
    vote = import_pb(data=FIXTURE.read_bytes(), district=geumcheon, staff=district_staff, now=now)
    project_of = {o.pk: "abcde"[o.number - 1] for o in vote.options.all()}

    selected = {project_of[pk] for pk in tally(vote).selected}

    assert selected == set(outcome(parse_pabulib_file(FIXTURE), "greedy"))
    result = count_vote(vote=vote, staff=district_staff, now=now, ip=None)
    assert {project_of[pk] for pk in result.selected} == selected
    assert result.ballot_count == 6


def test_import_takes_the_rule_and_the_most_choices_from_meta(geumcheon, district_staff, now):
    text = FIXTURE.read_text().replace("vote_type;approval", "vote_type;approval\nrule;mes")
    text = text.replace("budget;10", "budget;10\nmax_length;2")

    vote = import_pb(data=text.encode(), district=geumcheon, staff=district_staff, now=now)

    assert (vote.rule, vote.max_choices) == ("mes", 2)


def test_a_malformed_file_creates_nothing_and_names_the_line(geumcheon, district_staff, now):
    text = FIXTURE.read_text().replace("c;3;2;Benches", "c;three;2;Benches")

    with pytest.raises(RuleViolation) as refused:
        import_pb(data=text.encode(), district=geumcheon, staff=district_staff, now=now)

    assert "14번째 줄" in refused.value.message
    assert not Vote.objects.exists()
    assert not Option.objects.exists()
    assert not Ballot.objects.exists()


def test_import_refuses_ballots_that_are_not_approvals(geumcheon, district_staff, now):
    text = FIXTURE.read_text().replace("vote_type;approval", "vote_type;ordinal")

    with pytest.raises(RuleViolation) as refused:
        import_pb(data=text.encode(), district=geumcheon, staff=district_staff, now=now)

    assert "approval" in refused.value.message
    assert not Vote.objects.exists()


@pytest.mark.parametrize("persona", ["other_district_staff", "resident", "dong_staff"])
def test_only_district_staff_import(request, persona, geumcheon, now):
    with pytest.raises(RuleViolation) as refused:
        import_pb(
            data=FIXTURE.read_bytes(),
            district=geumcheon,
            staff=request.getfixturevalue(persona),
            now=now,
        )

    assert refused.value.code == "forbidden"
    assert not Vote.objects.exists()


def test_the_command_imports_for_the_operator(geumcheon):
    out = io.StringIO()

    call_command("import_pb", str(FIXTURE), "--district", "금천구", "--title", "연습", stdout=out)

    vote = Vote.objects.get()
    assert (vote.title, vote.district, vote.created_by) == ("연습", geumcheon, None)
    assert f"/api/votes/{vote.pk}" in out.getvalue()
