"""회원 탈퇴 erases what it promises: checked from the database's side, as an attacker would.

Every link from a row to an account is classified in ERASURE (what the erasure does to the
row, and why); a new model with a link to an account that nobody classified fails
`test_every_link_to_an_account_says_what_the_erasure_does`. One resident leaves a row in
every newer app (the builders of `test_export_complete`), closes the account through the
real services, and then no value that is theirs is left in any column of any table, while
the neighbour's rows are untouched.
"""

from datetime import timedelta

import pytest
from django.apps import apps
from django.core.files.base import ContentFile
from django.utils import timezone

from maeul.archive.models import ArchiveRecord, RecordKind, RecordPhoto, RecordStatus
from maeul.consultations.models import Registration as ForumRegistration
from maeul.consultations.models import RegistrationStatus as ForumStatus
from maeul.consultations.models import TargetGroup
from maeul.core.models import Notification
from maeul.courses.models import Registration as CourseRegistration
from maeul.courses.models import RegistrationStatus
from maeul.privacy.services import erase_due_accounts, withdraw_account
from maeul.spaces.models import Booking, BookingSlot, BookingStatus
from maeul.volunteering.models import GroupSignUp, SignUp, SignUpStatus, Volunteer
from tests.consultations.test_forums import make_forum
from tests.courses.conftest import add_sessions, make_programme, new_course
from tests.korean import korean
from tests.privacy.test_export_complete import (
    LEFT_OUT,
    STAFF_WORK,
    links_to_accounts,
)
from tests.privacy.test_export_complete import traces as traces  # the fixture
from tests.proposals.conftest import categories, departments, policy  # noqa: F401
from tests.spaces.conftest import make_space
from tests.volunteering.conftest import NOW, make_activity, make_camp, make_shift, signed_up

pytestmark = pytest.mark.django_db

DELETED, CLEARED, KEPT, UNLINKED = "deleted", "cleared", "kept", "unlinked"
OFFICE = "the office's record, with no text about the person"
CONTRIBUTION = "a public contribution, shown as 탈퇴한 회원 (the account row holds no name)"

