"""Proposals (issue 3) in a real browser: a new resident's journey, the staff desk,
keyboard-only support, and script that must stay inert.

A new resident signs up, confirms the e-mail, verifies by phone, writes a proposal with a
photo (the similar-proposals box appears while the title is typed), supports another
resident's proposal, comments, and is told of the official answer. District staff answer,
moderate a reported comment, merge a duplicate and enter a street-booth proposal. Every
page visited is Korean and free of serious or critical axe-core violations.
"""

import re
from pathlib import Path

import pytest
from django.core import mail
from django.utils import timezone, translation
from PIL import Image
from playwright.sync_api import Dialog, Locator, Page, expect

from maeul.accounts.models import User
from maeul.accounts.verification.sms import OutboxSMSBackend
from maeul.places.models import Department, District, Dong
from maeul.proposals.models import Category, Channel, Comment, Proposal, Status, Support
from maeul.proposals.services.comments import add_comment, report_comment
from maeul.proposals.services.review import answer_proposal, assign_department
from maeul.proposals.services.support import support_proposal
from maeul.proposals.services.writing import submit_proposal
from tests.browser.support import (
    assert_accessible,
    assert_korean_page,
    confirmation_path,
    fill_sign_up_consents,
    force_login,
    labelled,
    last_sms_code,
    main_button,
    tab_to,
)
from tests.conftest import PASSWORD
from tests.proposals.conftest import (  # noqa: F401  (fixtures used by name)
    categories,
    department_staff,
    departments,
    make_verified,
    policy,
)

pytestmark = pytest.mark.browser

NEW_EMAIL = "haneul@example.kr"
NEW_PASSWORD = "siheung-stream-3141"
NEW_PHONE = "010-3456-7890"

SUPPORT = "이 제안에 공감하기"
TAKE_BACK = "공감함 · 취소하기"
SUPPORTED_NOTICE = "이 제안에 공감했습니다."
TAKEN_BACK_NOTICE = "공감을 취소했습니다."

SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
JS_LINK = "[x](javascript:alert(1))"


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path: Path) -> None:
    """Uploaded photos go to a temporary directory, not the shared var/media."""
    settings.MEDIA_ROOT = tmp_path / "media"


# --- helpers ---------------------------------------------------------------------------


def check_page(page: Page, where: str) -> None:
    assert_korean_page(page)
    assert_accessible(page, where)


def menu(page: Page) -> Locator:
    return page.locator("header nav")


def log_in(page: Page, email: str, password: str = PASSWORD) -> None:
    page.goto("/accounts/login/")
    labelled(page, "login").fill(email)
    labelled(page, "password").fill(password)
    main_button(page, "로그인").click()
    expect(menu(page).get_by_role("button", name="로그아웃")).to_be_visible()


def expect_message(page: Page, text: str) -> None:
    expect(page.locator("main .messages")).to_contain_text(text)


def sign_up_and_verify(
    page: Page, email: str, password: str, phone: str, dong: str, birth_date: str = "1988-07-14"
) -> None:
    """Sign-up, e-mail confirmation, a dong tie and phone verification, as test_journey does
    (that test checks each of these pages with axe; here they are only passed through)."""
    page.goto("/")
    menu(page).get_by_role("link", name="회원가입").click()
    labelled(page, "email").fill(email)
    labelled(page, "password1").fill(password)
    labelled(page, "password2").fill(password)
    fill_sign_up_consents(page)
    main_button(page, "회원가입").click()
    expect(page).to_have_url(re.compile(r"/accounts/confirm-email/$"))

    page.goto(confirmation_path(mail.outbox, email))
    main_button(page, re.compile("확인")).click()
    if "/accounts/login/" in page.url:
        labelled(page, "login").fill(email)
        labelled(page, "password").fill(password)
        main_button(page, "로그인").click()

    menu(page).get_by_role("link", name="내 정보").click()
    labelled(page, "dong").select_option(label=f"금천구 {dong}")
    labelled(page, "kind").select_option(value="lives")
    main_button(page, "동 추가").click()
    expect(page.get_by_role("main").get_by_role("listitem").filter(has_text=dong)).to_have_count(1)

    page.get_by_role("main").get_by_role("link", name=re.compile("휴대전화")).click()
    labelled(page, "name").fill("한새봄")
    labelled(page, "birth_date").fill(birth_date)
    labelled(page, "phone").fill(phone)
    main_button(page, "인증번호 받기").click()
    expect(page).to_have_url(re.compile(r"/me/verify/code/$"))
    labelled(page, "code").fill(last_sms_code(OutboxSMSBackend.outbox, phone))
    main_button(page, "인증하기").click()
    expect(
        page.get_by_role("region", name="본인인증").get_by_text("인증됨", exact=True)
    ).to_be_visible()
    assert User.objects.get(email=email).is_verified


