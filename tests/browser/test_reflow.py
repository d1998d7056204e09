"""Every main page of the demo at 360 px: no horizontal scroll, and axe finds nothing
(issue 12, item 5; reliability.md 40).

The pages come from the URL confs (every page a person reaches by a link: public,
resident and staff), filled with the demo's rows by `load_demo`. A page may hold a wide
table, which then scrolls inside its own focusable region; the document itself never
scrolls sideways (`scrollWidth <= 360`). axe-core runs every WCAG 2.x A/AA rule, and any
violation, whatever its impact, fails.
"""

from collections.abc import Callable
from typing import Any

import pytest
from django.core.management import call_command
from django.db.models import Model, QuerySet
from django.utils import timezone
from playwright.sync_api import Page

from maeul.accounts.models import User
from maeul.consultations.models import Consultation, FieldSuggestion, Forum
from maeul.councils.models import (
    AgendaItem,
    Council,
    CouncilEvent,
    CouncilMember,
    CycleStep,
    Meeting,
)
from maeul.courses.models import Course, Programme
from maeul.places.models import District
from maeul.plans.models import AutonomyPlan, Project, SpendingEntry
from maeul.proposals.models import Proposal
from maeul.spaces.models import AllocationRound, Room, Space
from maeul.voting.models import PaperBatch, Vote, VoteStatus
from tests.browser.support import AXE_JS, AXE_TAGS, assert_no_inline_script, format_violations
from tests.browser.support import force_login as log_in

pytestmark = pytest.mark.browser

WIDTH = 360


def first(rows: QuerySet[Any]) -> Model:
    found = rows.order_by("pk").first()
    assert found is not None, f"the demo has no {rows.model.__name__}"
    return found


def public_pages() -> list[str]:
    now = timezone.now()
    council = first(Council.objects.filter(dong__isnull=False))
    counted = first(Vote.objects.filter(status=VoteStatus.COUNTED))
    open_vote = first(Vote.objects.open_at(now).filter(is_simulation=False))
    return [
        "/",
        "/districts/",
        f"/districts/{first(District.objects.filter(dongs__isnull=False).distinct()).code}/",
        "/proposals/",
        "/proposals/excellent/",
        f"/proposals/{first(Proposal.objects.filter(answer__isnull=False)).pk}/",
        "/votes/",
        "/votes/how-counting-works/",
        f"/votes/{open_vote.pk}/",
        f"/votes/{counted.pk}/result/",
        f"/votes/{counted.pk}/receipts/",
        "/councils/",
        f"/councils/{council.pk}/",
        f"/councils/{council.pk}/agenda/",
        f"/councils/agenda/{first(AgendaItem.objects.all()).pk}/",
        f"/councils/meetings/{first(Meeting.objects.all()).pk}/",
        f"/councils/events/{first(CouncilEvent.objects.all()).pk}/",
        "/accountability/",
        "/results-sharing/",
        f"/projects/{first(Project.objects.exclude(plan__status='draft')).pk}/",
        "/spaces/",
        f"/spaces/{first(Space.objects.filter(items__isnull=False).distinct()).pk}/",
        f"/spaces/rooms/{first(Room.objects.all()).pk}/",
        f"/spaces/rounds/{first(AllocationRound.objects.all()).pk}/",
        "/consultations/",
        f"/consultations/{first(Consultation.objects.filter(response_published_at__isnull=False)).pk}/",
        "/consultations/statistics/",
        "/forums/",
        f"/forums/{first(Forum.objects.filter(table_notes__isnull=False).distinct()).pk}/",
        "/processes/",
        "/suggestions/",
        "/courses/",
        f"/courses/?programme={first(Programme.objects.filter(year=2019)).pk}",
        f"/courses/{first(Course.objects.filter(recorded_sessions=None)).pk}/",
        "/privacy/",
        "/terms/",
        "/accounts/login/",
        "/accounts/signup/",
        "/accounts/password/reset/",
    ]


def resident_pages() -> list[str]:
    open_vote = first(Vote.objects.open_at(timezone.now()).filter(is_simulation=False))
    return [
        "/me/",
        "/me/verify/",
        "/me/consents/",
        "/me/notifications/",
        "/me/withdraw/",
        "/proposals/new/",
        "/spaces/mine/",
        "/courses/mine/",
        f"/spaces/rooms/{first(Room.objects.all()).pk}/book/",
        f"/votes/{open_vote.pk}/ballot/",
        "/accounts/email/",
        "/accounts/password/change/",
    ]