# (model label, field) -> (what the erasure does to the rows linked by it, why).
ERASURE = {
    ("account.EmailAddress", "user"): (DELETED, "an e-mail address of the person"),
    ("socialaccount.SocialAccount", "user"): (DELETED, "a Kakao or Naver log-in"),
    ("accounts.DongTie", "user"): (DELETED, "where the person lives or works"),
    ("accounts.RoleAssignment", "user"): (DELETED, "the account can no longer act"),
    ("accounts.PhoneCode", "user"): (DELETED, "a verification code with the phone"),
    ("core.Notification", "recipient"): (DELETED, "messages to the person"),
    ("privacy.ConsentRecord", "user"): (KEPT, "proof of what was agreed to, and when"),
    ("privacy.Withdrawal", "user"): (KEPT, "the record of the erasure (파기 기록)"),
    ("proposals.Proposal", "author"): (KEPT, CONTRIBUTION),
    ("proposals.Comment", "author"): (KEPT, CONTRIBUTION),
    ("proposals.Support", "user"): (KEPT, "counted towards the proposal's threshold"),
    ("proposals.CommentReport", "reporter"): (KEPT, "the moderation record"),
    ("voting.Participation", "user"): (UNLINKED, "counted in turnout, no longer anyone's"),
    ("councils.CouncilMember", "user"): (UNLINKED, "the council's composition (조례)"),
    ("councils.MembershipApplication", "user"): (CLEARED, "name and motivation cleared"),
    ("consultations.Participation", "user"): (KEPT, "counted in turnout; answers name nobody"),
    ("consultations.Argument", "author"): (KEPT, CONTRIBUTION),
    ("consultations.ArgumentSupport", "user"): (KEPT, "counted like a proposal's supports"),
    ("consultations.ArgumentReport", "reporter"): (KEPT, "the moderation record"),
    ("consultations.Registration", "user"): (
        DELETED,
        "for a forum still to come, cancelled first (the waiting list moves up); past ones "
        "kept for the forum's attendance",
    ),
    ("grants.CommunityGroup", "representative"): (
        CLEARED,
        "the group's record of public money (보조금) outlives its representative; the group's "
        "contact number, most often the representative's phone, is cleared",
    ),
    ("grants.Application", "representative"): (KEPT, "the record of public money (보조금)"),
    ("grants.Reviewer", "user"): (KEPT, "who sat on the committee that decided a grant"),
    ("spaces.Booking", "booker"): (
        CLEARED,
        "bookings still to come are cancelled (slots freed) and deleted; the others keep the "
        "room's record of use, with group name, purpose, note, code and opinion cleared",
    ),
    ("spaces.ItemLoan", "borrower"): (
        DELETED,
        "requests not picked up; loans out or returned stay: " + OFFICE,
    ),
    ("spaces.AllocationRequest", "representative"): (
        DELETED,
        "requests not yet decided; decided ones stay as the round's record",
    ),
    ("courses.Registration", "user"): (
        CLEARED,
        "for a course not begun, cancelled (the waiting list moves up) and deleted; others "
        "stay as the course's record (수료증 register) with the completion work cleared",
    ),
    ("courses.Attendance", "user"): (KEPT, OFFICE),
    ("courses.SatisfactionAnswer", "user"): (CLEARED, "the score stays for means; opinion"),
    ("volunteering.Volunteer", "user"): (CLEARED, "the 1365 portal ID"),
    ("volunteering.Membership", "user"): (DELETED, "the person belongs to no camp any more"),
    ("volunteering.GuardianConsent", "user"): (
        CLEARED,
        "proof of consent stays; the guardian's name (another person's) goes",
    ),
    ("volunteering.SignUp", "user"): (
        DELETED,
        "for a shift still to come, cancelled (the waiting list moves up); others: " + OFFICE,
    ),
    ("volunteering.GroupSignUp", "signed_up_by"): (
        CLEARED,
        "the organisation's sign-up stays; the contact's name and phone or e-mail go",
    ),
    ("volunteering.HoursRecord", "user"): (KEPT, "confirmed hours, as 1365 keeps them: " + OFFICE),
    ("volunteering.WorkProposal", "proposed_by"): (KEPT, "the camp's proposal, answered"),
    ("volunteering.Certificate", "user"): (KEPT, "확인서 numbers anyone may check: " + OFFICE),
    ("archive.ArchiveRecord", "author"): (
        DELETED,
        "records never published, with their files; published ones kept: " + CONTRIBUTION,
    ),
    ("core.AuditEntry", "actor"): (KEPT, "the office's record of who did what"),
    ("core.PersonalDataAccess", "subject"): (KEPT, "the access log the law asks to keep"),
    ("core.PersonalDataAccess", "staff"): (KEPT, "the access log the law asks to keep"),
    ("core.TokenRevocation", "user"): (KEPT, "a security counter, no data about anyone"),
    ("admin.LogEntry", "user"): (KEPT, "back-office edits by staff"),
    ("councils.AgendaItem", "created_by"): (KEPT, "written for the council, public"),
    ("volunteering.GroupSignUp", "confirmed_by"): (KEPT, STAFF_WORK),
    ("volunteering.HoursRecord", "confirmed_by"): (KEPT, STAFF_WORK),
}
# Staff work on rows (`created_by`, `confirmed_by` and the like) is the office's record.
ERASURE.update({link: (KEPT, STAFF_WORK) for link, why in LEFT_OUT.items() if why == STAFF_WORK})


def test_every_link_to_an_account_says_what_the_erasure_does():
    links = links_to_accounts()

    unclassified = links - ERASURE.keys()
    assert not unclassified, f"say what the erasure does to these, and why: {unclassified}"
    assert not ERASURE.keys() - links, "a classified link no longer exists"
    for link, (verdict, reason) in ERASURE.items():
        assert verdict in {DELETED, CLEARED, KEPT, UNLINKED}, link
        assert reason.strip(), link


