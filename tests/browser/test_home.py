"""The front page and the district directory in a browser: axe at zero, no sideways scroll."""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from maeul.councils.models import Council, CouncilEvent, CouncilKind, EventKind
from tests.browser.support import (
    assert_accessible,
    assert_korean_page,
    force_login,
    has_horizontal_scroll,
)
from tests.proposals.factories import ProposalFactory
from tests.voting.conftest import make_vote

pytestmark = pytest.mark.browser


@pytest.fixture
def front_page(geumcheon, doksan1):
    now = timezone.now()
    make_vote(geumcheon, now, title="금천구 참여예산 투표", closes_at=now + timedelta(days=3))
    ProposalFactory(dong=doksan1, title="어린이공원에 그늘막을", support_count=1234)
    council = Council.objects.create(
        kind=CouncilKind.RESIDENT, district=geumcheon, dong=doksan1, name="독산1동 주민자치회"
    )
    CouncilEvent.objects.create(
        council=council,
        kind=EventKind.POLICY_SHARING,
        year=now.year,
        title="독산1동 정책공유회",
        starts_at=now + timedelta(days=5),
        place="독산1동 주민센터 3층",
        created_at=now - timedelta(days=30),
    )


def test_home_leads_to_an_open_vote_for_visitors(live_server, page, front_page):
    page.goto("/")

    expect(page.get_by_role("heading", name="진행 중인 투표")).to_be_visible()
    expect(page.get_by_role("searchbox", name="제안·투표·주민자치회 검색")).to_be_visible()
    assert_korean_page(page)
    assert_accessible(page, "home, visitor")
    assert not has_horizontal_scroll(page)
    page.get_by_role("link", name=re.compile("지금 투표하기.*금천구 참여예산 투표")).click()
    expect(page.get_by_role("heading", name="금천구 참여예산 투표")).to_be_visible()


def test_home_shows_a_resident_their_dong(live_server, page, front_page, resident):
    force_login(page.context, resident, live_server.url)
    page.goto("/")

    expect(page.get_by_role("heading", name="우리 동")).to_be_visible()
    expect(page.get_by_role("link", name="독산1동 주민자치회")).to_be_visible()
    assert_accessible(page, "home, resident")
    assert not has_horizontal_scroll(page)


def test_the_directory_is_reached_from_the_home_page(live_server, page, places):
    page.goto("/")
    page.locator("#main").get_by_role("link", name="구청과 동 주민센터").click()

    expect(page.get_by_role("heading", name="구청과 동 주민센터", level=1)).to_be_visible()
    expect(page.get_by_role("heading", name="독산1동")).to_be_visible()
    assert_accessible(page, "district directory")
    assert not has_horizontal_scroll(page)
