"""Events: the announcement rule, the assembly's vote on the voting engine, its result, minutes."""

from datetime import timedelta

import pytest
from django.utils import timezone

from maeul.core.errors import RuleViolation
from maeul.core.models import AuditEntry
from maeul.councils.models import AgendaItem, AgendaStatus, CouncilEvent, EventKind
from maeul.councils.services.agenda import write_agenda_item
from maeul.councils.services.assembly import (
    apply_assembly_result,
    assembly_result,
    open_assembly_vote,
)
from maeul.councils.services.events import publish_minutes, schedule_event
from maeul.voting.ballots import Choices
from maeul.voting.models import BallotType, Channel, Option, Vote, VoteStatus
from maeul.voting.services.casting import cast_ballot
from maeul.voting.services.counting import count_vote
from maeul.voting.services.setup import add_option

IP = "203.0.113.5"
ITEMS = [
    ("마을 축제 개최", 5_000_000),
    ("골목 방범 순찰", 3_000_000),
    ("주민 공유 텃밭", 2_000_000),
]


@pytest.fixture
def year(now):
    return timezone.localdate(now).year + 1


@pytest.fixture
def items(doksan1_council, dong_staff, now, year):
    return [
        write_agenda_item(
            council=doksan1_council,
            title=title,
            description=f"{title} 설명",
            year=year,
            estimated_cost=cost,
            author=dong_staff,
            now=now,
            ip=IP,
        )
        for title, cost in ITEMS
    ]


def schedule(council, staff, now, year, items, **fields):
    values = {
        "kind": EventKind.ASSEMBLY,
        "title": f"{year} 독산1동 주민총회",
        "starts_at": now + timedelta(days=14),
        "place": "독산1동 주민센터 대강당",
        "online_link": "https://youtube.com/live/doksan1",
        "announce_days": 14,
    }
    values.update(fields)
    return schedule_event(
        council=council, year=year, agenda_items=items, staff=staff, now=now, ip=IP, **values
    )


@pytest.fixture
def assembly(doksan1_council, dong_staff, now, year, items):
    return schedule(doksan1_council, dong_staff, now, year, items)


def open_vote(event, staff, now, **fields):
    values = {
        "opens_at": now + timedelta(hours=1),
        "closes_at": event.starts_at + timedelta(hours=3),
        "channels": [Channel.ONLINE, Channel.ON_SITE, Channel.POSTAL],
    }
    values.update(fields)
    return open_assembly_vote(event=event, staff=staff, now=now, ip=IP, **values)


def vote_and_count(vote, voters, answers_of, staff, at):
    """Each voter answers `answers_of(position)` per option number; then the count."""
    options = list(vote.options.order_by("number"))
    for position, voter in enumerate(voters):
        answers = answers_of(position)
        cast_ballot(
            vote=vote,
            user=voter,
            choices=Choices(answers=tuple((o.pk, answers[i]) for i, o in enumerate(options))),
            now=at,
        )
    return count_vote(vote=vote, staff=staff, now=vote.closes_at + timedelta(minutes=5), ip=IP)


@pytest.fixture
def voters(make_applicant):
    return [make_applicant(f"주민{n}") for n in range(4)]


# --- Scheduling ---------------------------------------------------------------------------
def test_scheduling_an_assembly_puts_its_items_on_the_agenda(assembly, items, now):
    assert set(assembly.agenda_items.all()) == set(items)
    assert set(AgendaItem.objects.values_list("status", flat=True)) == {AgendaStatus.ON_ASSEMBLY}
    assert assembly.announced_on() == timezone.localdate(now)
    assert assembly.is_announced(now)
    assert not assembly.is_announced(now - timedelta(days=1))
    assert AuditEntry.objects.filter(action="councils.event_schedule").count() == 1


def test_an_event_whose_announcement_day_has_passed_is_refused(
    doksan1_council, dong_staff, now, year, items
):
    with pytest.raises(RuleViolation) as refusal:
        schedule(doksan1_council, dong_staff, now, year, items, starts_at=now + timedelta(days=10))

    assert refusal.value.code == "too_late"
    assert not CouncilEvent.objects.exists()
    assert set(AgendaItem.objects.values_list("status", flat=True)) == {AgendaStatus.DISCOVERED}


def test_fewer_days_of_announcement_make_a_near_event_possible(
    doksan1_council, dong_staff, now, year
):
    event = schedule(
        doksan1_council,
        dong_staff,
        now,
        year,
        [],
        kind=EventKind.POLICY_SHARING,
        title="정책공유회",
        starts_at=now + timedelta(days=8),
        announce_days=7,
    )

    assert event.kind == EventKind.POLICY_SHARING