def small_png(tmp_path: Path, name: str = "golmok.png") -> Path:
    path = tmp_path / name
    Image.new("RGB", (64, 48), (30, 120, 200)).save(path, format="PNG")
    return path


def propose(author: User, dong: Dong, category: Category, title: str, body: str) -> Proposal:
    """A published proposal written through the service, so it is indexed for search."""
    return submit_proposal(
        author=author,
        district=dong.district,
        dong=dong,
        category=category,
        title=title,
        body=body,
        now=timezone.now(),
    )


def support_box(page: Page) -> Locator:
    return page.locator("#support-box")


def expect_notice(page: Page, text: str) -> None:
    """The outcome is announced: in the support box's live region when htmx swapped it, or
    in the page's messages when the form was posted without it (a key pressed before htmx
    had wired the swapped-in form; the form works either way by design)."""
    announced = support_box(page).get_by_role("status").filter(has_text=text)
    expect(announced.or_(page.locator("main .messages").filter(has_text=text))).to_be_visible()


def expect_image_loaded(image: Locator) -> None:
    expect(image).to_be_visible()
    image.scroll_into_view_if_needed()
    width = image.evaluate("img => img.decode().then(() => img.naturalWidth)")
    assert width == 64, f"the attached photo did not load (naturalWidth={width})"


def watch_dialogs(page: Page) -> list[str]:
    dialogs: list[str] = []

    def on_dialog(dialog: Dialog) -> None:
        dialogs.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", on_dialog)
    return dialogs


# --- 1. a new resident -----------------------------------------------------------------


