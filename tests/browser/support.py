"""Helpers the browser tests share: axe-core checks, Korean-page checks, console watching.

axe-core 4.14.1 is vendored in `vendor/axe.min.js` and injected with
`page.add_script_tag(path=...)`, so the check runs offline (reliability.md, decision 9).
"""

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from playwright.sync_api import BrowserContext, ConsoleMessage, Locator, Page, expect

AXE_JS = Path(__file__).resolve().parent / "vendor" / "axe.min.js"
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
BLOCKING_IMPACTS = {"serious", "critical"}
HANGUL = re.compile(r"[\uac00-\ud7a3]")


def assert_accessible(page: Page, where: str = "") -> None:
    """Run axe-core on the page; fail on any serious or critical WCAG 2.x A/AA violation.

    The message names each rule, its impact and help text, and every offending node.
    Also checks for inline script, which the site's CSP forbids (decision 6, test 17).
    """
    assert_no_inline_script(page, where)
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        tag = page.add_script_tag(path=str(AXE_JS))
        tag.evaluate("el => { el.dataset.maeulTestHelper = '1'; }")
    result: dict[str, Any] = page.evaluate(
        """async (tags) => {
            const r = await axe.run(document, {
                runOnly: {type: 'tag', values: tags}, resultTypes: ['violations'],
            });
            return {violations: r.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
                nodes: v.nodes.map(n => ({target: n.target, html: n.html,
                                          summary: n.failureSummary})),
            }))};
        }""",
        AXE_TAGS,
    )
    blocking = [v for v in result["violations"] if v["impact"] in BLOCKING_IMPACTS]
    if blocking:
        raise AssertionError(format_violations(where or page.url, blocking))


def format_violations(where: str, violations: list[dict[str, Any]]) -> str:
    lines = [f"axe-core: {len(violations)} serious/critical violation(s) on {where}"]
    for v in violations:
        lines.append(f"- {v['id']} [{v['impact']}]: {v['help']} ({v['helpUrl']})")
        for node in v["nodes"]:
            lines.append(f"    at {json.dumps(node['target'], ensure_ascii=False)}")
            lines.append(f"       {node['html'][:300]}")
            if node.get("summary"):
                summary = " ".join(node["summary"].split())
                lines.append(f"       {summary[:400]}")
    return "\n".join(lines)


def assert_no_inline_script(page: Page, where: str = "") -> None:
    """No inline <script>, on* handler attribute or javascript: URL in our markup.

    The browser contexts that run axe bypass the CSP (axe is injected inline), so this
    DOM check stands in for the console's CSP reports there; `test_csp.py` runs with the
    CSP enforced and fails on any report.
    """
    found: list[str] = page.evaluate(
        """() => {
            const bad = [];
            // A JSON data block (allauth's e-mail page) is never run, so the CSP allows it.
            for (const s of document.querySelectorAll('script:not([src]):not([type="application/json"])')) {
                if (!s.dataset.maeulTestHelper) bad.push(s.outerHTML.slice(0, 200));
            }
            for (const el of document.querySelectorAll('*')) {
                for (const a of el.attributes) {
                    if (/^on/i.test(a.name)) bad.push(el.outerHTML.slice(0, 200));
                    if (/^(href|src|action|formaction)$/i.test(a.name)
                        && /^\\s*javascript:/i.test(a.value)) bad.push(el.outerHTML.slice(0, 200));
                }
            }
            return bad;
        }"""
    )
    assert not found, f"inline script on {where or page.url}: {found}"


def assert_korean_page(page: Page) -> None:
    """The page is served in Korean: <html lang="ko"> and Hangul in its one h1."""
    expect(page.locator("html")).to_have_attribute("lang", "ko")
    heading = page.locator("h1")
    expect(heading).to_have_count(1)
    expect(heading).to_have_text(HANGUL)


@dataclass
class ConsoleWatch:
    """Console errors and page errors of one browser context, for our own origin."""

    origin: str
    errors: list[str] = field(default_factory=list)
    allowed: list[re.Pattern[str]] = field(default_factory=list)

    def on_console(self, message: ConsoleMessage) -> None:
        if message.type != "error":
            return
        url = message.location.get("url", "") if message.location else ""
        if url and not url.startswith(self.origin):
            return
        if url.endswith("/favicon.ico"):  # the browser asks by itself; not part of a page
            return
        self.errors.append(f"{message.text} (at {url or '?'})")

    def on_page_error(self, error: Exception) -> None:
        self.errors.append(f"uncaught: {error}")

    def allow(self, pattern: str) -> None:
        """Expect a console error matching `pattern` (e.g. the 404 of an error-page test)."""
        self.allowed.append(re.compile(pattern))

    def unexpected(self) -> list[str]:
        return [e for e in self.errors if not any(p.search(e) for p in self.allowed)]

    def csp_reports(self) -> list[str]:
        return [e for e in self.errors if "Content Security Policy" in e]


