"""One dong's whole yearly cycle in a real browser (issue 5).

독산1동's office takes up a resident's proposal as an agenda item; the assembly is announced
and its vote opened; a resident votes online and the office enters a paper ballot at the
assembly; after the close the ballots are counted and the result applied; the passed item
becomes a project of the plan, the district approves it, the office records two payments,
and the public accountability table shows the 집행률 computed from them. Every page on the
way is Korean and free of serious or critical axe-core violations.

Scheduling the event and opening the vote go through the services (their forms have their
own tests); the close of the vote is simulated by moving its closing time into the past.
"""

import re
from datetime import timedelta

import pytest
from django.utils import timezone, translation
from playwright.sync_api import Page, expect

from maeul.accounts.demo import load_accounts
from maeul.accounts.models import User
from maeul.councils.models import AgendaItem, AgendaStatus, EventKind
from maeul.councils.services import assembly as assembly_votes
from maeul.councils.services import events, members
from maeul.places.models import Dong
from maeul.plans.models import Project, SpendingEntry
from maeul.proposals.demo import _setup as proposal_setup
from maeul.proposals.services.writing import submit_proposal
from maeul.voting.models import Ballot, Channel, Participation, Vote
from tests.browser.support import force_login, labelled, main_button
from tests.browser.test_proposals import check_page

pytestmark = pytest.mark.browser


def ko(msgid: str) -> str:
    """What the Korean interface says for `msgid` (so the test follows the catalogue)."""
    with translation.override("ko"):
        return translation.gettext(msgid)


def form(page: Page, action_end: str):
    """The page's form that posts to a URL ending in `action_end`."""
    return page.locator(f"main form[action$='{action_end}']")


@pytest.fixture
def cycle(places):
    """독산1동's council with its sections and current term, and a resident's proposal."""
    now = timezone.now()
    load_accounts(now=now)
    dong = Dong.objects.get(name="독산1동")
    district_staff = User.objects.get(email="district@demo.maeul.kr")
    council = members.ensure_council(dong=dong)
    for name in ("자치행정분과", "마을복지분과"):
        members.add_section(council=council, name=name, staff=district_staff, now=now, ip=None)
    members.start_term(
        council=council,
        number=3,
        starts_on=timezone.localdate(now).replace(month=1, day=1),
        staff=district_staff,
        now=now,
        ip=None,
    )
    categories, _departments, _count = proposal_setup(dong.district)
    resident = User.objects.get(email="resident@demo.maeul.kr")
    proposal = submit_proposal(
        author=resident,
        district=dong.district,
        dong=dong,
        category=categories["환경"],
        title="골목 쓰레기 무단투기를 막아 주세요",
        body="밤마다 골목에 쓰레기가 쌓입니다. 안내판과 화단을 만들면 좋겠습니다.",
        now=now,
    )
    return {"council": council, "proposal": proposal, "dong": dong, "resident": resident}


