"""내 정보 내려받기: everything Maeul holds about one person, as one JSON document.

The labels are translated (Korean by default) so that the file reads without a manual.
Votes appear as participations only (which vote, channel, time): what a person chose is
kept apart from who they are and cannot be given back (voting.md); consultations the same
(which one, which day: consultations.md). Each app's part is its `personal_data` module;
`tests/privacy/test_export_complete.py` lists every link to an account and says which
section holds it or why it is left out.
"""

import json
from datetime import datetime
from typing import Any

from allauth.account.models import EmailAddress
from allauth.socialaccount.models import SocialAccount
from django.core.serializers.json import DjangoJSONEncoder
from django.utils.translation import gettext as _

from maeul.accounts import phone as phones
from maeul.accounts.models import User
from maeul.archive import personal_data as archive
from maeul.consultations import personal_data as consultations
from maeul.core.models import AuditEntry, PersonalDataAccess
from maeul.councils.models import CouncilMember, MembershipApplication
from maeul.courses import personal_data as courses
from maeul.grants.export import committee_seats, represented_groups
from maeul.grants.models import Application
from maeul.privacy.models import ConsentRecord
from maeul.proposals.models import Comment, CommentReport, Proposal, Support
from maeul.spaces import personal_data as spaces
from maeul.volunteering import personal_data as volunteering
from maeul.voting.models import Participation

Record = dict[str, Any]


def personal_data(*, user: User, now: datetime) -> Record:
    """The export of `user`'s data (only theirs: every query filters on this user)."""
    return {
        _("Exported at"): now,
        _("Account"): _account(user),
        _("E-mail addresses"): _email_addresses(user),
        _("Kakao and Naver log-ins"): _social_accounts(user),
        _("Dong ties"): _ties(user),
        _("Roles"): _roles(user),
        _("Consents"): _consents(user),
        _("Proposals"): _proposals(user),
        _("Comments"): _comments(user),
        _("Supports"): _supports(user),
        _("Comments reported"): _comment_reports(user),
        _("Votes taken part in"): _participations(user),
        _("Consultations"): consultations.participations(user),
        _("Debate"): consultations.arguments(user),
        _("Arguments supported"): consultations.argument_supports(user),
        _("Arguments reported"): consultations.argument_reports(user),
        _("Forums"): consultations.forum_registrations(user),
        _("Council memberships"): _memberships(user),
        _("Council applications"): _applications(user),
        _("Groups represented for grants"): represented_groups(user),
        _("Grant applications for groups no longer represented"): _former_applications(user),
        _("Grant review committees"): committee_seats(user),
        _("Room bookings"): spaces.bookings(user),
        _("Item loans"): spaces.item_loans(user),
        _("Regular use by clubs"): spaces.allocation_requests(user),
        _("My courses"): courses.registrations(user),
        _("Course sessions attended"): courses.attendances(user),
        _("Course satisfaction answers"): courses.satisfaction_answers(user),
        _("My volunteering"): volunteering.profile(user),
        _("Camps and clubs"): volunteering.memberships(user),
        _("Guardian's consent"): volunteering.guardian_consent(user),
        _("Shifts I signed up for"): volunteering.sign_ups(user),
        _("Group sign-ups for volunteering"): volunteering.group_sign_ups(user),
        _("Confirmed hours"): volunteering.hours(user),
        _("Work proposed"): volunteering.work_proposals(user),
        _("Volunteer certificates"): volunteering.certificates(user),
        _("Community records"): archive.records(user),
        _("Notifications"): _notifications(user),
        _("Actions recorded in the audit log"): _audit_entries(user),
        _("Staff access to my personal data"): _accesses(user),
    }


def as_json(data: Record) -> str:
    return json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)


def _account(user: User) -> Record:
    phone = phones.decrypt(user.phone_enc) if user.phone_enc else None
    return {
        _("E-mail"): user.email,
        _("Display name"): user.display_name,
        _("Birth year"): user.birth_year,
        _("Mobile phone number"): phone,
        _("Verified at"): user.verified_at,
        _("Verification method"): user.get_verification_method_display(),
        _("Joined at"): user.date_joined,
        _("Last log-in"): user.last_login,
    }


def _email_addresses(user: User) -> list[Record]:
    return [
        {_("E-mail"): row.email, _("Confirmed"): row.verified, _("Main address"): row.primary}
        for row in EmailAddress.objects.filter(user=user).order_by("pk")
    ]


def _social_accounts(user: User) -> list[Record]:
    return [
        {_("Service"): row.provider, _("Connected at"): row.date_joined}
        for row in SocialAccount.objects.filter(user=user).order_by("pk")
    ]


def _ties(user: User) -> list[Record]:
    # Every tie, ended ones too: their history is kept (it decides past eligibility).
    rows = user.dong_ties.select_related("dong__district").order_by("started_at", "pk")
    return [
        {
            _("Dong"): f"{tie.dong.district.name} {tie.dong.name}",
            _("Tie"): tie.get_kind_display(),
            _("Added at"): tie.started_at,
            _("Ended at"): tie.ended_at,
            _("Checked at the dong office at"): tie.confirmed_at,
        }
        for tie in rows
    ]


def _roles(user: User) -> list[Record]:
    rows = user.roles.select_related("dong", "district", "department").order_by("pk")
    return [
        {
            _("Role"): role.get_role_display(),
            _("Where"): str(role.dong or role.district or ""),
            _("Department"): str(role.department or ""),
            _("Since"): role.created_at,
        }
        for role in rows
    ]


