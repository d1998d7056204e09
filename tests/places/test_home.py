"""The front page leads somewhere: open votes, proposals, events, the resident's dong."""

from datetime import timedelta

import pytest
from django.utils import timezone

from maeul.councils.models import Council, CouncilEvent, CouncilKind, EventKind
from maeul.voting.models import VoteStatus
from tests.proposals.factories import ProposalFactory
from tests.voting.conftest import make_vote


@pytest.fixture
def now():
    return timezone.now()


def _event(council: Council, now, *, title: str, days: int, announce_days: int = 14):
    return CouncilEvent.objects.create(
        council=council,
        kind=EventKind.POLICY_SHARING,
        year=now.year,
        title=title,
        starts_at=now + timedelta(days=days),
        place="독산1동 주민센터 3층",
        announce_days=announce_days,
        created_at=now - timedelta(days=30),
    )


@pytest.fixture
def doksan1_council(doksan1):
    return Council.objects.create(
        kind=CouncilKind.RESIDENT,
        district=doksan1.district,
        dong=doksan1,
        name="독산1동 주민자치회",
    )


@pytest.fixture
def filled(geumcheon, doksan1, gasan, doksan1_council, now):
    """Two open votes, a closed one and a draft; proposals; announced and secret events."""
    make_vote(geumcheon, now, title="금천구 참여예산 투표", closes_at=now + timedelta(days=3))
    make_vote(gasan.district, now, dong=gasan, title="가산동 마을 투표")
    make_vote(
        geumcheon,
        now,
        title="지난 투표",
        opens_at=now - timedelta(days=20),
        closes_at=now - timedelta(days=1),
    )
    make_vote(geumcheon, now, title="초안 투표", status=VoteStatus.DRAFT)
    ProposalFactory(dong=doksan1, title="인기 제안", support_count=1234)
    ProposalFactory(
        dong=gasan, title="새 제안", support_count=2, published_at=now + timedelta(minutes=1)
    )
    _event(doksan1_council, now, title="독산1동 정책공유회", days=5)
    _event(doksan1_council, now, title="아직 공고 전 행사", days=60)
    _event(doksan1_council, now, title="지난 행사", days=-3)


def test_home_shows_open_votes_with_deadline_proposals_and_events(
    client, filled, django_assert_max_num_queries
):
    with django_assert_max_num_queries(8):
        response = client.get("/")

    assert response.status_code == 200
    page = response.content.decode()
    assert "금천구 참여예산 투표" in page
    assert "가산동 마을 투표" in page
    assert "D-3" in page
    assert "지금 투표하기" in page
    assert "지난 투표" not in page
    assert "초안 투표" not in page
    assert "인기 제안" in page and "새 제안" in page
    assert "공감 1,234" in page
    assert "독산1동 정책공유회" in page
    assert "아직 공고 전 행사" not in page
    assert "지난 행사" not in page
    assert 'action="/search/"' in page and 'name="q"' in page
    assert '<label for="home-search">' in page
    assert "/proposals/new/" in page
    assert "/districts/" in page
    assert "우리 동" not in page


def test_a_signed_in_resident_sees_their_dong_its_council_and_votes_open_there(
    client, filled, resident, doksan1_council, django_assert_max_num_queries
):
    client.force_login(resident)
    with django_assert_max_num_queries(14):
        response = client.get("/")

    page = response.content.decode()
    assert "우리 동" in page
    assert doksan1_council.get_absolute_url() in page
    mine = page.split('id="my-dong-heading"')[1].split('id="votes-heading"')[0]
    assert "금천구 참여예산 투표" in mine  # the whole district's vote reaches 독산1동
    assert "가산동 마을 투표" not in mine


def test_a_vote_closing_today_says_so(client, geumcheon, now):
    closes = timezone.localtime(now).replace(hour=23, minute=59)
    if closes <= now:  # pragma: no cover - a run at the last minute of the day
        closes = now + timedelta(seconds=30)
    make_vote(geumcheon, now, title="오늘 끝나는 투표", closes_at=closes)

    page = client.get("/").content.decode()

    assert "오늘 마감" in page


def test_home_says_so_when_there_is_nothing_yet(client, places):
    page = client.get("/").content.decode()

    assert "지금 진행 중인 투표가 없습니다." in page
    assert "아직 제안이 없습니다." in page
    assert "공고된 주민총회나 행사가 없습니다." in page


def test_the_directory_lists_every_district_and_dong(client, places, django_assert_max_num_queries):
    with django_assert_max_num_queries(5):
        response = client.get("/districts/")

    assert response.status_code == 200
    page = response.content.decode()
    for name in ["서울특별시 금천구", "서울특별시 영등포구", "독산1동", "가산동", "여의동"]:
        assert name in page
    assert "구청과 동 주민센터" in page


def test_every_page_links_the_directory_in_its_footer(client, places):
    page = client.get("/votes/").content.decode()

    assert 'href="/districts/"' in page
