"""내 정보 내려받기 is complete: every link from a row to an account is either in the export
or left out on purpose, with the reason.

An outsider checks the promise from the database's side: every concrete ForeignKey,
OneToOneField and ManyToManyField to the user model, in every installed app, must be in
COVERED (with the section that lists it) or in LEFT_OUT (with why). A new model with a link
to an account that nobody classified fails `test_every_link_to_an_account_is_classified`.
"""

import json
from datetime import date, time, timedelta

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.utils import timezone
from django.utils.translation import gettext

from maeul.archive.models import ArchiveRecord, RecordKind, RecordStatus
from maeul.consultations.models import (
    Argument,
    ArgumentReport,
    ArgumentSupport,
    Participation,
    Stance,
    TargetGroup,
)
from maeul.consultations.models import Registration as ForumRegistration
from maeul.core.access_log import record_access
from maeul.courses.models import (
    Attendance,
    CourseCertificate,
    Registration,
    RegistrationStatus,
    SatisfactionAnswer,
)
from maeul.grants.models import Application, CommunityGroup
from maeul.privacy.export import as_json, personal_data
from maeul.proposals.models import Comment, CommentReport
from maeul.proposals.services.comments import add_comment
from maeul.spaces.models import (
    AllocationRequest,
    AllocationRound,
    Booking,
    BookingStatus,
    ItemLoan,
    LoanStatus,
    SurveyAnswer,
)
from maeul.volunteering.models import (
    Certificate,
    ConsentChannel,
    GroupSignUp,
    GuardianConsent,
    HoursRecord,
    MemberRole,
    Membership,
    SignUpStatus,
    Volunteer,
    WorkProposal,
)
from tests.consultations.conftest import make_consultation
from tests.consultations.test_forums import make_forum
from tests.courses.conftest import add_sessions, make_programme, new_course
from tests.factories import UserFactory
from tests.grants.conftest import make_call, make_group
from tests.proposals.conftest import categories, departments, policy  # noqa: F401
from tests.proposals.factories import ProposalFactory
from tests.spaces.conftest import make_space
from tests.volunteering.conftest import make_activity, make_camp, make_shift, signed_up

pytestmark = pytest.mark.django_db

STAFF_WORK = "staff work: the office's record; the staff member finds it as their audit entries"

# (model label, field) -> the export's section (its English msgid) that lists the row.
COVERED = {
    ("account.EmailAddress", "user"): "E-mail addresses",
    ("socialaccount.SocialAccount", "user"): "Kakao and Naver log-ins",
    ("accounts.DongTie", "user"): "Dong ties",
    ("accounts.RoleAssignment", "user"): "Roles",
    ("privacy.ConsentRecord", "user"): "Consents",
    ("proposals.Proposal", "author"): "Proposals",
    ("proposals.Comment", "author"): "Comments",
    ("proposals.Support", "user"): "Supports",
    ("proposals.CommentReport", "reporter"): "Comments reported",
    ("voting.Participation", "user"): "Votes taken part in",
    ("consultations.Participation", "user"): "Consultations",
    ("consultations.Argument", "author"): "Debate",
    ("consultations.ArgumentSupport", "user"): "Arguments supported",
    ("consultations.ArgumentReport", "reporter"): "Arguments reported",
    ("consultations.Registration", "user"): "Forums",
    ("councils.CouncilMember", "user"): "Council memberships",
    ("councils.MembershipApplication", "user"): "Council applications",
    ("grants.CommunityGroup", "representative"): "Groups represented for grants",
    # Those of a group still represented are under the group.
    ("grants.Application", "representative"): "Grant applications for groups no longer represented",
    ("grants.Reviewer", "user"): "Grant review committees",
    ("spaces.Booking", "booker"): "Room bookings",
    ("spaces.ItemLoan", "borrower"): "Item loans",
    ("spaces.AllocationRequest", "representative"): "Regular use by clubs",
    ("courses.Registration", "user"): "My courses",
    ("courses.Attendance", "user"): "Course sessions attended",
    ("courses.SatisfactionAnswer", "user"): "Course satisfaction answers",
    ("volunteering.Volunteer", "user"): "My volunteering",
    ("volunteering.Membership", "user"): "Camps and clubs",
    ("volunteering.GuardianConsent", "user"): "Guardian's consent",
    ("volunteering.SignUp", "user"): "Shifts I signed up for",
    ("volunteering.GroupSignUp", "signed_up_by"): "Group sign-ups for volunteering",
    ("volunteering.HoursRecord", "user"): "Confirmed hours",
    ("volunteering.WorkProposal", "proposed_by"): "Work proposed",
    ("volunteering.Certificate", "user"): "Volunteer certificates",
    ("archive.ArchiveRecord", "author"): "Community records",
    ("core.Notification", "recipient"): "Notifications",
    ("core.AuditEntry", "actor"): "Actions recorded in the audit log",
    ("core.PersonalDataAccess", "subject"): "Staff access to my personal data",
}