@pytest.mark.parametrize(
    ("fields", "code"),
    [
        ({"kind": "party"}, "kind"),
        ({"title": " "}, "title"),
        ({"place": ""}, "place"),
        ({"online_link": "javascript:alert(1)"}, "online_link"),
        ({"announce_days": 0}, "announce_days"),
        ({"announce_days": -3}, "announce_days"),
    ],
)
def test_bad_events_are_refused(doksan1_council, dong_staff, now, year, items, fields, code):
    with pytest.raises(RuleViolation) as refusal:
        schedule(doksan1_council, dong_staff, now, year, items, **fields)

    assert refusal.value.code == code
    assert not CouncilEvent.objects.exists()


def test_agenda_items_of_another_year_or_council_are_refused(
    doksan1_council, gasan_council, other_dong_staff, dong_staff, now, year, items
):
    other = write_agenda_item(
        council=gasan_council,
        title="가산동 의제",
        description="",
        year=year,
        author=other_dong_staff,
        now=now,
        ip=IP,
    )
    for wrong in ([other], [*items[:1]]):
        event_year = year if wrong == [other] else year + 1  # items of the year before
        with pytest.raises(RuleViolation) as refusal:
            schedule(doksan1_council, dong_staff, now, event_year, wrong)
        assert refusal.value.code == "agenda"
    assert not CouncilEvent.objects.exists()


def test_an_assembly_needs_items_still_being_shaped(doksan1_council, dong_staff, now, year, items):
    items[0].status = AgendaStatus.DROPPED
    items[0].save()

    with pytest.raises(RuleViolation):
        schedule(doksan1_council, dong_staff, now, year, items)
    with pytest.raises(RuleViolation):
        schedule(doksan1_council, dong_staff, now, year, [])


def test_one_assembly_a_year(assembly, doksan1_council, dong_staff, now, year):
    with pytest.raises(RuleViolation) as refusal:
        schedule(doksan1_council, dong_staff, now, year, [], title="두 번째 총회")

    assert refusal.value.code == "second_assembly"
    assert CouncilEvent.objects.count() == 1


def test_staff_of_another_dong_cannot_schedule(doksan1_council, other_dong_staff, now, year, items):
    with pytest.raises(RuleViolation) as refusal:
        schedule(doksan1_council, other_dong_staff, now, year, items)

    assert refusal.value.code == "forbidden"
    assert not CouncilEvent.objects.exists()
    assert set(AgendaItem.objects.values_list("status", flat=True)) == {AgendaStatus.DISCOVERED}


# --- The assembly's vote ------------------------------------------------------------------
def test_the_assembly_vote_is_a_yes_no_vote_of_the_dong(assembly, doksan1_council, dong_staff, now):
    doksan1_council.assembly_quorum = 2
    doksan1_council.save()

    vote = open_vote(assembly, dong_staff, now)

    assert (vote.ballot_type, vote.dong, vote.district) == (
        BallotType.YES_NO,
        doksan1_council.dong,
        doksan1_council.district,
    )
    assert (vote.quorum, vote.on_site_replaces_online, vote.status) == (
        2,
        True,
        VoteStatus.PUBLISHED,
    )
    assert (vote.online, vote.on_site, vote.postal) == (True, True, True)
    assert [(o.number, o.title, o.cost) for o in vote.options.order_by("number")] == [
        (n, title, cost) for n, (title, cost) in enumerate(ITEMS, start=1)
    ]
    assembly.refresh_from_db()
    assert assembly.vote == vote
    assert AuditEntry.objects.filter(action="councils.assembly_vote_open").count() == 1


def test_a_governance_council_votes_across_its_district(
    governance_council, district_staff, now, year
):
    item = write_agenda_item(
        council=governance_council,
        title="청년 일자리 박람회",
        description="",
        year=year,
        author=district_staff,
        now=now,
        ip=IP,
    )
    event = schedule(governance_council, district_staff, now, year, [item], title="협치 총회")

    vote = open_vote(event, district_staff, now)

    assert vote.dong is None
    assert vote.district == governance_council.district


@pytest.mark.parametrize(
    ("fields", "code"),
    [
        ({"channels": []}, "channels"),
        ({"channels": ["carrier_pigeon"]}, "channels"),
        ({"opens_at_offset": timedelta(days=-2)}, "period"),
        ({"closes_before_start": True}, "period"),
    ],
)
def test_bad_assembly_votes_are_refused(assembly, dong_staff, now, fields, code):
    if "opens_at_offset" in fields:
        fields = {"opens_at": now + fields.pop("opens_at_offset")}
    if fields.pop("closes_before_start", False):
        fields = {"closes_at": assembly.starts_at - timedelta(hours=1)}

    with pytest.raises(RuleViolation) as refusal:
        open_vote(assembly, dong_staff, now, **fields)

    assert refusal.value.code == code
    assert not Vote.objects.exists()


