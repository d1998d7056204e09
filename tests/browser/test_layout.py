"""Reflow at 320 px and 200 % zoom, and the error pages (issue 2, item 8; reliability.md 40)."""

import re

import pytest
from playwright.sync_api import ViewportSize, expect

from tests.browser.support import (
    assert_accessible,
    assert_korean_page,
    force_login,
    has_horizontal_scroll,
)

pytestmark = pytest.mark.browser

# 320 CSS px is WCAG 1.4.10's reflow width; 640 CSS px at scale 2 is a 1280 px window
# zoomed to 200 %.
SIZES = [
    pytest.param(ViewportSize(width=320, height=640), 1, id="320px"),
    pytest.param(ViewportSize(width=640, height=400), 2, id="zoom200"),
]


@pytest.mark.parametrize(("viewport", "scale"), SIZES)
def test_no_horizontal_scroll(
    live_server, new_context, places, unverified_resident, viewport, scale
):
    context, _watch = new_context(viewport=viewport, device_scale_factor=scale)
    page = context.new_page()
    for path in ["/", "/accounts/signup/", "/accounts/login/"]:
        page.goto(path)
        expect(page.locator("h1")).to_be_visible()
        assert not has_horizontal_scroll(page), f"horizontal scroll on {path} at {viewport}"
    force_login(context, unverified_resident, live_server.url)
    for path in ["/me/", "/me/verify/"]:
        page.goto(path)
        expect(page.locator("h1")).to_be_visible()
        assert not has_horizontal_scroll(page), f"horizontal scroll on {path} at {viewport}"


def assert_in_site_layout(page) -> None:
    expect(page.get_by_role("banner")).to_be_visible()
    expect(page.get_by_role("navigation")).to_be_visible()
    expect(page.get_by_role("main")).to_be_visible()
    expect(page.get_by_role("contentinfo")).to_be_visible()
    expect(page.get_by_role("main").get_by_role("link", name=re.compile("홈"))).to_be_visible()


def test_404_is_korean_in_the_layout_and_accessible(live_server, page, console):
    console.allow(r"status of 404")
    response = page.goto("/no-such-page/")
    assert response is not None and response.status == 404
    assert_korean_page(page)
    assert_in_site_layout(page)
    assert_accessible(page, "404")


def test_403_for_a_resident_on_the_staff_page(live_server, new_context, resident):
    context, watch = new_context()
    watch.allow(r"status of 403")
    force_login(context, resident, live_server.url)
    page = context.new_page()
    response = page.goto("/staff/verify/")
    assert response is not None and response.status == 403
    assert_korean_page(page)
    assert_in_site_layout(page)
    expect(page.get_by_role("main")).to_contain_text(re.compile(r"[\uac00-\ud7a3]{2}"))
    assert_accessible(page, "403")