def test_new_resident_proposes_supports_comments_and_hears_the_answer(
    live_server,
    page: Page,
    tmp_path: Path,
    categories: dict[str, Category],  # noqa: F811
    departments: dict[str, Department],  # noqa: F811
    department_staff: User,  # noqa: F811
    neighbour: User,
    gasan: Dong,
):
    parking = propose(
        neighbour,
        gasan,
        categories["교통"],
        "공영주차장을 늘려 주세요",
        "가산동 주택가는 저녁마다 주차할 곳이 없습니다.",
    )

    sign_up_and_verify(page, NEW_EMAIL, NEW_PASSWORD, NEW_PHONE, "독산1동")
    me = User.objects.get(email=NEW_EMAIL)

    # The list, then "write a proposal".
    menu(page).get_by_role("link", name="제안", exact=True).click()
    expect(page).to_have_url(re.compile(r"/proposals/$"))
    check_page(page, "proposal list")
    page.get_by_role("main").get_by_role("link", name="제안하기").click()
    expect(page).to_have_url(re.compile(r"/proposals/new/$"))
    check_page(page, "new proposal")

    # A near-duplicate title: the similar-proposals box appears (htmx) and is announced.
    labelled(page, "title").fill("독산동에도 공영주차장을 늘려 주세요")
    similar = page.locator("#similar")
    expect(similar.get_by_role("status")).to_contain_text("비슷한 제안이 이미 있습니다")
    expect(similar.get_by_role("link", name=parking.title)).to_have_attribute(
        "href", parking.get_absolute_url()
    )
    assert_accessible(page, "new proposal with similar proposals shown")

    # The rest of the form, with a real PNG.
    labelled(page, "title").fill("독산1동 골목길에 가로등을 더 달아 주세요")
    labelled(page, "category").select_option(label="안전")
    labelled(page, "dong").select_option(label="독산1동")
    labelled(page, "place").fill("독산로 ○○ 앞 골목")
    labelled(page, "body").fill(
        "밤 9시만 지나도 골목이 **너무 어둡습니다**.\n\n- 가로등 두 개\n- 반사경 하나"
    )
    labelled(page, "attachments").set_input_files(small_png(tmp_path))
    main_button(page, "제안 등록").click()

    expect(page).to_have_url(re.compile(r"/proposals/\d+/$"))
    mine = Proposal.objects.get(author=me)
    assert page.url.endswith(mine.get_absolute_url())
    assert mine.status == Status.PUBLISHED and mine.attachments.count() == 1
    expect_message(page, "제안이 접수되었습니다")
    expect(page.get_by_role("heading", level=1)).to_have_text(mine.title)
    expect(page.locator("main .prose strong")).to_have_text("너무 어둡습니다")
    expect_image_loaded(page.get_by_role("img", name="첨부 사진: golmok.png"))
    check_page(page, "my new proposal")

    # Another resident's proposal: support it (htmx swap, announced in the live region).
    page.goto(parking.get_absolute_url())
    check_page(page, "another resident's proposal")
    expect(support_box(page)).to_contain_text("공감 0")
    support_box(page).get_by_role("button", name=SUPPORT).click()
    expect(support_box(page).locator(".support-count")).to_contain_text("공감 1")
    expect(support_box(page).get_by_role("status")).to_have_text(SUPPORTED_NOTICE)
    expect(support_box(page).get_by_role("button", name=TAKE_BACK)).to_have_attribute(
        "aria-pressed", "true"
    )
    assert Support.objects.filter(proposal=parking, user=me).count() == 1
    parking.refresh_from_db()
    assert parking.support_count == 1
    assert_accessible(page, "after supporting")

    # Comment on it.
    labelled(page, "body").fill("저도 매일 저녁 주차할 곳을 찾느라 20분씩 돕니다.")
    main_button(page, "댓글 등록").click()
    expect_message(page, "댓글을 등록했습니다.")
    comment = Comment.objects.get(proposal=parking, author=me)
    expect(page.locator(f"#comment-{comment.pk}")).to_contain_text("20분씩 돕니다")
    check_page(page, "after commenting")

    # The district answers the resident's own proposal (server side, in Korean as staff do).
    with translation.override("ko"):
        now = timezone.now()
        mine = assign_department(
            staff=department_staff,
            proposal=mine,
            department=departments["교통행정과"],
            ip=None,
            now=now,
        )
        answer_proposal(
            staff=department_staff,
            proposal=mine,
            decision="accepted",
            body="다음 달까지 **가로등 2개**를 설치하겠습니다.",
            ip=None,
            now=now,
        )

    # The header tells of it; the notification leads to the official answer.
    page.goto("/proposals/")
    notifications = menu(page).get_by_role("link", name="알림(새 알림 1건)")
    expect(notifications).to_be_visible()
    notifications.click()
    expect(page).to_have_url(re.compile(r"/me/notifications/$"))
    check_page(page, "notifications")
    note = page.get_by_role("main").get_by_role("link", name=re.compile("답변이 등록되었습니다"))
    expect(note).to_contain_text("수용")
    note.click()
    expect(page).to_have_url(re.compile(re.escape(mine.get_absolute_url()) + "$"))
    answer = page.get_by_role("region", name=re.compile("공식 답변"))
    expect(answer).to_contain_text("수용")
    expect(answer.locator("strong")).to_have_text("가로등 2개")
    expect(answer).to_contain_text("교통행정과")
    check_page(page, "my proposal with its answer")


# --- 2. district staff -----------------------------------------------------------------