def staff_pages() -> list[str]:
    council = first(Council.objects.filter(dong__isnull=False))
    vote = first(Vote.objects.filter(status=VoteStatus.PUBLISHED))
    return [
        "/staff/",
        "/staff/verify/",
        "/staff/proposals/",
        "/staff/proposals/new/",
        f"/staff/proposals/{first(Proposal.objects.all()).pk}/",
        "/staff/moderation/",
        "/staff/votes/",
        "/staff/votes/new/",
        f"/staff/votes/{vote.pk}/",
        f"/staff/votes/{vote.pk}/edit/",
        f"/staff/votes/{vote.pk}/count/",
        f"/staff/votes/batches/{first(PaperBatch.objects.all()).pk}/",
        f"/staff/votes/batches/{first(PaperBatch.objects.all()).pk}/confirm/",
        "/staff/councils/",
        f"/staff/councils/{council.pk}/",
        f"/staff/councils/{council.pk}/agenda/",
        f"/staff/councils/events/{first(CouncilEvent.objects.all()).pk}/",
        f"/staff/councils/members/{first(CouncilMember.objects.filter(left_on=None)).pk}/",
        f"/staff/councils/steps/{first(CycleStep.objects.all()).pk}/",
        "/staff/plans/",
        f"/staff/plans/{first(AutonomyPlan.objects.all()).pk}/",
        f"/staff/projects/{first(Project.objects.all()).pk}/",
        f"/staff/spending/{first(SpendingEntry.objects.all()).pk}/",
        "/staff/spaces/",
        f"/staff/spaces/{first(Space.objects.filter(name='커뮤니티센터')).pk}/",
        f"/staff/spaces/policy/{first(District.objects.filter(name='금천구')).pk}/",
        "/staff/spaces/statistics/",
        f"/staff/spaces/{first(Space.objects.filter(rooms__allocation_rounds__isnull=False)).pk}/rounds/",
        f"/staff/spaces/{first(Space.objects.filter(name='커뮤니티센터')).pk}/photos/",
        "/staff/consultations/",
        "/staff/consultations/new/",
        f"/staff/consultations/{first(Consultation.objects.all()).pk}/",
        "/staff/forums/",
        "/staff/forums/new/",
        "/staff/processes/new/",
        f"/staff/forums/{first(Forum.objects.all()).pk}/",
        "/staff/suggestions/",
        f"/staff/suggestions/{first(FieldSuggestion.objects.all()).pk}/",
        "/staff/courses/",
        f"/staff/courses/{first(Course.objects.filter(recorded_sessions=None)).pk}/",
    ]


def axe_violations(page: Page) -> list[dict[str, Any]]:
    """Every WCAG 2.x A/AA violation axe-core finds on the page, whatever its impact."""
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        tag = page.add_script_tag(path=str(AXE_JS))
        tag.evaluate("el => { el.dataset.maeulTestHelper = '1'; }")
    violations: list[dict[str, Any]] = page.evaluate(
        """async (tags) => {
            const r = await axe.run(document, {
                runOnly: {type: 'tag', values: tags}, resultTypes: ['violations'],
            });
            return r.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
                nodes: v.nodes.map(n => ({target: n.target, html: n.html,
                                          summary: n.failureSummary})),
            }));
        }""",
        AXE_TAGS,
    )
    return violations


def problems_on(page: Page, path: str) -> list[str]:
    response = page.goto(path)
    if response is None or response.status != 200:
        return [f"{path}: status {response.status if response else '?'}"]
    page.evaluate("() => document.fonts.ready")
    found = []
    width = page.evaluate("() => document.documentElement.scrollWidth")
    if width > WIDTH:
        wide = page.evaluate(
            """(limit) => [...document.querySelectorAll('body *')]
                .filter(el => el.getBoundingClientRect().right > limit
                              && !el.closest('.table-scroll'))
                .slice(0, 5).map(el => el.outerHTML.slice(0, 120))""",
            WIDTH,
        )
        found.append(f"{path}: scrollWidth {width} > {WIDTH}, widest: {wide}")
    assert_no_inline_script(page, path)
    violations = axe_violations(page)
    if violations:
        found.append(format_violations(path, violations))
    return found


@pytest.fixture
def demo(live_server) -> None:
    call_command("load_demo", verbosity=0)


def visit(
    new_context: Callable[..., Any], live_server: Any, email: str | None, paths: list[str]
) -> None:
    context, _watch = new_context()
    if email is not None:
        log_in(context, User.objects.get(email=email), live_server.url)
    page = context.new_page()
    problems = [problem for path in paths for problem in problems_on(page, path)]
    assert not problems, "\n".join(problems)


def test_public_pages_fit_360_px_and_pass_axe(live_server, new_context, demo):
    visit(new_context, live_server, None, public_pages())


def test_resident_pages_fit_360_px_and_pass_axe(live_server, new_context, demo):
    visit(new_context, live_server, "resident@demo.maeul.kr", resident_pages())


def test_staff_pages_fit_360_px_and_pass_axe(live_server, new_context, demo):
    every = public_pages() + resident_pages() + staff_pages()
    assert len(set(every)) == len(every) >= 25, "fewer than 25 distinct main pages"
    visit(new_context, live_server, "district@demo.maeul.kr", staff_pages())
