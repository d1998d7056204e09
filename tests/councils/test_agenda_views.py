"""Agenda, meeting and event pages, and the staff desks that run them, through the client."""

from datetime import timedelta
from typing import cast
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse
from django.utils import timezone

from maeul.core.models import Notification
from maeul.councils.models import AgendaItem, AgendaStatus, CouncilEvent, EventKind, Meeting
from maeul.councils.services.agenda import promote_proposal, write_agenda_item
from maeul.councils.services.assembly import open_assembly_vote
from maeul.councils.services.events import schedule_event
from maeul.proposals.models import Proposal, Status
from maeul.voting.ballots import Choices
from maeul.voting.models import Channel, Vote
from maeul.voting.services.casting import cast_ballot
from maeul.voting.services.counting import count_vote
from tests.proposals.factories import ProposalFactory, SupportFactory

SEOUL = ZoneInfo("Asia/Seoul")
IP = "203.0.113.5"
EN = {"accept-language": "en"}


def local(moment):
    return moment.astimezone(SEOUL).strftime("%Y-%m-%dT%H:%M")


@pytest.fixture
def year(now):
    return timezone.localdate(now).year + 1


@pytest.fixture
def proposal(doksan1, resident):
    return ProposalFactory(dong=doksan1, author=resident, title="어린이공원 그늘막 설치")


@pytest.fixture
def items(doksan1_council, dong_staff, now, year, doksan1_sections):
    return [
        write_agenda_item(
            council=doksan1_council,
            title=title,
            description="**설명**",
            year=year,
            section=doksan1_sections[0],
            estimated_cost=cost,
            author=dong_staff,
            now=now,
            ip=IP,
        )
        for title, cost in [("마을 축제 개최", 5_000_000), ("골목 방범 순찰", 3_000_000)]
    ]


@pytest.fixture
def assembly(doksan1_council, dong_staff, now, year, items):
    return schedule_event(
        council=doksan1_council,
        kind=EventKind.ASSEMBLY,
        year=year,
        title="독산1동 주민총회",
        starts_at=now + timedelta(days=14),
        place="독산1동 주민센터 대강당",
        online_link="https://youtube.com/live/doksan1",
        agenda_items=items,
        staff=dong_staff,
        now=now,
        ip=IP,
    )


def desk(council):
    return reverse("councils:staff_agenda", kwargs={"pk": council.pk})


# --- Public pages -------------------------------------------------------------------------
def test_the_agenda_page_lists_items_with_their_origin_proposal(
    client, doksan1_council, proposal, dong_staff, now, year, items, django_assert_max_num_queries
):
    promoted = promote_proposal(
        proposal=proposal, council=doksan1_council, year=year, staff=dong_staff, now=now, ip=IP
    )

    with django_assert_max_num_queries(12):
        response = client.get(reverse("councils:agenda", kwargs={"pk": doksan1_council.pk}))

    assert response.status_code == 200
    html = response.content.decode()
    assert "마을 축제 개최" in html and "어린이공원 그늘막 설치" in html
    assert proposal.get_absolute_url() in html
    assert reverse("councils:agenda_item", kwargs={"pk": promoted.pk}) in html


def test_the_agenda_page_filters_by_year_and_status(
    client, doksan1_council, items, dong_staff, now, year
):
    older = write_agenda_item(
        council=doksan1_council,
        title="지난해 의제",
        description="",
        year=year - 1,
        author=dong_staff,
        now=now,
        ip=IP,
    )
    url = reverse("councils:agenda", kwargs={"pk": doksan1_council.pk})

    by_year = client.get(url, {"year": year - 1}).content.decode()
    by_status = client.get(url, {"status": "dropped"}).content.decode()

    assert older.title in by_year and "마을 축제 개최" not in by_year
    assert "마을 축제 개최" not in by_status
    assert client.get(url, {"year": "nonsense", "status": "x"}).status_code == 200