# (model label, field) -> why the export leaves the link out.
LEFT_OUT = {
    ("admin.LogEntry", "user"): "back-office edits by staff; each is also an audit entry",
    ("core.TokenRevocation", "user"): "a security counter for API tokens, no data about anyone",
    ("core.PersonalDataAccess", "staff"): "a staff member's looks at other people's data",
    ("accounts.PhoneCode", "user"): "a short-lived verification code, deleted once used",
    ("privacy.Withdrawal", "user"): "made when the account closes: it can no longer sign in",
    ("accounts.User", "verified_by"): STAFF_WORK,
    ("accounts.DongTie", "confirmed_by"): STAFF_WORK,
    ("proposals.Proposal", "entered_by"): STAFF_WORK,
    ("proposals.Answer", "author"): STAFF_WORK,
    ("proposals.Comment", "hidden_by"): STAFF_WORK,
    ("voting.Vote", "created_by"): STAFF_WORK,
    ("voting.PaperBatch", "created_by"): STAFF_WORK,
    ("voting.PaperBatch", "confirmed_by"): STAFF_WORK,
    ("voting.Participation", "entered_by"): STAFF_WORK,
    ("voting.VoteResult", "counted_by"): STAFF_WORK,
    ("councils.AgendaItem", "created_by"): "written for the council, public; the audit entry "
    "with its fields is in the export",
    ("plans.SpendingEntry", "confirmed_by"): STAFF_WORK,
    ("plans.SpendingEntry", "entered_by"): STAFF_WORK,
    ("plans.ClosingLine", "closed_by"): STAFF_WORK,
    ("plans.ProgressUpdate", "written_by"): STAFF_WORK,
    ("grants.GrantCall", "created_by"): STAFF_WORK,
    ("grants.Application", "decided_by"): STAFF_WORK,
    ("grants.GrantAgreement", "created_by"): STAFF_WORK,
    ("grants.Disbursement", "recorded_by"): STAFF_WORK,
    ("grants.Reviewer", "added_by"): STAFF_WORK,
    ("grants.GrantExpense", "marked_by"): STAFF_WORK,
    ("grants.InterimCheck", "checked_by"): STAFF_WORK,
    ("grants.Settlement", "approved_by"): STAFF_WORK,
    ("spaces.SpacePhoto", "uploaded_by"): STAFF_WORK,
    ("consultations.Consultation", "created_by"): STAFF_WORK,
    ("consultations.Argument", "hidden_by"): STAFF_WORK,
    ("consultations.Forum", "created_by"): STAFF_WORK,
    ("consultations.TableNote", "created_by"): STAFF_WORK,
    ("consultations.Process", "created_by"): STAFF_WORK,
    ("consultations.FieldSuggestion", "recorded_by"): STAFF_WORK,
    ("courses.Course", "created_by"): STAFF_WORK,
    ("courses.Attendance", "recorded_by"): STAFF_WORK,
    ("archive.Resource", "recorded_by"): STAFF_WORK,
    ("archive.ArchiveRecord", "approved_by"): STAFF_WORK,
    ("archive.Exhibition", "curated_by"): STAFF_WORK,
    ("volunteering.GroupSignUp", "confirmed_by"): "staff's or a leader's confirmation of "
    "another group's attendance",
    ("volunteering.HoursRecord", "confirmed_by"): "staff's or a leader's confirmation of "
    "another person's hours",
}


