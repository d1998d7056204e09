"""Browser fixtures: Debian Chromium driven by Playwright's sync API against `live_server`.

Without Chromium (/usr/bin/chromium, or the path in MAEUL_CHROMIUM) every browser test
skips with the reason, before any browser, live server or database is started; CI sets
MAEUL_REQUIRE_BROWSER=1 and then a missing browser fails them instead
(tests/test_browser_setup.py tries both).
"""

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import (
    Browser,
    BrowserContext,
    Page,
    Playwright,
    ViewportSize,
    expect,
    sync_playwright,
)

from tests.browser.support import ConsoleWatch

CHROMIUM = Path(os.environ.get("MAEUL_CHROMIUM") or "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    "--disable-quic",
]
MISSING_BROWSER = (
    f"{CHROMIUM}이(가) 없어 브라우저 테스트를 건너뜁니다 / no Chromium at {CHROMIUM}, "
    "browser tests skipped: apt-get install chromium (or make test as root)"
)
DEFAULT_VIEWPORT = ViewportSize(width=360, height=740)
# Playwright's auto-waiting limit; a live server on loopback answers far sooner.
TIMEOUT_MS = 10_000
expect.set_options(timeout=TIMEOUT_MS)


def browser_required() -> bool:
    return os.environ.get("MAEUL_REQUIRE_BROWSER") == "1"


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]):
    """With MAEUL_REQUIRE_BROWSER=1 a skipped browser test is a failure, whatever skipped it."""
    outcome = yield
    report = outcome.get_result()
    if report.skipped and browser_required() and item.get_closest_marker("browser"):
        report.outcome = "failed"
        report.longrepr = (
            f"browser test skipped although MAEUL_REQUIRE_BROWSER=1: {report.longrepr}"
        )


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Without Chromium, mark every browser test skipped, with the reason.

    A skip mark is honoured before any fixture is set up: no browser, live server or test
    database is started for a test that cannot run (a fixture's own check would come too
    late, after the session-scoped ones).
    """
    if CHROMIUM.is_file():
        return
    missing = pytest.mark.skip(reason=MISSING_BROWSER)
    for item in items:
        if item.get_closest_marker("browser"):
            item.add_marker(missing)


@pytest.fixture(scope="session")
def playwright_session() -> Iterator[Playwright]:
    # The sync API runs an event loop in the test thread, and Django refuses database
    # calls from a thread with a running loop unless told that this is deliberate.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            yield playwright
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


@pytest.fixture(scope="session")
def browser(playwright_session: Playwright) -> Iterator[Browser]:
    browser = playwright_session.chromium.launch(
        executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
    )
    yield browser
    browser.close()


@pytest.fixture
def new_context(browser: Browser, live_server):
    """Factory for browser contexts; every context is closed and its console checked.

    `bypass_csp=True` (the default) lets axe-core be injected inline; the CSP itself is
    exercised by contexts made with `bypass_csp=False` (see test_csp.py).
    """
    made: list[tuple[BrowserContext, ConsoleWatch]] = []

    def make(
        *,
        viewport: ViewportSize | None = None,
        device_scale_factor: float = 1,
        bypass_csp: bool = True,
    ) -> tuple[BrowserContext, ConsoleWatch]:
        context = browser.new_context(
            base_url=live_server.url,
            viewport=viewport or DEFAULT_VIEWPORT,
            device_scale_factor=device_scale_factor,
            locale="ko-KR",
            timezone_id="Asia/Seoul",
            bypass_csp=bypass_csp,
            service_workers="block",
        )
        context.set_default_timeout(TIMEOUT_MS)
        watch = ConsoleWatch(origin=live_server.url)
        context.on("console", watch.on_console)
        context.on("weberror", lambda web_error: watch.on_page_error(web_error.error))
        made.append((context, watch))
        return context, watch

    yield make
    problems: list[str] = []
    for context, watch in made:
        problems += watch.unexpected()
        context.close()
    if problems:
        pytest.fail("console errors on our pages:\n" + "\n".join(problems))


@pytest.fixture
def page_and_console(new_context) -> tuple[Page, ConsoleWatch]:
    context, watch = new_context()
    return context.new_page(), watch


@pytest.fixture
def page(page_and_console: tuple[Page, ConsoleWatch]) -> Page:
    """A fresh context per test: 360 by 740, Korean locale, Seoul time."""
    return page_and_console[0]


@pytest.fixture
def console(page_and_console: tuple[Page, ConsoleWatch]) -> ConsoleWatch:
    """The console errors of `page`'s context (checked when the test ends)."""
    return page_and_console[1]
