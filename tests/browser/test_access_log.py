"""A staff look-up outside one's dongs is refused like an unknown address, an allowed one opens
the resident by number (never by e-mail in the URL), and it appears in the access log.

Covers issue 10 (the scoped look-up and the personal-data access log) and reliability.md
tests 28 and 38 (axe on the staff pages).
"""

import re

import pytest
from playwright.sync_api import Page, expect

from maeul.core.models import PersonalDataAccess
from tests.browser.support import (
    assert_accessible,
    assert_korean_page,
    force_login,
    labelled,
    main_button,
)

pytestmark = pytest.mark.browser


def _search(page: Page, email: str) -> None:
    page.goto("/staff/verify/")
    labelled(page, "email").fill(email)
    main_button(page, "찾기").click()


def test_a_look_up_outside_ones_dongs_is_refused(
    live_server, new_context, other_dong_staff, unverified_resident
):
    context, watch = new_context()
    watch.allow(r"status of 404")
    force_login(context, other_dong_staff, live_server.url)
    page = context.new_page()

    _search(page, unverified_resident.email)

    main = page.get_by_role("main")
    expect(main).to_contain_text("담당하는 동에서 이 이메일 주소로 가입한 계정을 찾을 수 없습니다.")
    expect(main.get_by_role("heading", level=2)).to_have_count(0)
    expect(main).not_to_contain_text(unverified_resident.display_name)
    assert "@" not in page.url
    assert_korean_page(page)
    assert_accessible(page, "staff look-up refused")
    (row,) = PersonalDataAccess.objects.all()
    assert (row.staff, row.action, row.subject) == (other_dong_staff, "search", None)


def test_an_allowed_look_up_appears_in_the_access_log(
    live_server, new_context, dong_staff, site_admin, unverified_resident
):
    context, _watch = new_context()
    force_login(context, dong_staff, live_server.url)
    page = context.new_page()

    _search(page, unverified_resident.email)

    expect(page.get_by_role("main").get_by_role("heading", level=2)).to_have_text(
        unverified_resident.display_name
    )
    assert re.search(rf"/staff/verify/{unverified_resident.pk}/$", page.url)
    assert "@" not in page.url
    assert_accessible(page, "staff look-up found")
    rows = list(PersonalDataAccess.objects.order_by("id"))
    assert [(r.staff, r.action, r.subject) for r in rows] == [
        (dong_staff, "search", unverified_resident),
        (dong_staff, "view", unverified_resident),
    ]

    admin_context, _admin_watch = new_context()
    force_login(admin_context, site_admin, live_server.url)
    admin = admin_context.new_page()
    admin.goto("/admin/core/personaldataaccess/")
    expect(admin.locator("#result_list")).to_contain_text(
        f"/staff/verify/{unverified_resident.pk}/"
    )
    expect(admin.locator("#result_list")).to_contain_text(f"#{unverified_resident.pk}")
    expect(admin.locator("#result_list tbody tr")).to_have_count(2)
