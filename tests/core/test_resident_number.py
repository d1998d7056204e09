"""No 주민등록번호 is ever stored (개인정보 보호법 제24조의2, reliability.md test 24).

The pattern catches the number whatever stands between its halves; every service that
stores free text refuses it (one case per family of fields), and so do uploaded file names
and the staff's spreadsheet uploads. Nothing is saved when it refuses.
"""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from maeul.accounts import services as accounts
from maeul.core.errors import RuleViolation
from maeul.core.privacy import PHONE_NUMBER, RESIDENT_NUMBER, refuse_resident_number
from maeul.councils.models import (
    AgendaItem,
    CouncilEvent,
    CouncilMember,
    EventKind,
    Meeting,
    MeetingKind,
    MembershipApplication,
    Section,
)
from maeul.councils.services import agenda, events, members
from maeul.councils.services import recruitment as recruiting
from maeul.plans.models import ProgressUpdate, Project, SpendingEntry
from maeul.plans.services import planning, spending
from maeul.proposals.attachments import check_upload
from maeul.proposals.models import Answer, Comment, CommentReport, Decision, Proposal
from maeul.proposals.services import comments, review, writing
from maeul.voting.tabular import TableError, parse_option_rows, parse_postal_rows
from tests.councils import conftest as councils
from tests.korean import korean
from tests.plans import conftest as plans
from tests.proposals import conftest as proposals
from tests.voting import conftest as voting

# The fixtures of the apps whose services are checked here, shared by name.
now = councils.now
today = councils.today
doksan1_council = councils.doksan1_council
doksan1_sections = councils.doksan1_sections
doksan1_term = councils.doksan1_term
next_term = councils.next_term
recruitment = councils.recruitment
make_applicant = councils.make_applicant
year = plans.year
doksan1_plan = plans.doksan1_plan
project = plans.project
_media = plans._media
departments = proposals.departments
policy = proposals.policy
categories = proposals.categories
department_staff = proposals.department_staff
proposal = proposals.proposal
pb_vote = voting.pb_vote

RRN = "900101-1234567"
MESSAGE = "Please remove the resident registration number. Maeul must not store it."


@pytest.mark.parametrize(
    "text",
    [
        "9001011234567",
        "900101 1234567",
        "900101-1234567",
        "900101 - 1234567",
        "900101–1234567",  # en dash  # noqa: RUF001
        "900101—1234567",  # em dash
        "900101.1234567",
        "900101·1234567",
        "900101_1234567",
        "900101/1234567",
        "900101−1234567",  # minus sign  # noqa: RUF001
        "900101－1234567",  # full-width hyphen  # noqa: RUF001
        "050505-4123456",
        "900101-5123456",  # 외국인등록번호
        "제 번호는 900101-1234567 입니다",
    ],
)
def test_the_number_is_refused_whatever_the_separator(text):
    with pytest.raises(RuleViolation) as refused:
        refuse_resident_number("제목", text)

    assert refused.value.code == "resident_number"
    assert refused.value.message == korean(MESSAGE)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "010-1234-5678",
        "01012345678",
        "2026-03-15 19:00",
        "예산 12,345,678원",
        "901301-1234567",  # no 13th month
        "900132-1234567",  # no 32nd day
        "900101-9234567",  # not a gender digit
        "1900101-1234567",  # seven digits before the separator
        "900101-12345678",  # eight after
        "사업자등록번호 123-45-67890",
    ],
)
def test_what_only_looks_like_a_number_passes(text):
    refuse_resident_number(text)


def test_the_phone_pattern_finds_plain_mobile_numbers_not_masked_ones():
    assert PHONE_NUMBER.search("연락처 010-4821-3957")
    assert PHONE_NUMBER.search("01048213957")
    assert PHONE_NUMBER.search("010 4821 3957")
    assert not PHONE_NUMBER.search("010-****-3957")
    assert not PHONE_NUMBER.search("02-2627-2114")
    assert RESIDENT_NUMBER.search("a" + RRN + "b")


# --- Every family of free text --------------------------------------------------------------
def _display_name(get, now):
    resident = get("resident")
    accounts.update_profile(
        user=resident, display_name=RRN, birth_year=resident.birth_year, now=now
    )
    return lambda: get("resident").__class__.objects.filter(display_name=RRN).exists()


def _proposal(get, now):
    writing.submit_proposal(
        author=get("resident"),
        district=get("geumcheon"),
        dong=get("doksan1"),
        category=get("categories")["교통"],
        title="골목길 가로등",
        body=f"연락 주세요 {RRN}",
        now=now,
    )
    return lambda: Proposal.objects.filter(body__contains=RRN).exists()


def _comment(get, now):
    comments.add_comment(author=get("neighbour"), proposal=get("proposal"), body=RRN, now=now)
    return lambda: Comment.objects.exists()


def _report(get, now):
    comment = comments.add_comment(
        author=get("neighbour"), proposal=get("proposal"), body="좋아요", now=now
    )
    comments.report_comment(reporter=get("resident"), comment=comment, reason=RRN, now=now)
    return lambda: CommentReport.objects.exists()


def _answer(get, now):
    proposal = get("proposal")
    proposal.department = get("departments")["교통행정과"]
    proposal.status = "reviewing"
    proposal.save()
    review.answer_proposal(
        staff=get("department_staff"),
        proposal=proposal,
        decision=Decision.ACCEPTED,
        body=f"담당자 {RRN}",
        ip=None,
        now=now,
    )
    return lambda: Answer.objects.exists()


