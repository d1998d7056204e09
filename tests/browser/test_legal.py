"""개인정보처리방침, 이용약관, a Korean error page and /api/docs in Chromium: axe, CSP, offline."""

import re

import pytest
from playwright.sync_api import ViewportSize, expect

from tests.browser.support import assert_accessible, assert_korean_page, has_horizontal_scroll
from tests.browser.test_csp import RECORD_VIOLATIONS

pytestmark = pytest.mark.browser


@pytest.mark.parametrize(
    ("path", "heading"), [("/privacy/", "개인정보처리방침"), ("/terms/", "이용약관")]
)
def test_legal_pages_are_korean_accessible_and_linked_from_the_footer(
    live_server, page, places, path, heading
):
    page.goto("/")
    footer = page.get_by_role("contentinfo")
    expect(footer.locator("a strong", has_text="개인정보처리방침")).to_be_visible()
    footer.get_by_role("link", name=heading).click()

    expect(page).to_have_url(re.compile(f"{re.escape(path)}$"))
    assert_korean_page(page)
    expect(page.locator("h1")).to_have_text(heading)
    expect(page.get_by_role("main")).to_contain_text("시연용")
    assert_accessible(page, path)


@pytest.mark.parametrize("path", ["/privacy/", "/terms/", "/privacy/0.9/"])
def test_legal_pages_reflow_at_320_px(live_server, new_context, path):
    context, _watch = new_context(viewport=ViewportSize(width=320, height=640))
    page = context.new_page()

    page.goto(path)

    expect(page.locator("h1")).to_be_visible()
    assert not has_horizontal_scroll(page), path


def test_address_too_long_page_is_korean_in_the_layout_and_accessible(live_server, page, console):
    console.allow(r"status of 414")
    response = page.goto("/proposals/?q=" + "가" * 2000)

    assert response is not None and response.status == 414
    assert_korean_page(page)
    expect(page.get_by_role("main")).to_contain_text("주소가 너무 깁니다")
    expect(page.get_by_role("contentinfo").get_by_role("link", name="이용약관")).to_be_visible()
    assert_accessible(page, "414")


def test_api_docs_work_offline_under_the_sites_csp(live_server, new_context, places):
    context, watch = new_context(bypass_csp=False)
    context.add_init_script(RECORD_VIOLATIONS)
    elsewhere: list[str] = []
    # Anything not on the live server would need the network: refuse it and remember it.
    context.route(
        re.compile(r"^(?!" + re.escape(live_server.url) + ").*"),
        lambda route: (elsewhere.append(route.request.url), route.abort()),
    )
    page = context.new_page()

    response = page.goto("/api/docs")

    assert response is not None and response.ok
    expect(page.locator(".swagger-ui .opblock").first).to_be_visible()
    expect(page.locator(".swagger-ui")).to_contain_text("/api/proposals")
    page.wait_for_load_state("load")
    assert elsewhere == []
    assert page.evaluate("window.__cspViolations") == []
    assert watch.csp_reports() == []


def test_the_footer_offers_the_source_code_accessibly(live_server, page, places, settings):
    settings.MAEUL_SOURCE_URL = "https://code.example.go.kr/maeul"
    page.goto("/")

    link = page.get_by_role("contentinfo").get_by_role("link", name="소스 코드")
    expect(link).to_have_attribute("href", "https://code.example.go.kr/maeul")
    assert_accessible(page, "footer with the source link")