def test_an_agenda_item_page_links_its_public_origin_only(
    client, doksan1_council, proposal, dong_staff, now, year
):
    item = promote_proposal(
        proposal=proposal, council=doksan1_council, year=year, staff=dong_staff, now=now, ip=IP
    )
    url = reverse("councils:agenda_item", kwargs={"pk": item.pk})
    assert proposal.get_absolute_url() in client.get(url).content.decode()

    proposal.status, proposal.hidden_reason = Status.HIDDEN, "개인정보"
    proposal.save()

    assert proposal.get_absolute_url() not in client.get(url).content.decode()


def test_the_proposal_page_says_it_became_an_agenda_item(
    client, doksan1_council, proposal, dong_staff, now, year
):
    item = promote_proposal(
        proposal=proposal, council=doksan1_council, year=year, staff=dong_staff, now=now, ip=IP
    )

    response = client.get(proposal.get_absolute_url(), headers=EN)

    html = response.content.decode()
    assert "This proposal became a village agenda item:" in html
    assert reverse("councils:agenda_item", kwargs={"pk": item.pk}) in html


def test_unknown_pages_are_404(client, db):
    for name in ("agenda", "agenda_item", "meeting", "event"):
        assert client.get(reverse(f"councils:{name}", kwargs={"pk": 999_999})).status_code == 404


# --- Writing an item ----------------------------------------------------------------------
def test_a_member_writes_an_agenda_item(
    client, doksan1_council, council_member, doksan1_sections, year
):
    client.force_login(council_member.user)
    url = reverse("councils:agenda_write", kwargs={"pk": doksan1_council.pk})
    assert client.get(url).status_code == 200

    response = client.post(
        url,
        {
            "title": "공유 텃밭",
            "section": doksan1_sections[0].pk,
            "year": year,
            "description": "",
            "estimated_cost": 2000000,
        },
    )

    item = AgendaItem.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("councils:agenda_item", kwargs={"pk": item.pk})
    assert (item.section, item.estimated_cost) == (doksan1_sections[0], 2_000_000)


@pytest.mark.parametrize("cost", ["-5", "1.5", "많이"])
def test_a_bad_cost_is_refused_and_nothing_written(
    client, doksan1_council, council_member, year, cost
):
    client.force_login(council_member.user)

    response = client.post(
        reverse("councils:agenda_write", kwargs={"pk": doksan1_council.pk}),
        {"title": "공유 텃밭", "year": year, "estimated_cost": cost},
    )

    assert response.status_code == 400
    assert not AgendaItem.objects.exists()


def test_people_who_are_not_members_cannot_write(client, doksan1_council, neighbour, year):
    url = reverse("councils:agenda_write", kwargs={"pk": doksan1_council.pk})
    assert client.get(url).status_code == 302  # to the log-in page

    client.force_login(neighbour)
    response = client.post(url, {"title": "공유 텃밭", "year": year, "estimated_cost": 0})

    assert response.status_code == 403
    assert not AgendaItem.objects.exists()


# --- Staff desk ---------------------------------------------------------------------------
def test_the_desk_is_for_the_councils_staff(
    client,
    doksan1_council,
    dong_staff,
    other_dong_staff,
    resident,
    district_staff,
    council_member,
    items,
):
    url = desk(doksan1_council)
    for user, status in [
        (dong_staff, 200),
        (district_staff, 200),
        (other_dong_staff, 404),
        (resident, 403),
    ]:
        client.force_login(user)
        assert client.get(url).status_code == status, user


def test_staff_promote_a_proposal_by_its_number(
    client, doksan1_council, proposal, dong_staff, year
):
    SupportFactory(proposal=proposal)
    client.force_login(dong_staff)

    response = client.post(
        reverse("councils:staff_promote", kwargs={"pk": doksan1_council.pk}),
        {"proposal": proposal.pk, "year": year},
    )

    assert response.status_code == 302
    assert AgendaItem.objects.get().proposal == proposal
    assert Notification.objects.count() == 2


