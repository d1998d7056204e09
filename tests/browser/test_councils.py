"""The council pages not on the whole-cycle journey, in a real browser, on the 2021 demo:
the list of councils, a council with its timeline, its call for members, an agenda item and
a meeting, the council's staff desk and the new-vote form. Each is Korean and free of
serious or critical axe-core violations, and usable at phone width without sideways scroll.
"""

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from maeul.accounts.demo import load_accounts
from maeul.accounts.models import User
from maeul.councils.models import AgendaItem, Council, Meeting
from maeul.plans.demo import load_cycle
from tests.browser.support import force_login, has_horizontal_scroll
from tests.browser.test_proposals import check_page

pytestmark = pytest.mark.browser


@pytest.fixture
def demo_cycle(places) -> Council:
    now = timezone.now()
    load_accounts(now=now)
    load_cycle(now=now, voters=6)
    return Council.objects.get(dong__name="독산1동")


def test_council_pages_are_accessible(live_server, page: Page, demo_cycle: Council):
    item = AgendaItem.objects.filter(council=demo_cycle).first()
    meeting = Meeting.objects.filter(council=demo_cycle).first()
    assert item is not None and meeting is not None
    pages = {
        "council list": "/councils/",
        "council": demo_cycle.get_absolute_url(),
        "call for members": f"/councils/{demo_cycle.pk}/recruitment/",
        "agenda item": f"/councils/agenda/{item.pk}/",
        "meeting": f"/councils/meetings/{meeting.pk}/",
    }
    for where, url in pages.items():
        page.goto(url)
        expect(page.locator("main h1")).to_be_visible()
        check_page(page, where)
        assert not has_horizontal_scroll(page), where
    page.goto(demo_cycle.get_absolute_url())
    expect(page.locator("[aria-current=step]").first).to_be_visible()  # the current phase


def test_council_and_vote_staff_desks_are_accessible(live_server, page: Page, demo_cycle: Council):
    force_login(page.context, User.objects.get(email="dong@demo.maeul.kr"), live_server.url)
    for where, url in {
        "council staff list": "/staff/councils/",
        "council desk": f"/staff/councils/{demo_cycle.pk}/",
        "new vote form": "/staff/votes/new/",
        "vote staff list": "/staff/votes/",
    }.items():
        page.goto(url)
        expect(page.locator("main h1")).to_be_visible()
        check_page(page, where)
