"""The desk's two steps that cannot be undone (issue 12, item 5).

Counting goes through a page that sums up what will be counted and warns that the vote key
is destroyed, and counts only on a POST with the tick; the staff member who confirms a paper
batch reads its entries first. Nothing is offered that the rules would refuse.
"""

from datetime import UTC, datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from maeul.voting.ballots import Choices
from maeul.voting.identity import PaperVoter
from maeul.voting.models import PaperBatch, Vote, VoteKey, VoteResult, VoteStatus
from maeul.voting.services.paper import confirm_batch, enter_paper_ballot
from tests.voting.conftest import PB_OPTIONS, option_ids

pytestmark = pytest.mark.django_db

IP = "203.0.113.7"
WARNING = "개표하면 투표 열쇠가 삭제됩니다"


def enter(batch: PaperBatch, staff, dong, now, name: str, choices: Choices) -> None:
    voter = PaperVoter(name=name, birth_date=datetime(1971, 4, 2, tzinfo=UTC).date(), dong=dong)
    enter_paper_ballot(batch=batch, voter=voter, choices=choices, staff=staff, now=now, ip=IP)


def close(vote: Vote) -> None:
    Vote.objects.filter(pk=vote.pk).update(closes_at=timezone.now() - timedelta(minutes=1))
    vote.refresh_from_db()


def error_messages(response) -> list[str]:
    return [str(m) for m in response.context["messages"] if m.level_tag == "error"]


# --- counting -------------------------------------------------------------------------------
def test_the_desk_leads_to_the_summary_rather_than_counting_at_once(
    client, district_staff, pb_vote
):
    close(pb_vote)
    client.force_login(district_staff)
    count_url = reverse("voting:staff_count", args=[pb_vote.pk])

    desk = client.get(reverse("voting:staff_desk", args=[pb_vote.pk])).content.decode()

    assert f'href="{count_url}"' in desk
    assert f'action="{count_url}"' not in desk


def test_the_summary_shows_turnout_batches_rule_and_the_warning(
    client, district_staff, dong_staff, pb_vote, batch, doksan1, now
):
    enter(batch, dong_staff, doksan1, now, "김영희", Choices(option_ids(pb_vote, 2)))
    close(pb_vote)
    client.force_login(district_staff)

    response = client.get(reverse("voting:staff_count", args=[pb_vote.pk]))

    page = response.content.decode()
    assert response.status_code == 200
    summary = response.context["reconciliation"]
    assert (summary["participations"], summary["ballots"], summary["unconfirmed"]) == (1, 1, 1)
    assert summary["duplicates"] == 0
    assert pb_vote.get_rule_display() in page
    assert WARNING in page and "확인했습니다" in page and 'name="confirmed"' in page
    assert not VoteResult.objects.exists()


def test_without_the_tick_nothing_is_counted(client, district_staff, closed_pb_vote):
    client.force_login(district_staff)

    response = client.post(reverse("voting:staff_count", args=[closed_pb_vote.pk]), {})

    assert response.status_code == 400
    message = "개표하려면 “확인했습니다”에 표시해 주십시오. 아무것도 개표하지 않았습니다."
    assert response.context["form"].errors["confirmed"] == [message]
    assert message in response.content.decode()
    closed_pb_vote.refresh_from_db()
    assert closed_pb_vote.status == VoteStatus.PUBLISHED
    assert not VoteResult.objects.exists() and VoteKey.objects.filter(vote=closed_pb_vote).exists()


def test_with_the_tick_the_vote_is_counted(client, district_staff, closed_pb_vote):
    client.force_login(district_staff)

    response = client.post(
        reverse("voting:staff_count", args=[closed_pb_vote.pk]), {"confirmed": "on"}
    )

    assert response.status_code == 302
    closed_pb_vote.refresh_from_db()
    assert closed_pb_vote.status == VoteStatus.COUNTED and VoteResult.objects.exists()


def test_dong_staff_see_the_summary_without_the_count_button(client, dong_staff, closed_pb_vote):
    client.force_login(dong_staff)
    url = reverse("voting:staff_count", args=[closed_pb_vote.pk])

    desk = client.get(reverse("voting:staff_desk", args=[closed_pb_vote.pk]))
    page = client.get(url)
    refused = client.post(url, {"confirmed": "on"})

    assert f'href="{url}"' not in desk.content.decode()
    assert page.status_code == 200 and 'name="confirmed"' not in page.content.decode()
    assert refused.status_code == 403
    closed_pb_vote.refresh_from_db()
    assert closed_pb_vote.status == VoteStatus.PUBLISHED