def test_district_staff_answer_moderate_merge_and_enter_an_offline_proposal(
    live_server,
    page: Page,
    categories: dict[str, Category],  # noqa: F811
    department_staff: User,  # noqa: F811
    make_verified,  # noqa: F811
    resident: User,
    neighbour: User,
    doksan1: Dong,
    geumcheon: District,
):
    now = timezone.now()
    streetlight = propose(
        resident,
        doksan1,
        categories["교통"],
        "독산로 버스정류장에 그늘막을",
        "여름에 너무 덥습니다.",
    )
    target = propose(
        resident,
        doksan1,
        categories["교통"],
        "시흥대로 횡단보도 신호를 길게 해 주세요",
        "어르신들이 다 건너기 전에 신호가 바뀝니다.",
    )
    duplicate = propose(
        neighbour,
        doksan1,
        categories["교통"],
        "시흥대로 횡단보도 보행 신호 시간 연장",
        "신호가 너무 짧습니다.",
    )
    both, dup_only, target_only = make_verified(3)
    for person, proposals in [
        (both, [target, duplicate]),
        (dup_only, [duplicate]),
        (target_only, [target]),
    ]:
        for proposal in proposals:
            support_proposal(proposal=proposal, user=person, now=now)
    rude = add_comment(
        author=neighbour, proposal=streetlight, body="이런 제안은 쓸데없다 바보들아", now=now
    )
    report_comment(reporter=resident, comment=rude, reason="모욕적인 표현", now=now)

    log_in(page, department_staff.email)
    menu(page).get_by_role("link", name="담당자 메뉴").click()
    expect(page).to_have_url(re.compile(r"/staff/$"))
    check_page(page, "staff home")

    # The queue, then the desk of a newly received proposal.
    page.get_by_role("main").get_by_role("link", name="처리할 제안").click()
    expect(page).to_have_url(re.compile(r"/staff/proposals/$"))
    check_page(page, "staff queue")
    page.get_by_role("navigation", name=re.compile(".")).get_by_role(
        "link", name=re.compile("새로 접수됨")
    ).click()
    expect(page).to_have_url(re.compile(r"tab=new"))
    check_page(page, "staff queue, newly received")
    page.get_by_role("main").get_by_role("link", name=streetlight.title).click()
    expect(page).to_have_url(re.compile(rf"/staff/proposals/{streetlight.pk}/$"))
    check_page(page, "staff desk")

    # Assign to the reviewing department, then publish the answer through the form.
    labelled(page, "department").select_option(label="금천구 교통행정과")
    main_button(page, "배정").click()
    expect_message(page, "제안을 부서에 배정했습니다.")
    labelled(page, "decision").select_option(label="일부수용")
    labelled(page, "body").fill("그늘막은 올해 안에 설치하고, 버스정류장 개선은 내년에 검토합니다.")
    main_button(page, "답변 공개").click()
    expect_message(page, "답변을 공개했습니다.")
    check_page(page, "staff desk after answering")
    streetlight.refresh_from_db()
    assert streetlight.status == Status.ANSWERED
    assert streetlight.answer.author == department_staff
    page.get_by_role("main").get_by_role("link", name="공개 페이지").click()
    answer = page.get_by_role("region", name=re.compile("공식 답변"))
    expect(answer).to_contain_text("일부수용")
    expect(answer).to_contain_text("그늘막은 올해 안에 설치하고")
    check_page(page, "public page with the staff answer")

    # Moderation: hide the reported comment with a reason, shown on the public page.
    page.goto("/staff/")
    page.get_by_role("main").get_by_role("link", name="신고된 댓글").click()
    expect(page).to_have_url(re.compile(r"/staff/moderation/$"))
    check_page(page, "moderation queue")
    card = page.get_by_role("article").filter(has_text="바보들아")
    expect(card).to_contain_text("모욕적인 표현")
    card.get_by_label("사유(공개됩니다)").fill("다른 주민을 모욕하는 표현")
    card.get_by_role("button", name="댓글 숨기기").click()
    expect_message(page, "댓글을 숨겼습니다.")
    expect(page.get_by_role("article").filter(has_text="바보들아")).to_have_count(0)
    check_page(page, "moderation queue after hiding")
    rude.refresh_from_db()
    assert rude.is_hidden
    page.goto(streetlight.get_absolute_url())
    hidden = page.locator(f"#comment-{rude.pk}")
    expect(hidden).to_have_text(
        re.compile(r"담당자가 이 댓글을 숨겼습니다\. 사유: 다른 주민을 모욕하는 표현")
    )
    expect(page.get_by_role("main")).not_to_contain_text("바보들아")
    check_page(page, "public page with a hidden comment")

    # Merge the duplicate into the target: supports move, nobody counts twice.
    page.goto(f"/staff/proposals/{duplicate.pk}/")
    check_page(page, "desk of the duplicate")
    labelled(page, "target").fill(str(target.pk))
    main_button(page, "합치기").click()
    expect_message(page, "제안을 합쳤습니다.")
    check_page(page, "desk after merging")
    duplicate.refresh_from_db()
    target.refresh_from_db()
    assert duplicate.status == Status.MERGED and duplicate.merged_into == target
    assert duplicate.support_count == 0
    assert not Support.objects.filter(proposal=duplicate).exists()
    supporters = list(Support.objects.filter(proposal=target).values_list("user_id", flat=True))
    assert sorted(supporters) == sorted([both.pk, dup_only.pk, target_only.pk])
    assert target.support_count == 3
    page.goto(duplicate.get_absolute_url())
    expect(page.get_by_role("main")).to_contain_text("이 제안은 비슷한 제안과 합쳐졌고")
    page.get_by_role("main").get_by_role("link", name=target.title).click()
    expect(support_box(page).locator(".support-count")).to_contain_text("공감 3")
    check_page(page, "merged-into proposal")

    # An offline proposal from the street booth, marked with its channel.
    page.goto("/staff/proposals/")
    page.get_by_role("main").get_by_role("link", name="현장 제안 입력").click()
    expect(page).to_have_url(re.compile(r"/staff/proposals/new/$"))
    check_page(page, "offline proposal form")
    labelled(page, "channel").select_option(value=Channel.STREET_BOOTH)
    labelled(page, "title").fill("독산1동 주민센터 앞 벤치를 놓아 주세요")
    labelled(page, "category").select_option(label="복지")
    labelled(page, "dong").select_option(label="독산1동")
    labelled(page, "body").fill("동에 번쩍 부스에서 받은 한 줄 제안: 어르신들이 쉴 곳이 없습니다.")
    main_button(page, "제안 입력").click()
    expect(page).to_have_url(re.compile(r"/proposals/\d+/$"))
    expect_message(page, "제안을 입력했습니다.")
    offline = Proposal.objects.get(title="독산1동 주민센터 앞 벤치를 놓아 주세요")
    assert offline.channel == Channel.STREET_BOOTH and offline.district == geumcheon
    expect(page.locator("main .meta")).to_contain_text("거리 부스(동에 번쩍)")
    check_page(page, "offline proposal")
    page.goto(f"/proposals/?channel={Channel.STREET_BOOTH}")
    card = page.locator("main .proposal-card").filter(has_text=offline.title)
    expect(card).to_contain_text("거리 부스(동에 번쩍)")
    expect(page.locator("main .proposal-card")).to_have_count(1)
    check_page(page, "list of street-booth proposals")


