"""Votes (issue 4) in a real browser, on the demo votes of `load_demo`.

A new resident signs up, verifies, is told why they may not vote in a vote that opened
before their dong tie (the roll is frozen at the opening); in a vote that opens after, they
choose projects, review, submit and keep the receipt; after
the close and the count the receipt is in the public list and the ballot in the public
`.pb` export. A second run does the same by keyboard alone. Every page visited is Korean
and free of serious or critical axe-core violations.
"""

import re
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from maeul.accounts import phone as phones
from maeul.accounts.demo import load_accounts
from maeul.accounts.models import User
from maeul.voting.ballots import Choices
from maeul.voting.counting.pabulib import parse_pabulib
from maeul.voting.demo import ASSEMBLY_TITLE, OPEN_TITLE, load_votes
from maeul.voting.models import Ballot, Participation, Vote
from maeul.voting.services.casting import cast_ballot
from maeul.voting.services.counting import count_vote
from tests.browser.support import force_login, labelled, main_button, tab_to
from tests.browser.test_proposals import check_page, menu, sign_up_and_verify

pytestmark = pytest.mark.browser

NEW_EMAIL = "dalbit@example.kr"
NEW_PASSWORD = "doksan-river-2718"
NEW_PHONE = "010-4567-8901"
RECEIPT = re.compile(r"^[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}$")


@pytest.fixture
def demo_votes(places) -> Vote:
    now = timezone.now()
    load_accounts(now=now)
    load_votes(now=now)
    return Vote.objects.get(title=OPEN_TITLE)


def close_and_count(vote: Vote) -> None:
    """The vote's close comes (moved into the past), and district staff count it."""
    now = timezone.now()
    Vote.objects.filter(pk=vote.pk).update(opens_at=now - timedelta(days=8), closes_at=now)
    vote.refresh_from_db()
    staff = User.objects.get(email="district@demo.maeul.kr")
    count_vote(vote=vote, staff=staff, now=now + timedelta(seconds=1), ip=None)


def option_box(page: Page, title: str):
    return page.get_by_role("checkbox", name=re.compile(re.escape(title)))


def test_new_resident_votes_and_finds_the_ballot_in_the_public_export(
    live_server, page: Page, demo_votes: Vote
):
    sign_up_and_verify(page, NEW_EMAIL, NEW_PASSWORD, NEW_PHONE, "시흥5동")

    menu(page).get_by_role("link", name="투표").click()
    expect(page.get_by_role("heading", name="투표", exact=True)).to_be_visible()
    check_page(page, "vote list")
    page.get_by_role("link", name=OPEN_TITLE).click()
    check_page(page, "open vote")
    # The tie is younger than the vote: the page says why, before any ballot is offered.
    expect(page.locator("#main")).to_contain_text("투표가 시작된 뒤 추가한 동")
    # The same vote, had it opened after the resident joined.
    Vote.objects.filter(pk=demo_votes.pk).update(opens_at=timezone.now())

    page.goto(demo_votes.get_absolute_url())
    page.get_by_role("link", name="지금 투표하기").click()
    check_page(page, "ballot")
    chosen = ["시흥5동 어르신 스마트폰 배움터", "안양천 생태 놀이 학교", "어린이 기후 탐험대"]
    for title in chosen:
        option_box(page, title).check()
    main_button(page, "고른 내용 확인하기").click()

    check_page(page, "review")
    review = page.get_by_role("region", name="고른 내용")
    for title in chosen:
        expect(review).to_contain_text(title)
    before = Ballot.objects.filter(vote=demo_votes).count()
    main_button(page, "투표 제출하기").click()

    expect(page).to_have_url(re.compile(r"/votes/\d+/receipt/"))
    status = page.get_by_role("status")
    expect(status).to_contain_text("접수번호")
    code = page.locator("#receipt-code").inner_text()
    assert RECEIPT.match(code)
    check_page(page, "receipt")
    assert Ballot.objects.filter(vote=demo_votes).count() == before + 1
    assert Participation.objects.filter(vote=demo_votes, user__email=NEW_EMAIL).count() == 1

    # A second ballot is not offered: the vote page says the person voted.
    page.goto(demo_votes.get_absolute_url())
    expect(page.locator("#main")).to_contain_text("투표했습니다")

    close_and_count(demo_votes)
    page.goto(demo_votes.get_absolute_url())
    page.get_by_role("link", name="결과 보기").click()
    check_page(page, "result")
    expect(page.get_by_role("table").first).to_contain_text("안양천 생태 놀이 학교")
    page.get_by_role("link", name="공개 접수번호 목록").click()
    labelled(page, "code").fill(code.lower())
    main_button(page, "확인").click()
    expect(page.get_by_role("status")).to_contain_text("개표에 포함되었습니다")
    check_page(page, "receipt check")

    export = page.request.get(f"/votes/{demo_votes.pk}/export.pb")
    assert export.ok
    election = parse_pabulib(export.text())
    numbers = {
        option.title: str(option.number) for option in demo_votes.options.filter(title__in=chosen)
    }
    ballots = {frozenset(ballot): n for ballot, n in election.ballots.items()}
    assert ballots.get(frozenset(numbers.values()), 0) >= 1
    assert election.num_voters == Ballot.objects.filter(vote=demo_votes).count()
    assert code not in export.text()  # receipts and ballots stay apart


