"""The KRDS look on the demo (issue 12, items 1 and 3), in Chromium at 360 px.

The KRDS stylesheets and the Pretendard GOV fonts come from our own origin with 200; the
main pages, resident and staff, have no horizontal scroll at 360 px (wide tables scroll
inside their own region instead); table cells keep Korean words and numbers whole; and
axe-core finds nothing serious on any of them.
"""

import pytest
from django.core.management import call_command
from django.db.models import Count
from django.utils import timezone
from playwright.sync_api import Page, Response

from maeul.accounts.models import User
from maeul.proposals.models import Proposal
from maeul.voting.models import Vote, VoteStatus
from tests.browser.support import assert_accessible, force_login, has_horizontal_scroll

pytestmark = pytest.mark.browser

KRDS = "/static/vendor/krds/1.1.0/resources/"
LOADED = [
    KRDS + "css/token/krds_tokens.css",
    KRDS + "css/component/component.css",
    KRDS + "fonts/PretendardGOV-Regular.subset.woff2",
    KRDS + "fonts/PretendardGOV-Bold.subset.woff2",
    "/static/core/base.css",
    "/static/core/site.css",
    "/static/core/pages.css",
]


@pytest.fixture
def demo(live_server) -> dict[str, int]:
    call_command("load_demo", verbosity=0)
    now = timezone.now()
    open_vote = Vote.objects.open_at(now).filter(dong__isnull=True).order_by("pk").first()
    counted = Vote.objects.filter(status=VoteStatus.COUNTED).order_by("-closes_at").first()
    proposal = (
        Proposal.objects.filter(answer__isnull=False)
        .annotate(photos=Count("attachments"))
        .order_by("-photos", "pk")
        .first()
    )
    assert open_vote and counted and proposal, "the demo lacks a page this test visits"
    return {"open": open_vote.pk, "counted": counted.pk, "proposal": proposal.pk}


def resident_pages(ids: dict[str, int]) -> list[str]:
    return [
        "/",
        "/proposals/",
        f"/proposals/{ids['proposal']}/",
        "/votes/",
        f"/votes/{ids['open']}/",
        f"/votes/{ids['open']}/ballot/",
        f"/votes/{ids['counted']}/result/",
        "/councils/",
        "/accountability/",
    ]


def staff_pages(ids: dict[str, int]) -> list[str]:
    return [
        "/staff/",
        "/staff/votes/",
        f"/staff/votes/{ids['open']}/",
        "/staff/proposals/",
        f"/staff/proposals/{ids['proposal']}/",
        "/staff/plans/",
    ]


def record_responses(page: Page) -> dict[str, Response]:
    seen: dict[str, Response] = {}
    page.on("response", lambda response: seen.setdefault(response.url, response))
    return seen


def check_look(page: Page, path: str) -> None:
    response = page.goto(path)
    assert response is not None and response.status == 200, path
    page.evaluate("() => document.fonts.ready")
    assert not has_horizontal_scroll(page), f"horizontal scroll at 360 px on {path}"
    body_font = page.evaluate("() => getComputedStyle(document.body).fontFamily")
    assert body_font.startswith('"Pretendard GOV"'), f"{path}: {body_font}"
    loaded = page.evaluate(
        """() => [...document.fonts]
            .filter(f => f.family.replace(/"/g, '') === 'Pretendard GOV' && f.status === 'loaded')
            .map(f => f.weight)"""
    )
    assert {"400", "700"} <= set(loaded), f"{path}: fonts loaded {loaded}"
    assert_tables_keep_words_whole(page, path)
    assert_accessible(page, path)


def assert_tables_keep_words_whole(page: Page, path: str) -> None:
    broken: list[str] = page.evaluate(
        """() => {
            const bad = [];
            for (const cell of document.querySelectorAll('main th, main td')) {
                const s = getComputedStyle(cell);
                if (s.wordBreak !== 'keep-all' || s.overflowWrap === 'anywhere')
                    bad.push('words: ' + cell.outerHTML.slice(0, 80));
            }
            for (const el of document.querySelectorAll('main td.num, main th.num, main td time')) {
                if (getComputedStyle(el).whiteSpace !== 'nowrap')
                    bad.push('wraps: ' + el.outerHTML.slice(0, 80));
            }
            for (const region of document.querySelectorAll('main .table-scroll')) {
                if (region.scrollWidth > region.clientWidth && region.tabIndex < 0)
                    bad.push('scrolls but not focusable: ' + region.outerHTML.slice(0, 80));
            }
            return bad;
        }"""
    )
    assert not broken, f"{path}: " + "; ".join(broken)


def assert_krds_from_our_origin(seen: dict[str, Response], origin: str) -> None:
    for path in LOADED:
        response = seen.get(origin + path)
        assert response is not None, f"{path} was not loaded"
        assert response.status == 200, f"{path}: {response.status}"
    elsewhere = [url for url in seen if not url.startswith((origin, "data:"))]
    assert not elsewhere, f"loaded from elsewhere: {elsewhere}"


def test_resident_pages_in_the_krds_look_at_360_px(live_server, new_context, demo):
    context, _watch = new_context()
    force_login(context, User.objects.get(email="resident@demo.maeul.kr"), live_server.url)
    page = context.new_page()
    seen = record_responses(page)
    for path in resident_pages(demo):
        check_look(page, path)
    assert_krds_from_our_origin(seen, live_server.url)


def test_staff_pages_in_the_krds_look_at_360_px(live_server, new_context, demo):
    context, _watch = new_context()
    force_login(context, User.objects.get(email="district@demo.maeul.kr"), live_server.url)
    page = context.new_page()
    seen = record_responses(page)
    for path in staff_pages(demo):
        check_look(page, path)
    assert_krds_from_our_origin(seen, live_server.url)