def labelled(page: Page, name: str) -> Locator:
    """The form field called `name`, after checking that it has an accessible name.

    Locating by the `name` attribute keeps the tests independent of label wording; the
    accessible-name check proves the label (or aria-label) is there.
    """
    field = page.locator(f"main [name={name}]:not([type=hidden])")
    expect(field).to_have_count(1)
    expect(field).to_have_accessible_name(re.compile(r"\S"))
    return field


def main_button(page: Page, name: str | re.Pattern[str]) -> Locator:
    """A button inside <main>, by its accessible name."""
    return page.get_by_role("main").get_by_role("button", name=name)


REQUIRED_SIGN_UP_CHECKS = ["over_14", "agree_terms", "agree_privacy"]


def fill_sign_up_consents(page: Page, birth_year: str = "1990", optional: bool = False) -> None:
    """The part of the sign-up form after the passwords: birth year, age, consents."""
    labelled(page, "birth_year").fill(birth_year)
    for name in REQUIRED_SIGN_UP_CHECKS:
        labelled(page, name).check()
    if optional:
        labelled(page, "consent_notify_email").check()
        labelled(page, "consent_survey").check()


CONFIRM_LINK = re.compile(r"https?://[^\s/]+/accounts/confirm-email/[^\s/]+/")


def confirmation_path(outbox: list[Any], email: str) -> str:
    """The path of the confirmation link in the last e-mail sent to `email`."""
    messages = [m for m in outbox if email in m.to]
    assert messages, f"no e-mail was sent to {email}"
    found = CONFIRM_LINK.search(messages[-1].body)
    assert found, f"no confirmation link in: {messages[-1].body}"
    return "/" + found.group(0).split("/", 3)[3]


def last_sms_code(outbox: list[tuple[str, str]], number: str) -> str:
    """The six-digit code of the last text message sent to `number` (digits only)."""
    texts = [text for to, text in outbox if re.sub(r"\D", "", to) == re.sub(r"\D", "", number)]
    assert texts, f"no text message was sent to {number}: {outbox}"
    code = re.search(r"(?<!\d)(\d{6})(?!\d)", texts[-1])
    assert code, f"no code in {texts[-1]!r}"
    return code.group(1)


def has_horizontal_scroll(page: Page) -> bool:
    return bool(page.evaluate("() => document.documentElement.scrollWidth > window.innerWidth"))


FOCUS_STATE = """() => {
    const el = document.activeElement;
    if (!el || el === document.body) return null;
    const style = getComputedStyle(el);
    return {
        tag: el.tagName.toLowerCase(), id: el.id, name: el.getAttribute('name'),
        text: (el.innerText || el.value || '').trim().slice(0, 60),
        href: el.getAttribute('href'),
        outline: style.outlineStyle, outlineWidth: parseFloat(style.outlineWidth) || 0,
        focusVisible: el.matches(':focus-visible'),
    };
}"""


def focus_state(page: Page) -> dict[str, Any] | None:
    state: dict[str, Any] | None = page.evaluate(FOCUS_STATE)
    return state


def assert_focus_visible(page: Page) -> dict[str, Any]:
    """The focused element shows a focus indicator (an outline that is not none)."""
    state = focus_state(page)
    assert state is not None, "nothing has focus"
    assert state["outline"] != "none" and state["outlineWidth"] > 0, f"focus not visible: {state}"
    return state


def tab_to(page: Page, target: Locator, *, backwards: bool = False, limit: int = 40) -> None:
    """Press Tab (or Shift+Tab) until `target` has focus, checking every stop on the way.

    Each stop must show visible focus, and focus must keep moving (no keyboard trap).
    """
    key = "Shift+Tab" if backwards else "Tab"
    seen: list[dict[str, Any]] = []
    for _ in range(limit):
        page.keyboard.press(key)
        state = assert_focus_visible(page)
        if target.evaluate("el => el === document.activeElement"):
            return
        if len(seen) >= 2 and state == seen[-1] == seen[-2]:
            raise AssertionError(f"keyboard trap at {state}")
        seen.append(state)
    stops = "\n".join(f"  {s['tag']} {s['name'] or s['id'] or ''} {s['text']!r}" for s in seen)
    raise AssertionError(f"{key} never reached the target; stops were:\n{stops}")


def force_login(context: BrowserContext, user: Any, base_url: str) -> None:
    """Log `user` in without the log-in form, by giving the browser a session cookie."""
    from django.conf import settings
    from django.test import Client

    client = Client()
    client.force_login(user)
    cookie = client.cookies[settings.SESSION_COOKIE_NAME]
    context.add_cookies(
        [{"name": settings.SESSION_COOKIE_NAME, "value": cookie.value, "url": base_url}]
    )