@pytest.mark.parametrize("case", ["hidden", "unknown", "other_district"])
def test_a_bad_promotion_is_refused_and_nothing_changes(
    client, doksan1_council, proposal, dangsan1, dong_staff, year, case
):
    number = proposal.pk
    if case == "hidden":
        proposal.status, proposal.hidden_reason = Status.HIDDEN, "욕설"
        proposal.save()
    elif case == "unknown":
        number = 999_999
    else:
        number = cast(Proposal, ProposalFactory(dong=dangsan1)).pk
    client.force_login(dong_staff)

    response = client.post(
        reverse("councils:staff_promote", kwargs={"pk": doksan1_council.pk}),
        {"proposal": number, "year": year},
    )

    assert response.status_code == 400
    assert not AgendaItem.objects.exists()
    assert not Notification.objects.exists()


def test_staff_of_another_dong_cannot_use_the_desk_and_nothing_changes(
    client, doksan1_council, proposal, other_dong_staff, items, council_member, year, now
):
    client.force_login(other_dong_staff)
    posts = [
        (
            reverse("councils:staff_promote", kwargs={"pk": doksan1_council.pk}),
            {"proposal": proposal.pk, "year": year},
        ),
        (
            reverse("councils:staff_agenda_status", kwargs={"pk": items[0].pk}),
            {f"item{items[0].pk}-status": "dropped"},
        ),
        (
            reverse("councils:staff_meeting", kwargs={"pk": doksan1_council.pk}),
            {"kind": "joint", "held_at": local(now - timedelta(hours=1)), "guests": 0},
        ),
        (
            reverse("councils:staff_event_schedule", kwargs={"pk": doksan1_council.pk}),
            {
                "kind": "policy_sharing",
                "year": year,
                "title": "정책공유회",
                "starts_at": local(now + timedelta(days=20)),
                "place": "주민센터",
                "announce_days": 14,
            },
        ),
    ]
    for url, data in posts:
        assert client.post(url, data).status_code == 404, url

    assert AgendaItem.objects.filter(proposal__isnull=False).count() == 0
    assert set(AgendaItem.objects.values_list("status", flat=True)) == {AgendaStatus.DISCOVERED}
    assert not Meeting.objects.exists()
    assert not CouncilEvent.objects.exists()