def test_keyboard_only_ballot_announces_the_receipt(live_server, page: Page, demo_votes: Vote):
    resident = User.objects.get(email="resident@demo.maeul.kr")
    force_login(page.context, resident, live_server.url)
    page.goto(f"/votes/{demo_votes.pk}/ballot/")

    for title in ("마을 기록 사진전", "독산1동 어린이 놀이터 그늘막"):
        tab_to(page, option_box(page, title))
        page.keyboard.press("Space")
        expect(option_box(page, title)).to_be_checked()
    tab_to(page, main_button(page, "고른 내용 확인하기"))
    page.keyboard.press("Enter")

    expect(page.get_by_role("heading", name="투표 내용을 확인하세요")).to_be_visible()
    tab_to(page, main_button(page, "투표 제출하기"))
    page.keyboard.press("Enter")

    expect(page.get_by_role("status")).to_contain_text("접수번호")
    check_page(page, "receipt after keyboard voting")
    assert Participation.objects.filter(vote=demo_votes, user=resident).count() == 1


def test_too_many_choices_are_explained_on_the_ballot(
    live_server, page: Page, console, demo_votes: Vote
):
    console.allow("status of 400")  # the refused ballot comes back as 400 Bad Request
    resident = User.objects.get(email="resident@demo.maeul.kr")
    force_login(page.context, resident, live_server.url)
    page.goto(f"/votes/{demo_votes.pk}/ballot/")

    boxes = page.get_by_role("checkbox")
    for index in range(7):
        boxes.nth(index).check()
    main_button(page, "고른 내용 확인하기").click()

    expect(page.get_by_role("alert")).to_contain_text("최대 6개까지")
    check_page(page, "ballot with an error")
    assert not Participation.objects.filter(vote=demo_votes, user=resident).exists()


# --- staff: paper ballots ----------------------------------------------------------------


def test_dong_staff_enter_a_paper_ballot_and_are_refused_a_second_for_the_same_person(
    live_server, page: Page, console, demo_votes: Vote
):
    console.allow("status of 400")  # the refused second entry comes back as 400
    assembly = Vote.objects.get(title=ASSEMBLY_TITLE)
    resident = User.objects.get(email="resident@demo.maeul.kr")
    resident.phone_hmac = phones.lookup_hash("01098765432")
    resident.save()
    items = list(assembly.options.order_by("number"))
    cast_ballot(
        vote=assembly,
        user=resident,
        choices=Choices(answers=tuple((item.pk, "yes") for item in items)),
        now=timezone.now(),
    )
    force_login(page.context, User.objects.get(email="dong@demo.maeul.kr"), live_server.url)

    page.goto("/staff/")
    page.get_by_role("link", name="투표 관리").click()
    check_page(page, "staff vote list")
    page.get_by_role("link", name=ASSEMBLY_TITLE).first.click()
    check_page(page, "vote desk")
    labelled(page, "label").fill("독산1동 주민총회 현장 투표함")
    main_button(page, "묶음 만들기").click()
    expect(page.get_by_role("heading", name="독산1동 주민총회 현장 투표함")).to_be_visible()
    check_page(page, "paper-ballot entry")

    def enter(name: str, birth: str, phone: str = "") -> None:
        labelled(page, "name").fill(name)
        labelled(page, "birth_date").fill(birth)
        labelled(page, "phone").fill(phone)
        for item, answer in zip(items, ["찬성", "반대", "기권", "찬성"], strict=True):
            page.get_by_role("group", name=re.compile(re.escape(item.title))).get_by_label(
                answer, exact=True
            ).check()
        main_button(page, "이 투표지 입력").click()

    enter("김마을", "1958-04-02")
    expect(page.locator("main .messages")).to_contain_text("입력했습니다")
    expect(page.locator("main .live")).to_contain_text("1")

    enter("김 마을", "19580402")  # the same person, typed a little differently
    expect(page.get_by_role("alert")).to_contain_text("이미 현장에서 투표했습니다")
    check_page(page, "refused second entry")

    # This assembly lets an on-site ballot replace an online pre-vote (현장투표 우선).
    enter("독산 주민", "1975-05-05", "010-9876-5432")
    expect(page.locator("main .messages")).to_contain_text("온라인 투표를 대신합니다")

    participations = Participation.objects.filter(vote=assembly)
    assert participations.count() == 2  # the pre-voter and 김마을, once each
    assert participations.get(user=resident).channel == "on_site"
    assert Ballot.objects.filter(vote=assembly).count() == 2