def test_the_assembly_gets_one_vote(assembly, dong_staff, now):
    open_vote(assembly, dong_staff, now)

    with pytest.raises(RuleViolation) as refusal:
        open_vote(assembly, dong_staff, now)

    assert refusal.value.code == "has_vote"
    assert Vote.objects.count() == 1


def test_only_an_assembly_votes(doksan1_council, dong_staff, now, year, items):
    session = schedule(doksan1_council, dong_staff, now, year, items, kind=EventKind.POLICY_SHARING)

    with pytest.raises(RuleViolation) as refusal:
        open_vote(session, dong_staff, now)

    assert refusal.value.code == "kind"


def test_staff_of_another_dong_cannot_open_the_vote(assembly, other_dong_staff, now):
    with pytest.raises(RuleViolation):
        open_vote(assembly, other_dong_staff, now)

    assert not Vote.objects.exists()
    assembly.refresh_from_db()
    assert assembly.vote is None


# --- The result ---------------------------------------------------------------------------
def test_a_missed_quorum_rejects_every_item(assembly, doksan1_council, dong_staff, voters, now):
    doksan1_council.assembly_quorum = 10
    doksan1_council.save()
    vote = open_vote(assembly, dong_staff, now)
    vote_and_count(vote, voters, lambda _: ["yes", "yes", "yes"], dong_staff, assembly.starts_at)

    outcome = apply_assembly_result(event=assembly, staff=dong_staff, now=vote.closes_at, ip=IP)

    assert not outcome.quorum_met
    assert (outcome.quorum, outcome.result.ballot_count) == (10, 4)
    assert [row.yes for row in outcome.rows] == [4, 4, 4]
    assert set(AgendaItem.objects.values_list("status", flat=True)) == {AgendaStatus.REJECTED}
    entry = AuditEntry.objects.get(action="councils.assembly_result")
    assert entry.changes["quorum"] == [10, 4]


def test_items_pass_by_more_yes_than_no(assembly, doksan1_council, dong_staff, voters, now):
    doksan1_council.assembly_quorum = 3
    doksan1_council.save()
    vote = open_vote(assembly, dong_staff, now)
    # Item 1: 4 yes. Item 2: 2 yes, 2 no (a tie does not pass). Item 3: 1 yes, 3 no.
    answers = [
        ["yes", "yes", "yes"],
        ["yes", "yes", "no"],
        ["yes", "no", "no"],
        ["yes", "no", "no"],
    ]
    vote_and_count(vote, voters, lambda n: answers[n], dong_staff, assembly.starts_at)

    outcome = apply_assembly_result(event=assembly, staff=dong_staff, now=vote.closes_at, ip=IP)

    assert outcome.quorum_met
    statuses = dict(AgendaItem.objects.values_list("title", "status"))
    assert statuses == {
        "마을 축제 개최": AgendaStatus.PASSED,
        "골목 방범 순찰": AgendaStatus.REJECTED,
        "주민 공유 텃밭": AgendaStatus.REJECTED,
    }
    assert [(row.yes, row.no, row.abstain) for row in outcome.rows] == [
        (4, 0, 0),
        (2, 2, 0),
        (1, 3, 0),
    ]
    assert outcome.by_channel == {"online": 4, "on_site": 0, "postal": 0}


def test_the_result_is_applied_once_and_only_after_the_count(
    assembly, doksan1_council, dong_staff, voters, now
):
    with pytest.raises(RuleViolation) as refusal:
        apply_assembly_result(event=assembly, staff=dong_staff, now=now, ip=IP)
    assert refusal.value.code == "no_vote"

    vote = open_vote(assembly, dong_staff, now)
    with pytest.raises(RuleViolation) as refusal:
        apply_assembly_result(event=assembly, staff=dong_staff, now=now, ip=IP)
    assert refusal.value.code == "not_counted"
    assert assembly_result(assembly) is None

    vote_and_count(vote, voters, lambda _: ["yes", "no", "abstain"], dong_staff, assembly.starts_at)
    apply_assembly_result(event=assembly, staff=dong_staff, now=vote.closes_at, ip=IP)
    with pytest.raises(RuleViolation) as refusal:
        apply_assembly_result(event=assembly, staff=dong_staff, now=vote.closes_at, ip=IP)
    assert refusal.value.code == "applied"


def test_a_vote_whose_options_were_changed_is_not_applied(assembly, dong_staff, voters, now):
    vote = open_vote(assembly, dong_staff, now)
    add_option(vote=vote, title="몰래 추가된 의제", staff=dong_staff, now=now, ip=IP)
    vote_and_count(
        vote, voters, lambda _: ["yes", "yes", "yes", "yes"], dong_staff, assembly.starts_at
    )

    with pytest.raises(RuleViolation) as refusal:
        apply_assembly_result(event=assembly, staff=dong_staff, now=vote.closes_at, ip=IP)

    assert refusal.value.code == "mismatch"
    assert set(AgendaItem.objects.values_list("status", flat=True)) == {AgendaStatus.ON_ASSEMBLY}