@pytest.fixture
def closed_pb_vote(pb_vote):
    close(pb_vote)
    return pb_vote


# --- confirming a batch ---------------------------------------------------------------------
def test_the_confirming_clerk_reads_the_entries_before_the_button(
    client, dong_staff, second_dong_staff, pb_vote, batch, doksan1, now
):
    first, third = option_ids(pb_vote, 1, 3)
    enter(batch, dong_staff, doksan1, now, "김영희", Choices((third,)))
    enter(batch, dong_staff, doksan1, now, "이철수", Choices((first, third)))
    client.force_login(second_dong_staff)
    url = reverse("voting:staff_confirm_batch", args=[batch.pk])

    response = client.get(url)

    page = response.content.decode()
    assert response.status_code == 200
    assert sorted(response.context["entries"]) == [
        [f"기호 1 {PB_OPTIONS[0][0]}", f"기호 3 {PB_OPTIONS[2][0]}"],
        [f"기호 3 {PB_OPTIONS[2][0]}"],
    ]
    assert page.index(PB_OPTIONS[0][0]) < page.index(f'action="{url}"')
    assert "투표지 2장" in page

    assert client.post(url).status_code == 302
    batch.refresh_from_db()
    assert batch.confirmed_by == second_dong_staff


def test_the_clerk_who_entered_a_batch_is_not_offered_to_confirm_it(
    client, dong_staff, pb_vote, batch, doksan1, now
):
    enter(batch, dong_staff, doksan1, now, "김영희", Choices(option_ids(pb_vote, 1)))
    client.force_login(dong_staff)
    url = reverse("voting:staff_confirm_batch", args=[batch.pk])

    page = client.get(url)
    desk = client.get(reverse("voting:staff_desk", args=[pb_vote.pk]))
    refused = client.post(url)

    assert page.status_code == 200 and f'action="{url}"' not in page.content.decode()
    assert "직접 입력한 묶음은 다른 담당자가 확정해야 합니다." in page.content.decode()
    assert f'href="{url}"' not in desk.content.decode()
    assert refused.status_code == 403
    batch.refresh_from_db()
    assert batch.confirmed_at is None


def test_staff_of_another_dong_do_not_see_the_entries(client, other_dong_staff, batch):
    client.force_login(other_dong_staff)
    assert client.get(reverse("voting:staff_confirm_batch", args=[batch.pk])).status_code == 404


def test_after_the_count_a_batch_lists_no_entries(
    client, dong_staff, second_dong_staff, district_staff, pb_vote, batch, doksan1, now
):
    enter(batch, dong_staff, doksan1, now, "김영희", Choices(option_ids(pb_vote, 1)))
    confirm_batch(batch=batch, staff=second_dong_staff, now=now, ip=IP)
    close(pb_vote)
    client.force_login(district_staff)
    client.post(reverse("voting:staff_count", args=[pb_vote.pk]), {"confirmed": "on"})

    client.force_login(second_dong_staff)
    response = client.get(reverse("voting:staff_confirm_batch", args=[batch.pk]))

    assert response.status_code == 200 and response.context["entries"] == []
    assert PB_OPTIONS[0][0] not in response.content.decode()


def test_yes_no_and_ranking_entries_read_as_marked(
    client, dong_staff, second_dong_staff, assembly_vote, ranking_vote, doksan1, now
):
    pages = {}
    for vote, choices in [
        (
            assembly_vote,
            Choices(
                answers=tuple(
                    zip(option_ids(assembly_vote, 1, 2, 3), ("yes", "no", "abstain"), strict=True)
                )
            ),
        ),
        (ranking_vote, Choices(option_ids(ranking_vote, 3, 1))),
    ]:
        batch = PaperBatch.objects.create(
            vote=vote,
            dong=doksan1,
            channel="on_site",
            label="투표함",
            created_by=dong_staff,
            created_at=now,
        )
        enter(batch, dong_staff, doksan1, now, "김영희", choices)
        client.force_login(second_dong_staff)
        pages[vote.ballot_type] = client.get(reverse("voting:staff_confirm_batch", args=[batch.pk]))

    assert pages["yes_no"].context["entries"] == [
        [
            "기호 1 마을 축제 개최: 찬성",
            "기호 2 골목 방범 순찰: 반대",
            "기호 3 주민 공유 텃밭: 기권",
        ]
    ]
    assert pages["ranking"].context["entries"] == [
        [f"1순위: 기호 3 {PB_OPTIONS[2][0]}", f"2순위: 기호 1 {PB_OPTIONS[0][0]}"]
    ]