def test_staff_drop_an_item_from_the_desk(client, doksan1_council, dong_staff, items):
    client.force_login(dong_staff)
    item = items[0]
    url = reverse("councils:staff_agenda_status", kwargs={"pk": item.pk})

    response = client.post(
        url, {f"item{item.pk}-status": "dropped", f"item{item.pk}-reason": "중복"}
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.status == AgendaStatus.DROPPED

    refused = client.post(url, {f"item{item.pk}-status": "passed"})
    assert refused.status_code == 400
    item.refresh_from_db()
    assert item.status == AgendaStatus.DROPPED


def test_staff_record_a_meeting_with_the_attendance_checklist(
    client, doksan1_council, dong_staff, council_member, council_chair, now
):
    client.force_login(dong_staff)
    assert council_member.public_name in client.get(desk(doksan1_council)).content.decode()

    response = client.post(
        reverse("councils:staff_meeting", kwargs={"pk": doksan1_council.pk}),
        {
            "kind": "joint",
            "held_at": local(now - timedelta(hours=3)),
            "place": "주민센터 회의실",
            "attendees": [council_member.pk, council_chair.pk],
            "guests": 3,
            "minutes": "축제 준비 논의",
        },
    )

    meeting = Meeting.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("councils:meeting", kwargs={"pk": meeting.pk})
    page = client.get(response["Location"], headers=EN).content.decode()
    assert "2 members present" in page and "3 other people" in page
    assert council_member.public_name in page and council_chair.public_name in page
    assert "축제 준비 논의" in page


def test_a_meeting_in_the_future_is_refused(client, doksan1_council, dong_staff, now):
    client.force_login(dong_staff)

    response = client.post(
        reverse("councils:staff_meeting", kwargs={"pk": doksan1_council.pk}),
        {"kind": "joint", "held_at": local(now + timedelta(days=2)), "guests": 0},
    )

    assert response.status_code == 400
    assert not Meeting.objects.exists()


def test_staff_schedule_an_assembly(client, doksan1_council, dong_staff, items, now, year):
    client.force_login(dong_staff)

    response = client.post(
        reverse("councils:staff_event_schedule", kwargs={"pk": doksan1_council.pk}),
        {
            "kind": "assembly",
            "year": year,
            "title": "주민총회",
            "starts_at": local(now + timedelta(days=30)),
            "place": "대강당",
            "online_link": "https://youtube.com/live/x",
            "announce_days": 14,
            "agenda_items": [item.pk for item in items],
        },
    )

    event = CouncilEvent.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("councils:staff_event", kwargs={"pk": event.pk})
    assert set(AgendaItem.objects.values_list("status", flat=True)) == {AgendaStatus.ON_ASSEMBLY}


def test_an_event_whose_announcement_day_has_passed_is_refused(
    client, doksan1_council, dong_staff, items, now, year
):
    client.force_login(dong_staff)

    response = client.post(
        reverse("councils:staff_event_schedule", kwargs={"pk": doksan1_council.pk}),
        {
            "kind": "assembly",
            "year": year,
            "title": "주민총회",
            "starts_at": local(now + timedelta(days=5)),
            "place": "대강당",
            "announce_days": 14,
            "agenda_items": [item.pk for item in items],
        },
    )

    assert response.status_code == 400
    assert not CouncilEvent.objects.exists()
    assert set(AgendaItem.objects.values_list("status", flat=True)) == {AgendaStatus.DISCOVERED}


# --- Events -------------------------------------------------------------------------------
def test_an_event_is_public_from_its_announcement_day(
    client, doksan1_council, dong_staff, items, now, year
):
    later = schedule_event(
        council=doksan1_council,
        kind=EventKind.POLICY_SHARING,
        year=year,
        title="정책공유회",
        starts_at=now + timedelta(days=30),
        place="주민센터",
        agenda_items=items,
        staff=dong_staff,
        now=now,
        ip=IP,
    )
    url = later.get_absolute_url()

    assert client.get(url).status_code == 404
    client.force_login(dong_staff)
    assert client.get(url).status_code == 200


def test_the_event_page_shows_date_place_link_agenda_and_vote(
    client, assembly, dong_staff, items, now
):
    vote = open_assembly_vote(
        event=assembly,
        opens_at=now + timedelta(hours=1),
        closes_at=assembly.starts_at + timedelta(hours=3),
        channels=[Channel.ONLINE, Channel.ON_SITE],
        staff=dong_staff,
        now=now,
        ip=IP,
    )

    html = client.get(assembly.get_absolute_url()).content.decode()

    assert "독산1동 주민센터 대강당" in html
    assert "https://youtube.com/live/doksan1" in html
    assert all(item.title in html for item in items)
    assert vote.get_absolute_url() in html


def test_staff_open_the_assembly_vote_from_the_event_desk(
    client, assembly, dong_staff, other_dong_staff, now
):
    data = {
        "opens_at": local(now + timedelta(hours=2)),
        "closes_at": local(assembly.starts_at + timedelta(hours=3)),
        "channels": ["online", "on_site", "postal"],
    }
    url = reverse("councils:staff_event_vote", kwargs={"pk": assembly.pk})
    client.force_login(other_dong_staff)
    assert client.post(url, data).status_code == 404
    assert not Vote.objects.exists()

    client.force_login(dong_staff)
    assert (
        client.get(reverse("councils:staff_event", kwargs={"pk": assembly.pk})).status_code == 200
    )
    response = client.post(url, data)

    assert response.status_code == 302
    assembly.refresh_from_db()
    assert assembly.vote.options.count() == 2

    again = client.post(url, data)
    assert again.status_code == 400
    assert Vote.objects.count() == 1


def _counted(assembly, dong_staff, voters, answers, now):
    vote = open_assembly_vote(
        event=assembly,
        opens_at=now + timedelta(hours=1),
        closes_at=assembly.starts_at + timedelta(hours=3),
        channels=[Channel.ONLINE, Channel.ON_SITE, Channel.POSTAL],
        staff=dong_staff,
        now=now,
        ip=IP,
    )
    options = list(vote.options.order_by("number"))
    for voter in voters:
        choices = Choices(answers=tuple((o.pk, a) for o, a in zip(options, answers, strict=True)))
        cast_ballot(vote=vote, user=voter, choices=choices, now=assembly.starts_at)
    count_vote(vote=vote, staff=dong_staff, now=vote.closes_at + timedelta(minutes=1), ip=IP)
    return vote


def test_a_missed_quorum_shows_why_no_item_passed(
    client, assembly, doksan1_council, dong_staff, make_applicant, now
):
    doksan1_council.assembly_quorum = 50
    doksan1_council.save()
    voters = [make_applicant(f"주민{n}") for n in range(3)]
    _counted(assembly, dong_staff, voters, ["yes", "yes"], now)
    client.force_login(dong_staff)
    event_desk = client.get(reverse("councils:staff_event", kwargs={"pk": assembly.pk}))
    assert event_desk.status_code == 200
    assert (
        reverse("councils:staff_event_result", kwargs={"pk": assembly.pk})
        in event_desk.content.decode()
    )

    response = client.post(reverse("councils:staff_event_result", kwargs={"pk": assembly.pk}))

    assert response.status_code == 302
    assert set(AgendaItem.objects.values_list("status", flat=True)) == {AgendaStatus.REJECTED}
    client.logout()
    html = client.get(assembly.get_absolute_url(), headers=EN).content.decode()
    assert (
        "The quorum of 50 ballots was not reached (3 ballots were cast), so no agenda item passed."
        in html
    )
    assert "Not passed: quorum not reached" in html


def test_the_event_page_shows_each_result_and_attendance_by_channel(
    client, assembly, doksan1_council, dong_staff, make_applicant, now
):
    doksan1_council.assembly_quorum = 2
    doksan1_council.save()
    voters = [make_applicant(f"주민{n}") for n in range(3)]
    _counted(assembly, dong_staff, voters, ["yes", "no"], now)
    client.force_login(dong_staff)
    client.post(reverse("councils:staff_event_result", kwargs={"pk": assembly.pk}))
    CouncilEvent.objects.filter(pk=assembly.pk).update(attendance_on_site=87, attendance_online=41)

    statuses = dict(AgendaItem.objects.values_list("title", "status"))
    assert statuses == {
        "마을 축제 개최": AgendaStatus.PASSED,
        "골목 방범 순찰": AgendaStatus.REJECTED,
    }
    client.logout()
    html = client.get(assembly.get_absolute_url(), headers=EN).content.decode()
    assert "The quorum of" not in html
    assert html.count('badge badge-ok">Passed') == 1
    assert "Online ballots" in html and "People present on site" in html
    assert ">87<" in html and ">41<" in html and ">3<" in html


def test_staff_publish_the_minutes_after_the_event(client, doksan1_council, dong_staff, now, year):
    past = CouncilEvent.objects.create(
        council=doksan1_council,
        kind=EventKind.POLICY_SHARING,
        year=year,
        title="정책공유회",
        starts_at=now - timedelta(days=1),
        place="주민센터",
        created_at=now - timedelta(days=30),
    )
    client.force_login(dong_staff)

    response = client.post(
        reverse("councils:staff_event_minutes", kwargs={"pk": past.pk}),
        {"minutes": "정책공유회 **회의록**", "attendance_on_site": 52, "attendance_online": 17},
    )

    assert response.status_code == 302
    assert response.url == reverse("councils:staff_event", kwargs={"pk": past.pk})
    client.logout()
    html = client.get(past.get_absolute_url()).content.decode()
    assert "<strong>회의록</strong>" in html and ">52<" in html and ">17<" in html


def test_minutes_before_the_event_are_refused(client, assembly, dong_staff):
    client.force_login(dong_staff)

    response = client.post(
        reverse("councils:staff_event_minutes", kwargs={"pk": assembly.pk}),
        {"minutes": "회의록", "attendance_on_site": 10, "attendance_online": 0},
    )

    assert response.status_code == 400
    assembly.refresh_from_db()
    assert assembly.minutes == ""


def test_applying_before_the_count_is_refused(client, assembly, dong_staff):
    client.force_login(dong_staff)

    response = client.post(reverse("councils:staff_event_result", kwargs={"pk": assembly.pk}))

    assert response.status_code == 400
    assert set(AgendaItem.objects.values_list("status", flat=True)) == {AgendaStatus.ON_ASSEMBLY}
