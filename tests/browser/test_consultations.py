"""Consultations and forums in a real browser at 360 px: a resident answers a consultation
by keyboard, adds an argument and registers for a forum held on their proposal; staff
publish the results and the district's response after the close, and the forum's outcome,
which then shows on the proposal it came from. axe-core on every page."""

from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from maeul.consultations.models import Consultation, Forum, ForumKind, Participation, Registration
from tests.browser.support import assert_accessible, force_login
from tests.consultations.conftest import open_consultation
from tests.consultations.test_forums import make_forum
from tests.proposals.factories import ProposalFactory

pytestmark = pytest.mark.browser


def _press(page: Page, selector: str, key: str = "Space") -> None:
    page.locator(selector).focus()
    page.keyboard.press(key)


def test_a_resident_answers_argues_and_registers_and_staff_publish(
    page: Page, live_server, geumcheon, district_staff, resident
):
    consultation = open_consultation(geumcheon, district_staff)
    proposal = ProposalFactory(district=geumcheon, author=resident, title="놀이터에 그늘막을")
    forum = make_forum(
        geumcheon,
        district_staff,
        now=timezone.now(),
        kind=ForumKind.WORKSHOP,
        title="구민제안 발굴 워크숍: 놀이터 그늘막",
        proposal=proposal,
    )
    questions = list(consultation.questions.prefetch_related("options"))
    opts = [list(q.options.all()) for q in questions]

    force_login(page.context, resident, live_server.url)
    page.goto(f"{live_server.url}/consultations/")
    assert_accessible(page, "consultation list")
    page.goto(f"{live_server.url}{consultation.get_absolute_url()}")
    assert_accessible(page, "consultation page")
    _press(page, f"#{questions[0].field}-{opts[0][0].pk}")
    _press(page, f"#{questions[2].field}-4")
    _press(page, f"#{questions[3].field}-{opts[3][0].pk}")
    for rank, option in zip("213", opts[4], strict=True):
        page.locator(f"#{questions[4].field}_{option.pk}").focus()
        page.keyboard.type(rank)
    page.locator(f"#{questions[5].field}").focus()
    page.keyboard.type("<script>alert(1)</script> 그늘이 필요해요")
    page.keyboard.press("Tab")
    expect(page.locator("form[action$='/answer/'] button[type=submit]")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator(".message-success").first).to_be_visible()
    assert Participation.objects.filter(user=resident).count() == 1
    assert_accessible(page, "answered")

    _press(page, "#stance-for")
    page.locator("#id_body").focus()
    page.keyboard.type("아이들이 여름에 놀 곳이 필요합니다.")
    _press(page, "form[action$='/arguments/'] button[type=submit]", "Enter")
    expect(page.get_by_text("아이들이 여름에 놀 곳이 필요합니다.")).to_be_visible()
    assert_accessible(page, "debate")

    page.goto(f"{live_server.url}{forum.get_absolute_url()}")
    assert_accessible(page, "forum page")
    page.locator("#id_target_group").focus()
    page.keyboard.press("ArrowDown")
    _press(page, "form[action$='/register/'] button[type=submit]", "Enter")
    expect(page.locator(".message-success").first).to_be_visible()
    assert Registration.objects.get(user=resident).target_group == "workers"

    past = timezone.now() - timedelta(days=1)
    Consultation.objects.filter(pk=consultation.pk).update(
        opens_at=past - timedelta(days=9), closes_at=past
    )
    Forum.objects.filter(pk=forum.pk).update(starts_at=past - timedelta(hours=3), ends_at=past)
    force_login(page.context, district_staff, live_server.url)
    page.goto(f"{live_server.url}/staff/consultations/{consultation.pk}/")
    assert_accessible(page, "staff consultation desk")
    page.locator("form[action$='/results/'] button[type=submit]").click()
    expect(page.locator(".message-success").first).to_be_visible()
    page.locator("#response-text").fill("내년에 놀이터 세 곳에 그늘막을 설치합니다.")
    page.locator("form[action$='/response/'] button[type=submit]").click()
    expect(page.locator(".message-success").first).to_be_visible()
    page.goto(f"{live_server.url}/staff/forums/")
    assert_accessible(page, "staff forums")
    page.goto(f"{live_server.url}/staff/forums/{forum.pk}/")
    assert_accessible(page, "staff forum desk")
    page.locator("#id_text").fill("워크숍 참가자들이 그늘막 위치 세 곳을 골랐습니다.")
    page.locator("#id_proposals").fill(str(proposal.pk))
    page.locator("form[action$='/outcome/'] button[type=submit]").click()
    expect(page.locator(".message-success").first).to_be_visible()

    force_login(page.context, resident, live_server.url)
    page.goto(f"{live_server.url}{consultation.get_absolute_url()}")
    expect(page.get_by_text("내년에 놀이터 세 곳에 그늘막을 설치합니다.")).to_be_visible()
    expect(page.locator("#results-heading")).to_be_visible()
    assert_accessible(page, "results and response")
    page.goto(f"{live_server.url}{proposal.get_absolute_url()}")
    expect(page.get_by_text("워크숍 참가자들이 그늘막 위치 세 곳을 골랐습니다.")).to_be_visible()
    assert_accessible(page, "proposal with the forum's outcome")