# --- 3. keyboard only ------------------------------------------------------------------


def test_keyboard_only_support_and_take_back(
    live_server,
    page: Page,
    categories: dict[str, Category],  # noqa: F811
    resident: User,
    neighbour: User,
    gasan: Dong,
):
    parking = propose(
        neighbour, gasan, categories["교통"], "공영주차장을 늘려 주세요", "주차할 곳이 없습니다."
    )
    force_login(page.context, resident, live_server.url)
    page.goto(parking.get_absolute_url())

    tab_to(page, main_button(page, SUPPORT))
    page.keyboard.press("Enter")
    expect(main_button(page, TAKE_BACK)).to_be_visible()
    expect_notice(page, SUPPORTED_NOTICE)
    assert Support.objects.filter(proposal=parking, user=resident).exists()

    tab_to(page, main_button(page, TAKE_BACK), backwards=True)
    page.keyboard.press("Space")
    expect(main_button(page, SUPPORT)).to_be_visible()
    expect_notice(page, TAKEN_BACK_NOTICE)
    assert not Support.objects.filter(proposal=parking, user=resident).exists()
    parking.refresh_from_db()
    assert parking.support_count == 0


# --- 4. script stays inert -------------------------------------------------------------


def test_script_in_titles_bodies_and_comments_stays_inert(
    live_server,
    page: Page,
    categories: dict[str, Category],  # noqa: F811
    resident: User,
    neighbour: User,
    doksan1: Dong,
):
    payloads = f"{SCRIPT}\n\n{IMG}\n\n{JS_LINK}\n\n<iframe src=javascript:alert(1)></iframe>"
    title = f"가로등 {SCRIPT}{IMG}"
    evil = propose(
        resident, doksan1, categories["안전"], title, f"밤길이 어둡습니다.\n\n{payloads}"
    )
    add_comment(author=neighbour, proposal=evil, body=f"동의합니다 {payloads}", now=timezone.now())
    dialogs = watch_dialogs(page)

    page.goto("/proposals/")
    expect(page.get_by_role("main").get_by_role("link", name=title)).to_be_visible()
    check_page(page, "list with a script title")

    page.goto(evil.get_absolute_url())
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    main = page.get_by_role("main")
    expect(main.locator(".prose").first).to_contain_text("밤길이 어둡습니다")
    expect(main.locator("script, iframe, img[src=x]")).to_have_count(0)
    expect(main.locator("a[href^='javascript' i]")).to_have_count(0)
    check_page(page, "detail with script in body and comment")

    # The similar-proposals fragment (swapped in by htmx) shows the title as text too.
    force_login(page.context, neighbour, live_server.url)
    page.goto("/proposals/new/")
    labelled(page, "title").fill("가로등 설치")
    expect(page.locator("#similar").get_by_role("link", name=title)).to_be_visible()
    expect(page.locator("#similar script, #similar img")).to_have_count(0)
    assert_accessible(page, "similar proposals with a script title")

    page.wait_for_timeout(200)  # an error handler would have fired by now
    assert dialogs == [], f"script ran: {dialogs}"