def links_to_accounts() -> set[tuple[str, str]]:
    """Every concrete ForeignKey, OneToOneField and ManyToManyField to the user model."""
    user_model = get_user_model()
    return {
        (model._meta.label, field.name)
        for model in apps.get_models()
        if not model._meta.proxy
        for field in model._meta.get_fields(include_parents=False)
        if field.concrete and field.is_relation and field.related_model is user_model
    }


def test_every_link_to_an_account_is_classified():
    links = links_to_accounts()

    unclassified = links - COVERED.keys() - LEFT_OUT.keys()
    assert not unclassified, f"say whether the export lists these, and why not: {unclassified}"
    assert not COVERED.keys() & LEFT_OUT.keys()
    assert not (COVERED.keys() | LEFT_OUT.keys()) - links, "a classified link no longer exists"
    assert all(reason.strip() for reason in LEFT_OUT.values())


def test_every_covered_section_is_in_the_export(resident):
    data = personal_data(user=resident, now=timezone.now())

    missing = {section for section in COVERED.values() if gettext(section) not in data}
    assert not missing


# --- One resident with a row in every section added for the newer apps ----------------------

NEW_SECTIONS = [
    "Comments reported",
    "Consultations",
    "Debate",
    "Arguments supported",
    "Arguments reported",
    "Forums",
    "Grant applications for groups no longer represented",
    "Room bookings",
    "Item loans",
    "Regular use by clubs",
    "My courses",
    "Course sessions attended",
    "Course satisfaction answers",
    "My volunteering",
    "Camps and clubs",
    "Guardian's consent",
    "Shifts I signed up for",
    "Group sign-ups for volunteering",
    "Confirmed hours",
    "Work proposed",
    "Volunteer certificates",
    "Community records",
    "Staff access to my personal data",
]


class Places:
    """What both people's rows hang on: a room and an item, a consultation and a forum, a
    course, a camp's activity, a grant call, a proposal; created once."""

    def __init__(self, *, district, dong, staff, now):
        self.now = now
        self.district, self.dong, self.staff = district, dong, staff
        space = make_space(dong, "독산1동 마을활력소")
        self.room = space.rooms.create(name="공유회의실", capacity=10, room_type="meeting")
        self.item = space.items.create(name="공구세트", stock=2, deposit=10_000)
        self.round = AllocationRound.objects.create(
            room=self.room,
            name="2026 상반기",
            starts_on=date(2026, 3, 1),
            ends_on=date(2026, 8, 31),
            created_at=now,
        )
        self.consultation = make_consultation(district, staff, now=now)
        self.forum = make_forum(district, staff, now=now)
        self.course = new_course(make_programme(district), dong)
        self.session = add_sessions(self.course, 1, now - timedelta(days=3))[0]
        self.camp = make_camp(dong)
        activity = make_activity(self.camp)
        self.shift = make_shift(activity, day=3)
        self.past_shift = make_shift(activity, day=-3)
        self.call = make_call(district)
        self.proposal = ProposalFactory(district=district, dong=dong, title="마을 제안")