def every_value_in_the_database() -> str:
    """Every column of every row of every table (join tables too), as one text."""
    values = []
    for model in apps.get_models(include_auto_created=True):
        for row in model._base_manager.values_list():
            values.extend(str(value) for value in row)
    return "\n".join(values)


# Values of the resident's that the erasure removes, and the neighbour's that stay.
RESIDENT_VALUES = [
    "김독비",  # display name
    "resident@example.kr",
    "DKS-1365-Q7",  # 1365 portal ID
    "독산 보호자",  # guardian's name
    "독산 담당자",  # a company group's contact person
    "010-7777-3131",  # and their phone
    "독산 비밀 회의",  # a booking's purpose
    "독산 후기",  # the opinion after using the room
    "독산 과제",  # completion work
    "독산 만족",  # satisfaction opinion
    "독산 기록",  # a community record never published
]
NEIGHBOUR_VALUES = [
    "가산 주민",
    "neighbour@example.kr",
    "portal2",
    "가산비밀 보호자",
    "가산비밀 담당자",
    "가산비밀 모임",
    "가산비밀 후기",
    "가산비밀 과제",
    "가산비밀 만족",
    "가산비밀 기록",
]


def test_nothing_of_the_resident_is_left_in_any_table(traces, resident, neighbour):
    # Distinctive values ("독산 주민" is also in "독산 주민센터", a space's address).
    type(resident).objects.filter(pk=resident.pk).update(display_name="김독비")
    Volunteer.objects.filter(user=resident).update(portal_id="DKS-1365-Q7")
    GroupSignUp.objects.filter(signed_up_by=resident).update(contact="010-7777-3131")
    Booking.objects.filter(booker=resident).update(purpose="독산 비밀 회의")
    before = every_value_in_the_database()
    assert all(value in before for value in RESIDENT_VALUES + NEIGHBOUR_VALUES)
    now = timezone.now()

    withdraw_account(user=resident, now=now)
    assert erase_due_accounts(now=now) == 1

    after = every_value_in_the_database()
    left = [value for value in RESIDENT_VALUES if value in after]
    assert not left, f"still in the database after the erasure: {left}"
    assert "77773131" not in after.replace("-", "")
    untouched = [value for value in NEIGHBOUR_VALUES if value not in after]
    assert not untouched, f"the neighbour lost: {untouched}"


# --- What is still to come is given back -----------------------------------------------------


def close(person) -> None:
    """Withdraw and erase at the volunteering clock `NOW`, before the shifts, courses and
    bookings below."""
    withdraw_account(user=person, now=NOW)
    assert erase_due_accounts(now=NOW) == 1


def test_a_booking_still_to_come_is_cancelled_its_slots_freed(resident, doksan1):
    room = make_space(doksan1, "독산1동 마을활력소").rooms.create(
        name="공유회의실", capacity=10, room_type="meeting"
    )
    booking = Booking.objects.create(
        room=room,
        booker=resident,
        purpose="독산 비밀 회의",
        headcount=3,
        starts_at=NOW + timedelta(days=2),
        ends_at=NOW + timedelta(days=2, hours=2),
        status=BookingStatus.CONFIRMED,
        check_in_code="123456",
        created_at=NOW,
    )
    BookingSlot.objects.bulk_create(
        BookingSlot(booking=booking, room=room, starts_at=at) for at in booking.slot_starts()
    )
    assert BookingSlot.objects.filter(room=room).count() == 4

    close(resident)

    assert not Booking.objects.filter(pk=booking.pk).exists()
    assert not BookingSlot.objects.filter(room=room).exists()


def test_a_place_on_a_shift_still_to_come_goes_to_the_first_one_waiting(
    resident, neighbour, doksan1
):
    shift = make_shift(make_activity(make_camp(doksan1)), day=3, places=1)
    mine = signed_up(shift, resident)
    theirs = signed_up(shift, neighbour)
    SignUp.objects.filter(pk=theirs.pk).update(
        status=SignUpStatus.WAITING, signed_up_at=mine.signed_up_at + timedelta(hours=1)
    )

    close(resident)

    assert not SignUp.objects.filter(pk=mine.pk).exists()
    assert SignUp.objects.get(pk=theirs.pk).status == SignUpStatus.ACTIVE
    assert Notification.objects.filter(recipient=neighbour).exists()