def _agenda_item(get, now):
    agenda.write_agenda_item(
        council=get("doksan1_council"),
        title="마을 축제",
        description=RRN,
        year=now.year,
        author=get("dong_staff"),
        now=now,
        ip=None,
    )
    return lambda: AgendaItem.objects.exists()


def _minutes(get, now):
    agenda.record_meeting(
        council=get("doksan1_council"),
        kind=MeetingKind.GENERAL,
        held_at=now - timedelta(hours=1),
        place="주민센터 3층",
        attendees=[],
        guests=0,
        minutes=f"참석자 {RRN}",
        staff=get("dong_staff"),
        now=now,
        ip=None,
    )
    return lambda: Meeting.objects.exists()


def _event(get, now):
    events.schedule_event(
        council=get("doksan1_council"),
        kind=EventKind.POLICY_SHARING,
        year=now.year,
        title="설명회",
        starts_at=now + timedelta(days=30),
        place="주민센터",
        agenda_items=[],
        description=RRN,
        staff=get("dong_staff"),
        now=now,
        ip=None,
    )
    return lambda: CouncilEvent.objects.exists()


def _application(get, now):
    recruiting.apply(
        recruitment=get("recruitment"),
        user=get("make_applicant")("지원자"),
        public_name="지원자",
        motivation=f"제 번호 {RRN}",
        now=now,
    )
    return lambda: MembershipApplication.objects.exists()


def _member(get, now):
    term = get("doksan1_term")
    members.add_member(
        term=term,
        public_name=RRN,
        role="member",
        section=None,
        route="open_call",
        joined_on=term.starts_on,
        staff=get("dong_staff"),
        now=now,
        ip=None,
    )
    return lambda: CouncilMember.objects.exists()


def _section(get, now):
    before = Section.objects.count()
    members.add_section(
        council=get("doksan1_council"), name=RRN, staff=get("dong_staff"), now=now, ip=None
    )
    return lambda: Section.objects.count() != before


def _payee(get, now):
    spending.record_spending(
        project=get("project"),
        spent_on=timezone.localdate(now),
        amount=10_000,
        payee=f"홍길동 {RRN}",
        purpose="간식",
        receipt=None,
        staff=get("dong_staff"),
        now=now,
        ip=None,
    )
    return lambda: SpendingEntry.objects.exists()


def _progress_note(get, now):
    spending.add_progress_update(
        project=get("project"),
        body=RRN,
        photo=None,
        photo_alt="",
        staff=get("dong_staff"),
        now=now,
        ip=None,
    )
    return lambda: ProgressUpdate.objects.exists()


def _project(get, now):
    plan = get("doksan1_plan")
    plan.status = "draft"
    plan.save()
    planning.add_project(
        plan=plan,
        title="새 사업",
        programme="resident_activity",
        budget_source="district",
        budget=1000,
        description=RRN,
        staff=get("dong_staff"),
        now=now,
        ip=None,
    )
    return lambda: Project.objects.filter(title="새 사업").exists()


def _outcome(get, now):
    planning.write_outcome(
        project=get("project"), outcome=RRN, staff=get("dong_staff"), now=now, ip=None
    )
    return lambda: Project.objects.filter(outcome__contains=RRN).exists()


def _file_name(get, now):
    check_upload(SimpleUploadedFile(f"{RRN}.png", plans.png_bytes(), content_type="image/png"))
    return lambda: False


FAMILIES = {
    "display name": _display_name,
    "proposal": _proposal,
    "comment": _comment,
    "comment report": _report,
    "official answer": _answer,
    "agenda item": _agenda_item,
    "meeting minutes": _minutes,
    "event": _event,
    "council application": _application,
    "council member": _member,
    "section": _section,
    "spending payee": _payee,
    "progress note": _progress_note,
    "project": _project,
    "project outcome": _outcome,
    "uploaded file name": _file_name,
}


@pytest.mark.parametrize("family", list(FAMILIES))
def test_every_service_that_stores_text_refuses_the_number(request, family, now):
    with pytest.raises(RuleViolation) as refused:
        saved = FAMILIES[family](request.getfixturevalue, now)
        pytest.fail(f"{family}: stored ({saved()})")

    assert refused.value.code == "resident_number"
    assert refused.value.message == korean(MESSAGE)


# --- The staff's spreadsheets (checked by the reader) -----------------------------------
# Vote options and batch labels are refused by their services, beside the field:
# tests/voting/test_staff_views.py.


def test_a_spreadsheet_with_the_number_in_any_cell_is_refused():
    data = f"기호,사업명,비용,제안자\n1,골목 화단,1000,{RRN}\n".encode()

    with pytest.raises(TableError) as refused:
        parse_option_rows(data, "options.csv")

    assert [(e.line, e.column) for e in refused.value.errors] == [(2, "제안자")]


def test_a_spreadsheet_whose_name_holds_the_number_is_refused():
    data = "기호,사업명,비용\n1,골목 화단,1000\n".encode()

    with pytest.raises(TableError) as refused:
        parse_option_rows(data, f"{RRN}.csv")
    with pytest.raises(TableError):
        parse_postal_rows(data, f"명단 {RRN}.csv", ballot_type="approval", option_numbers={1})

    assert refused.value.errors[0].message == korean(MESSAGE)