def leave_traces(person, other, tag: str, places: Places, n: int) -> None:
    """`person` leaves one row in every new section; the free texts carry `tag`. Their
    support and reports are of `other`'s argument and comment."""
    now = places.now
    booking = Booking.objects.create(
        room=places.room,
        booker=person,
        purpose=f"{tag} 모임",
        headcount=3,
        starts_at=now + timedelta(days=n, hours=1),
        ends_at=now + timedelta(days=n, hours=2),
        status=BookingStatus.USED,
        check_in_code=f"12345{n}",
        created_at=now,
    )
    SurveyAnswer.objects.create(booking=booking, rating=5, comment=f"{tag} 후기", answered_at=now)
    ItemLoan.objects.create(
        item=places.item, borrower=person, status=LoanStatus.OUT, requested_at=now, deposit=10_000
    )
    AllocationRequest.objects.create(
        round=places.round,
        group_name=f"{tag} 동아리",
        representative=person,
        weekday=n,
        starts=time(19),
        ends=time(21),
        headcount=10,
        created_at=now,
    )
    Participation.objects.create(
        consultation=places.consultation, user=person, answered_on=now.date()
    )
    Argument.objects.create(
        consultation=places.consultation,
        author=person,
        stance=Stance.FOR,
        body=f"{tag} 의견",
        created_at=now,
    )
    ForumRegistration.objects.create(
        forum=places.forum,
        user=person,
        target_group=TargetGroup.YOUTH,
        status="registered",
        created_at=now,
    )
    registration = Registration.objects.create(
        course=places.course,
        user=person,
        status=RegistrationStatus.REGISTERED,
        created_at=now,
        completion_work=f"{tag} 과제",
        completed_at=now,
    )
    CourseCertificate.objects.create(
        registration=registration, number=f"C2026-{n:05d}", issued_at=now
    )
    Attendance.objects.create(session=places.session, user=person, recorded_at=now)
    SatisfactionAnswer.objects.create(
        session=places.session, user=person, score=5, comment=f"{tag} 만족", created_at=now
    )
    Volunteer.objects.create(user=person, portal_id=f"portal{n}", created_at=now)
    Membership.objects.create(user=person, camp=places.camp, role=MemberRole.MEMBER, joined_at=now)
    GuardianConsent.objects.create(
        user=person,
        guardian_name=f"{tag} 보호자",
        relation="어머니",
        consented_on=now.date(),
        channel=ConsentChannel.PAPER,
        recorded_at=now,
    )
    waiting = signed_up(places.shift, person)
    waiting.status = SignUpStatus.WAITING
    waiting.save()
    GroupSignUp.objects.create(
        shift=places.shift,
        organisation=f"{tag} 회사",
        head_count=5,
        contact_name=f"{tag} 담당자",
        contact="02-2627-0000",
        signed_up_by=person,
        signed_up_at=now,
    )
    HoursRecord.objects.create(
        shift=places.past_shift,
        user=person,
        sign_up=signed_up(places.past_shift, person),
        minutes=120,
        confirmed_by=places.staff,
        confirmed_at=now,
    )
    WorkProposal.objects.create(
        camp=places.camp,
        title=f"{tag} 일감",
        meeting_on=now.date(),
        proposed_by=person,
        created_at=now,
    )
    Certificate.objects.create(
        number=f"V2026-{n:05d}",
        user=person,
        starts_on=now.date(),
        ends_on=now.date(),
        minutes=120,
        records=1,
        issued_at=now,
    )
    ArchiveRecord.objects.create(
        title=f"{tag} 기록",
        kind=RecordKind.TEXT,
        status=RecordStatus.SUBMITTED,
        district=places.district,
        year=2026,
        author=person,
        created_at=now,
    )
    group = make_group(person, places.dong, f"{tag} 모임")
    Application.objects.create(
        call=places.call,
        group=group,
        title=f"{tag} 사업",
        dong=places.dong,
        amount=3_000_000,
        representative=person,
        created_at=now,
        updated_at=now,
    )
    # The group has another representative now: the application stays the person's.
    CommunityGroup.objects.filter(pk=group.pk).update(representative=UserFactory())
    record_access(
        staff=places.staff,
        subject=person,
        action="view",
        what="account page",
        reason=f"{tag} 본인 확인",
        ip="10.0.0.1",
        now=now,
    )
    add_comment(author=person, proposal=places.proposal, body=f"{tag} 댓글", now=now)


