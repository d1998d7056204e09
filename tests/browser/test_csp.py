"""With the Content-Security-Policy enforced, our pages cause no CSP report.

The other browser tests bypass the CSP so that axe-core can be injected; this one keeps
it, collects the console and `securitypolicyviolation` events, and fails on any report:
a report would mean an inline script or style slipped into a template (reliability.md,
decision 6 and test 17).
"""

import pytest
from playwright.sync_api import expect

from tests.browser.support import force_login

pytestmark = pytest.mark.browser

RECORD_VIOLATIONS = """
window.__cspViolations = [];
document.addEventListener('securitypolicyviolation', (e) => {
    window.__cspViolations.push(`${e.violatedDirective} blocked ${e.blockedURI} at ${e.sourceFile}:${e.lineNumber}`);
});
"""

PUBLIC = ["/", "/accounts/signup/", "/accounts/login/", "/accounts/password/reset/"]
RESIDENT = ["/me/", "/me/verify/", "/me/verify/code/"]
STAFF = ["/staff/verify/", "/staff/verify/?email=xss%40example.kr"]


def test_no_csp_report_on_our_pages(
    live_server, new_context, places, unverified_resident, dong_staff, doksan1
):
    from tests.factories import DongTieFactory, UserFactory

    DongTieFactory(
        user=UserFactory(email="xss@example.kr", display_name="<img src=x onerror=alert(2)>"),
        dong=doksan1,
    )
    reports: list[str] = []
    dialogs: list[str] = []
    for user, paths in [(None, PUBLIC), (unverified_resident, RESIDENT), (dong_staff, STAFF)]:
        context, watch = new_context(bypass_csp=False)
        context.add_init_script(RECORD_VIOLATIONS)
        if user is not None:
            force_login(context, user, live_server.url)
        page = context.new_page()
        page.on("dialog", lambda dialog: dialogs.append(dialog.message))
        for path in paths:
            response = page.goto(path)
            assert response is not None and response.ok, f"{path}: {response and response.status}"
            assert "script-src 'self'" in (response.headers.get("content-security-policy") or "")
            expect(page.locator("h1")).to_be_visible()
            # A window.load has passed, so deferred scripts (htmx) have run.
            page.wait_for_load_state("load")
            reports += [f"{path}: {v}" for v in page.evaluate("window.__cspViolations")]
        reports += watch.csp_reports()
    assert reports == [], "CSP reports:\n" + "\n".join(reports)
    assert dialogs == []