def test_each_option_names_the_agenda_item_it_decides(assembly, items, dong_staff, now):
    vote = open_vote(assembly, dong_staff, now)

    options = list(vote.options.order_by("number"))

    assert [option.agenda_item for option in options] == items
    assert [item.vote_options.get() for item in items] == options


def test_the_result_goes_to_the_item_its_option_names_whatever_the_titles_and_numbers(
    doksan1_council, dong_staff, voters, now, year
):
    twins = [
        write_agenda_item(
            council=doksan1_council,
            title="어린이 놀이터 정비",
            description=description,
            year=year,
            author=dong_staff,
            now=now,
            ip=IP,
        )
        for description in ("독산로 놀이터", "문성로 놀이터")
    ]
    event = schedule(doksan1_council, dong_staff, now, year, twins)
    vote = open_vote(event, dong_staff, now)
    first, second = (Option.objects.get(agenda_item=item) for item in twins)
    # Ballot numbers swapped by hand: no. 1 is now the second playground, no. 2 the first.
    first.number = 99
    first.save()
    second.number, first.number = 1, 2
    second.save()
    first.save()
    # Ballot no. 1 (the second playground): all no. Ballot no. 2 (the first): all yes.
    vote_and_count(vote, voters, lambda _: ["no", "yes"], dong_staff, event.starts_at)

    outcome = apply_assembly_result(event=event, staff=dong_staff, now=vote.closes_at, ip=IP)

    assert [(row.item, row.option, row.yes, row.passed) for row in outcome.rows] == [
        (twins[0], first, 4, True),
        (twins[1], second, 0, False),
    ]
    statuses = dict(AgendaItem.objects.values_list("description", "status"))
    assert statuses == {
        "독산로 놀이터": AgendaStatus.PASSED,
        "문성로 놀이터": AgendaStatus.REJECTED,
    }


def test_a_vote_whose_option_lost_its_item_is_not_applied(assembly, dong_staff, voters, now):
    vote = open_vote(assembly, dong_staff, now)
    vote.options.filter(number=2).update(agenda_item=None)
    vote_and_count(vote, voters, lambda _: ["yes", "yes", "yes"], dong_staff, assembly.starts_at)

    with pytest.raises(RuleViolation) as refusal:
        apply_assembly_result(event=assembly, staff=dong_staff, now=vote.closes_at, ip=IP)

    assert refusal.value.code == "mismatch"
    assert set(AgendaItem.objects.values_list("status", flat=True)) == {AgendaStatus.ON_ASSEMBLY}


def test_staff_of_another_dong_cannot_apply_the_result(
    assembly, dong_staff, other_dong_staff, voters, now
):
    vote = open_vote(assembly, dong_staff, now)
    vote_and_count(vote, voters, lambda _: ["yes", "yes", "yes"], dong_staff, assembly.starts_at)

    with pytest.raises(RuleViolation):
        apply_assembly_result(event=assembly, staff=other_dong_staff, now=vote.closes_at, ip=IP)

    assert set(AgendaItem.objects.values_list("status", flat=True)) == {AgendaStatus.ON_ASSEMBLY}


# --- Minutes ------------------------------------------------------------------------------
def test_minutes_are_published_after_the_event(assembly, dong_staff):
    after = assembly.starts_at + timedelta(hours=4)

    event = publish_minutes(
        event=assembly,
        minutes="**의결** 결과 <img src=x onerror=alert(1)>",
        attendance_on_site=87,
        attendance_online=40,
        staff=dong_staff,
        now=after,
        ip=IP,
    )

    assert (event.attendance_on_site, event.attendance_online) == (87, 40)
    assert "<strong>" in event.minutes_html
    assert "onerror" not in event.minutes_html
    assert AuditEntry.objects.filter(action="councils.event_minutes").count() == 1


@pytest.mark.parametrize(
    ("on_site", "online", "offset", "code"),
    [
        (10, 5, timedelta(hours=-1), "future"),
        (-1, 5, timedelta(hours=4), "attendance"),
        (10, 2.5, timedelta(hours=4), "attendance"),
    ],
)
def test_bad_minutes_are_refused(assembly, dong_staff, on_site, online, offset, code):
    with pytest.raises(RuleViolation) as refusal:
        publish_minutes(
            event=assembly,
            minutes="회의록",
            attendance_on_site=on_site,
            attendance_online=online,
            staff=dong_staff,
            now=assembly.starts_at + offset,
            ip=IP,
        )

    assert refusal.value.code == code
    assembly.refresh_from_db()
    assert (assembly.minutes, assembly.attendance_on_site) == ("", 0)