def report_and_support_the_other(person, other, tag: str, now) -> None:
    """`person` supports and reports `other`'s argument and reports their comment."""
    argument = Argument.objects.get(author=other)
    ArgumentSupport.objects.create(argument=argument, user=person, created_at=now)
    ArgumentReport.objects.create(
        argument=argument, reporter=person, reason=f"{tag} 신고", created_at=now
    )
    CommentReport.objects.create(
        comment=Comment.objects.get(author=other),
        reporter=person,
        reason=f"{tag} 댓글 신고",
        created_at=now,
    )


@pytest.fixture
def traces(resident, neighbour, geumcheon, doksan1, district_staff, categories):  # noqa: F811
    places = Places(district=geumcheon, dong=doksan1, staff=district_staff, now=timezone.now())
    leave_traces(resident, neighbour, "독산", places, 1)
    leave_traces(neighbour, resident, "가산비밀", places, 2)
    report_and_support_the_other(resident, neighbour, "독산", places.now)
    report_and_support_the_other(neighbour, resident, "가산비밀", places.now)
    return places


def test_each_new_section_lists_the_residents_row_and_nothing_of_the_neighbour(
    traces, resident, neighbour
):
    data = json.loads(as_json(personal_data(user=resident, now=traces.now)))
    raw = json.dumps(data, ensure_ascii=False)

    def section(msgid: str) -> list:
        return data[gettext(msgid)]

    def values(msgid: str, label: str) -> list:
        return [row[gettext(label)] for row in section(msgid)]

    for msgid in NEW_SECTIONS:
        assert section(msgid), msgid
    assert values("Room bookings", "What for") == ["독산 모임"]
    assert section("Room bookings")[0][gettext("Survey")][gettext("Opinion")] == "독산 후기"
    assert values("Item loans", "Deposit (won)") == [10_000]
    assert values("Regular use by clubs", "Group name") == ["독산 동아리"]
    assert values("Consultations", "Consultation") == [traces.consultation.title]
    assert set(section("Consultations")[0]) == {gettext("Consultation"), gettext("Answered on")}
    assert values("Debate", "Text") == ["독산 의견"]
    assert values("Arguments reported", "Reason") == ["독산 신고"]
    assert values("Forums", "Forum") == [traces.forum.title]
    assert values("My courses", "Completion work") == ["독산 과제"]
    assert values("My courses", "Certificate number") == ["C2026-00001"]
    assert values("Course satisfaction answers", "Opinion") == ["독산 만족"]
    assert values("My volunteering", "1365 portal ID") == ["portal1"]
    assert values("Guardian's consent", "Relation to you") == ["어머니"]
    assert values("Shifts I signed up for", "Status") == [
        gettext("Signed up"),  # the past shift, its hours confirmed
        gettext("On the waiting list"),
    ]
    assert values("Group sign-ups for volunteering", "Company or organisation") == ["독산 회사"]
    assert values("Confirmed hours", "Minutes credited") == [120]
    assert values("Work proposed", "Title") == ["독산 일감"]
    assert values("Volunteer certificates", "Certificate number") == ["V2026-00001"]
    assert values("Community records", "Title") == ["독산 기록"]
    assert values("Grant applications for groups no longer represented", "Project title") == [
        "독산 사업"
    ]
    assert values("Comments reported", "Reason") == ["독산 댓글 신고"]
    assert values("Staff access to my personal data", "Reason") == ["독산 본인 확인"]
    # Nothing of the neighbour, nor another person's name: not the guardian, the group's
    # contact, the staff member who looked, or the writing the resident supported or reported.
    for foreign in ("가산비밀", "neighbour@example.kr", "독산 보호자", "독산 담당자", "10.0.0.1"):
        assert foreign not in raw, foreign
    assert traces.staff.display_name not in raw
    # The neighbour's rows exist, in the neighbour's own export.
    assert "가산비밀 모임" in as_json(personal_data(user=neighbour, now=traces.now))