def test_a_place_on_a_course_not_begun_goes_to_the_first_one_waiting(
    resident, neighbour, geumcheon, doksan1
):
    course = new_course(make_programme(geumcheon), doksan1, capacity=1)
    add_sessions(course, 2, NOW + timedelta(days=10))
    mine = CourseRegistration.objects.create(
        course=course, user=resident, status=RegistrationStatus.REGISTERED, created_at=NOW
    )
    theirs = CourseRegistration.objects.create(
        course=course,
        user=neighbour,
        status=RegistrationStatus.WAITING,
        created_at=NOW + timedelta(minutes=1),
    )

    close(resident)

    assert not CourseRegistration.objects.filter(pk=mine.pk).exists()
    assert CourseRegistration.objects.get(pk=theirs.pk).status == RegistrationStatus.REGISTERED


def test_a_seat_at_a_forum_still_to_come_goes_to_the_first_one_waiting(
    resident, neighbour, geumcheon, district_staff
):
    forum = make_forum(geumcheon, district_staff, now=NOW, capacity=1)
    mine, theirs = (
        ForumRegistration.objects.create(
            forum=forum,
            user=person,
            target_group=TargetGroup.YOUTH,
            status=status,
            created_at=NOW + timedelta(minutes=minutes),
        )
        for person, status, minutes in (
            (resident, ForumStatus.REGISTERED, 0),
            (neighbour, ForumStatus.WAITING, 1),
        )
    )

    close(resident)

    assert not ForumRegistration.objects.filter(pk=mine.pk).exists()
    assert ForumRegistration.objects.get(pk=theirs.pk).status == ForumStatus.REGISTERED


def test_records_never_published_go_with_their_files_published_ones_stay(
    resident, geumcheon, django_capture_on_commit_callbacks
):
    def record(title, status):
        return ArchiveRecord.objects.create(
            title=title,
            kind=RecordKind.PHOTO,
            status=status,
            district=geumcheon,
            year=2026,
            author=resident,
            created_at=NOW,
            published_at=NOW if status == RecordStatus.PUBLISHED else None,
        )

    draft = record("독산 기록", RecordStatus.SUBMITTED)
    photo = RecordPhoto(record=draft, alt="우리 집 앞", uploaded_at=NOW)
    photo.image.save("front.jpg", ContentFile(b"jpeg"), save=False)
    photo.save()
    storage, name = photo.image.storage, photo.image.name
    published = record("마을 잔치", RecordStatus.PUBLISHED)

    with django_capture_on_commit_callbacks(execute=True):
        close(resident)

    assert not ArchiveRecord.objects.filter(pk=draft.pk).exists()
    assert not RecordPhoto.objects.filter(pk=photo.pk).exists()
    assert not storage.exists(name)
    assert ArchiveRecord.objects.get(pk=published.pk).author.public_name == korean("Former member")


def test_a_represented_groups_contact_number_goes_the_group_stays(resident, neighbour, doksan1):
    from maeul.grants.models import CommunityGroup
    from tests.grants.conftest import make_group

    mine = make_group(resident, doksan1, "독산 텃밭모임", contact="010-2468-1357")
    theirs = make_group(neighbour, doksan1, "독산 책모임", contact="010-1357-2468")
    assert mine.masked_contact == "010-****-1357"

    close(resident)

    mine, theirs = CommunityGroup.objects.get(pk=mine.pk), CommunityGroup.objects.get(pk=theirs.pk)
    assert (mine.name, mine.contact_enc, mine.contact_hmac, mine.masked_contact) == (
        "독산 텃밭모임",
        "",
        "",
        "",
    )
    assert theirs.masked_contact == "010-****-2468"