def test_one_dong_walks_through_the_whole_cycle(
    live_server, page: Page, console, new_context, cycle
):
    console.allow("status of 400")
    council, proposal, dong = cycle["council"], cycle["proposal"], cycle["dong"]
    year = timezone.localdate().year
    office = User.objects.get(email="dong@demo.maeul.kr")
    district_staff = User.objects.get(email="district@demo.maeul.kr")

    # 1. Agenda discovery: the dong office takes up the proposal.
    force_login(page.context, office, live_server.url)
    page.goto(f"/staff/councils/{council.pk}/agenda/")
    check_page(page, "agenda desk")
    promote = form(page, "/agenda/promote/")
    promote.locator("[name=proposal]").fill(str(proposal.pk))
    promote.locator("[name=year]").fill(str(year))
    promote.get_by_role("button", name=ko("Take up the proposal")).click()
    item = AgendaItem.objects.get(council=council, proposal=proposal)
    assert item.title == proposal.title and item.year == year
    page.goto(f"/councils/{council.pk}/agenda/")
    expect(page.locator("main")).to_contain_text(proposal.title)
    check_page(page, "public agenda")

    # 2. The assembly: announced from today, its vote open now, held tomorrow.
    now = timezone.now()
    assembly = events.schedule_event(
        council=council,
        kind=EventKind.ASSEMBLY,
        year=year,
        title=f"{year} 독산1동 주민총회",
        starts_at=now + timedelta(days=1),
        place="독산1동 주민센터 3층",
        announce_days=1,
        agenda_items=[item],
        staff=office,
        now=now,
        ip=None,
    )
    vote = assembly_votes.open_assembly_vote(
        event=assembly,
        opens_at=now,
        closes_at=now + timedelta(days=1, hours=4),
        channels=[Channel.ONLINE, Channel.ON_SITE],
        staff=office,
        now=now,
        ip=None,
    )
    page.goto(assembly.get_absolute_url())
    check_page(page, "assembly announcement")
    expect(page.locator("main")).to_contain_text(proposal.title)

    # 3. A resident votes online ...
    resident_page = new_context()[0].new_page()
    force_login(resident_page.context, cycle["resident"], live_server.url)
    resident_page.goto(f"/votes/{vote.pk}/ballot/")
    resident_page.get_by_label(ko("Yes"), exact=True).check()
    main_button(resident_page, ko("Review my choices")).click()
    main_button(resident_page, ko("Submit my ballot")).click()
    expect(resident_page.get_by_role("status")).to_contain_text(ko("Your receipt code"))

    # ... and the office enters a paper ballot at the assembly.
    page.goto(f"/staff/votes/{vote.pk}/")
    labelled(page, "label").fill("주민총회 현장 투표함")
    main_button(page, ko("Open the batch")).click()
    labelled(page, "name").fill("현장 주민")
    labelled(page, "birth_date").fill("1962-08-15")
    page.get_by_label(ko("Yes"), exact=True).check()
    main_button(page, ko("Enter this ballot")).click()
    expect(page.locator("main .messages")).to_contain_text("입력했습니다")
    check_page(page, "paper-ballot entry")
    assert Participation.objects.filter(vote=vote).count() == 2
    assert Ballot.objects.filter(vote=vote).count() == 2

    # 4. After the close: the district confirms the batch and counts; the office applies it.
    Vote.objects.filter(pk=vote.pk).update(closes_at=timezone.now() - timedelta(seconds=1))
    force_login(page.context, district_staff, live_server.url)
    page.goto(f"/staff/votes/{vote.pk}/")
    page.get_by_role("link", name=re.compile("확인하고 확정하기")).click()
    check_page(page, "batch to confirm")
    main_button(page, re.compile("확정")).click()
    page.get_by_role("link", name=ko("Check the summary and count")).click()
    check_page(page, "count summary")
    labelled(page, "confirmed").check()
    main_button(page, ko("Count the vote")).click()
    expect(page.locator("main .messages")).to_contain_text("2")
    force_login(page.context, office, live_server.url)
    page.goto(f"/staff/councils/events/{assembly.pk}/")
    check_page(page, "event desk")
    main_button(page, ko("Apply the result to the agenda")).click()
    item.refresh_from_db()
    assert item.status == AgendaStatus.PASSED
    page.goto(assembly.get_absolute_url())
    expect(page.locator("main")).to_contain_text(ko("Passed"))
    check_page(page, "assembly result")

    # 5. The plan: the passed item becomes a project; the district approves the plan.
    page.goto(f"/staff/plans/?council={council.pk}")
    check_page(page, "plans desk")
    labelled(page, "year").fill(str(year))
    main_button(page, ko("Start the plan")).click()
    main_button(page, ko("Add them as projects")).click()
    project = Project.objects.get(agenda_item=item)
    Project.objects.filter(pk=project.pk).update(budget=2_000_000)
    main_button(page, ko("Submit the plan")).click()
    force_login(page.context, district_staff, live_server.url)
    page.goto(f"/staff/plans/{project.plan_id}/")
    main_button(page, ko("Approve the plan")).click()

    # 6. Execution: two payments, recorded by the dong office.
    force_login(page.context, office, live_server.url)
    page.goto(f"/staff/projects/{project.pk}/")
    check_page(page, "project desk")
    today = timezone.localdate().isoformat()
    for amount, payee, purpose in (
        ("1,000,000", "마을꽃집", "화단 꽃모종"),
        ("234,000", "동네철물점", "안내판 재료"),
    ):
        labelled(page, "spent_on").fill(today)
        labelled(page, "amount").fill(amount)
        labelled(page, "payee").fill(payee)
        labelled(page, "purpose").fill(purpose)
        main_button(page, ko("Record the payment")).click()
        expect(page.locator("main .messages")).to_be_visible()
    assert SpendingEntry.objects.filter(project=project).count() == 2
    project.refresh_from_db()
    assert project.spent == 1_234_000

    # 7. Accountability: the public table computes 1,234,000 of 2,000,000 = 61.7%.
    public = new_context()[0].new_page()
    public.goto(f"/accountability/?dong={dong.code}&year={year}")
    row = public.get_by_role("row", name=re.compile(re.escape(project.title)))
    expect(row).to_contain_text("61.7%")
    expect(row).to_contain_text("2,000")  # 예산액 in 천원
    expect(row).to_contain_text("1,234")  # 집행액 in 천원
    check_page(public, "accountability table")