def _consents(user: User) -> list[Record]:
    return [
        {
            _("Consent"): record.get_kind_display(),
            _("Text version"): record.version,
            _("Agreed"): record.granted,
            _("Given"): record.get_via_display(),
            _("When"): record.at,
        }
        for record in ConsentRecord.objects.filter(user=user).order_by("at", "pk")
    ]


def _proposals(user: User) -> list[Record]:
    rows = Proposal.objects.filter(author=user).select_related("dong", "category")
    return [
        {
            _("Number"): proposal.pk,
            _("Title"): proposal.title,
            _("Body"): proposal.body,
            _("Place"): proposal.place,
            _("Dong"): proposal.dong.name if proposal.dong else "",
            _("Category"): proposal.category.name,
            _("Status"): proposal.get_status_display(),
            _("Written at"): proposal.created_at,
            _("Received at"): proposal.published_at,
        }
        for proposal in rows.order_by("created_at", "pk")
    ]


def _comments(user: User) -> list[Record]:
    rows = Comment.objects.filter(author=user).select_related("proposal")
    return [
        {
            _("Proposal"): comment.proposal.title,
            _("Comment"): comment.body,
            _("Written at"): comment.created_at,
            _("Edited at"): comment.edited_at,
            _("Hidden at"): comment.hidden_at,
        }
        for comment in rows.order_by("created_at", "pk")
    ]


def _supports(user: User) -> list[Record]:
    rows = Support.objects.filter(user=user).select_related("proposal")
    return [
        {_("Proposal"): support.proposal.title, _("When"): support.created_at}
        for support in rows.order_by("created_at", "pk")
    ]


def _comment_reports(user: User) -> list[Record]:
    """The comments `user` reported: the proposal and the reason, not the comment (another
    person's writing)."""
    rows = CommentReport.objects.filter(reporter=user).select_related("comment__proposal")
    return [
        {
            _("Proposal"): report.comment.proposal.title,
            _("Reason"): report.reason,
            _("When"): report.created_at,
            _("Dealt with at"): report.resolved_at,
        }
        for report in rows.order_by("created_at", "pk")
    ]


def _participations(user: User) -> list[Record]:
    rows = Participation.objects.filter(user=user).select_related("vote", "dong")
    return [
        {
            _("Vote"): row.vote.title,
            _("Channel"): row.get_channel_display(),
            _("Dong"): row.dong.name if row.dong else "",
            _("Voted at"): row.created_at,
        }
        for row in rows.order_by("created_at", "pk")
    ]


def _memberships(user: User) -> list[Record]:
    rows = CouncilMember.objects.filter(user=user).select_related("term__council", "section")
    return [
        {
            _("Council"): str(member.term),
            _("Name shown"): member.public_name,
            _("Role"): member.get_role_display(),
            _("Section"): member.section.name if member.section else "",
            _("Joined on"): member.joined_on,
            _("Left on"): member.left_on,
        }
        for member in rows.order_by("joined_on", "pk")
    ]


def _applications(user: User) -> list[Record]:
    rows = MembershipApplication.objects.filter(user=user).select_related(
        "recruitment__term__council", "wanted_section"
    )
    return [
        {
            _("Council"): str(application.recruitment.term),
            _("Name shown"): application.public_name,
            _("Why I apply"): application.motivation,
            _("Section wanted"): (
                application.wanted_section.name if application.wanted_section else ""
            ),
            _("Status"): application.get_status_display(),
            _("Applied at"): application.created_at,
        }
        for application in rows.order_by("created_at", "pk")
    ]


def _former_applications(user: User) -> list[Record]:
    """Applications `user` wrote for a group they no longer represent (those of the
    groups they represent are under `represented_groups`)."""
    rows = (
        Application.objects.filter(representative=user)
        .exclude(group__representative=user)
        .select_related("call", "group")
    )
    return [
        {
            _("Call"): application.call.title,
            _("Group name"): application.group.name,
            _("Project title"): application.title,
            _("Status"): application.get_status_display(),
            _("Amount asked (won)"): application.amount,
            _("Submitted at"): application.submitted_at,
        }
        for application in rows.order_by("created_at", "pk")
    ]


def _notifications(user: User) -> list[Record]:
    return [
        {_("Message"): row.message, _("When"): row.created_at, _("Read at"): row.read_at}
        for row in user.notifications.order_by("created_at", "pk")
    ]


def _audit_entries(user: User) -> list[Record]:
    return [
        {
            _("Action"): entry.action,
            _("Object"): entry.target_repr,
            _("Changes"): entry.changes,
            _("IP address"): entry.ip_address,
            _("When"): entry.created_at,
        }
        for entry in AuditEntry.objects.filter(actor=user).order_by("created_at", "pk")
    ]


def _accesses(user: User) -> list[Record]:
    """The staff's looks at `user`'s personal data (개인정보 접속기록): when, what and why;
    not the staff member's name or address, which are theirs."""
    rows = PersonalDataAccess.objects.filter(subject=user).order_by("at", "pk")
    return [
        {
            _("When"): row.at,
            _("Action"): row.get_action_display(),
            _("Page or file"): row.what,
            _("Reason"): row.reason,
        }
        for row in rows
    ]
