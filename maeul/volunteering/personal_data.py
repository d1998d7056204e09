"""Volunteering data for 내 정보 내려받기 (`privacy.export`): a person's volunteer profile
(1365 ID), their camps and clubs, a guardian's consent recorded for them, their sign-ups
(waiting ones too) and those they made for a company's group, the hours confirmed, the work
they proposed and the 확인서 issued to them. Every query filters on the one person."""

from datetime import datetime
from typing import Any

from django.utils.translation import gettext as _

from maeul.volunteering.models import (
    Certificate,
    GroupSignUp,
    GuardianConsent,
    HoursRecord,
    Membership,
    Shift,
    SignUp,
    Volunteer,
    WorkProposal,
)

Record = dict[str, Any]


def profile(user: Any) -> list[Record]:
    """`user`'s volunteer profile, made at their first sign-up (none before)."""
    return [
        {_("1365 portal ID"): row.portal_id, _("Since"): row.created_at}
        for row in Volunteer.objects.filter(user_id=user.pk)
    ]


def memberships(user: Any) -> list[Record]:
    """The camps and clubs `user` belongs to, and as what."""
    rows = Membership.objects.filter(user_id=user.pk).select_related("camp", "club")
    return [
        {
            _("Camp or club"): str(row.camp or row.club),
            _("Role"): row.get_role_display(),
            _("Joined at"): row.joined_at,
        }
        for row in rows.order_by("joined_at", "pk")
    ]


def guardian_consent(user: Any) -> list[Record]:
    """The consent of `user`'s guardian, as recorded (a minor's): the relation, the day and
    how; not the guardian's name, which is another person's."""
    return [
        {
            _("Relation to you"): row.relation,
            _("Date of consent"): row.consented_on,
            _("Given"): row.get_channel_display(),
            _("Added at"): row.recorded_at,
        }
        for row in GuardianConsent.objects.filter(user_id=user.pk)
    ]


def sign_ups(user: Any) -> list[Record]:
    """The shifts `user` signed up for, on the waiting list of, or cancelled."""
    rows = SignUp.objects.filter(user_id=user.pk).select_related("shift__activity")
    return [
        {
            _("Activity"): row.shift.activity.title,
            _("Starts at"): row.shift.starts_at,
            _("Place"): row.shift.place,
            _("Status"): row.get_status_display(),
            _("Applied at"): row.signed_up_at,
            _("Cancelled at"): row.cancelled_at,
        }
        for row in rows.order_by("signed_up_at", "pk")
    ]


def group_sign_ups(user: Any) -> list[Record]:
    """The company or organisation groups `user` signed up (기업봉사): how many, not who;
    the contact person is left out (it may be someone else)."""
    rows = GroupSignUp.objects.filter(signed_up_by_id=user.pk).select_related("shift__activity")
    return [
        {
            _("Activity"): row.shift.activity.title,
            _("Starts at"): row.shift.starts_at,
            _("Company or organisation"): row.organisation,
            _("Number of people"): row.head_count,
            _("Status"): row.get_status_display(),
            _("People who came"): row.attended,
            _("Applied at"): row.signed_up_at,
        }
        for row in rows.order_by("signed_up_at", "pk")
    ]


def hours(user: Any) -> list[Record]:
    """`user`'s confirmed volunteer hours (봉사실적), in minutes as the 1365 portal keeps them."""
    rows = HoursRecord.objects.filter(user_id=user.pk).select_related("shift__activity")
    return [
        {
            _("Activity"): row.shift.activity.title,
            _("Starts at"): row.shift.starts_at,
            _("Minutes credited"): row.minutes,
            _("Confirmed at"): row.confirmed_at,
        }
        for row in rows.order_by("shift__starts_at", "pk")
    ]


def work_proposals(user: Any) -> list[Record]:
    """The work (일감) `user` proposed from a camp meeting, and what became of it."""
    rows = WorkProposal.objects.filter(proposed_by_id=user.pk).select_related("camp")
    return [
        {
            _("Camp or club"): row.camp.name,
            _("Title"): row.title,
            _("What and for whom"): row.description,
            _("Date of the camp meeting"): row.meeting_on,
            _("Status"): row.get_status_display(),
            _("Answer"): row.answer,
            _("Dealt with at"): row.decided_at,
            _("Written at"): row.created_at,
        }
        for row in rows.order_by("created_at", "pk")
    ]


def certificates(user: Any) -> list[Record]:
    """The 봉사활동 확인서 issued to `user`, with the number anyone can check."""
    rows = Certificate.objects.filter(user_id=user.pk).select_related("activity")
    return [
        {
            _("Certificate number"): row.number,
            _("Activity"): row.activity.title if row.activity else "",
            _("From"): row.starts_on,
            _("Until"): row.ends_on,
            _("Minutes credited"): row.minutes,
            _("Issued on"): row.issued_at,
        }
        for row in rows.order_by("issued_at", "pk")
    ]


def erase(user: Any, *, now: datetime) -> None:
    """On erasure (`privacy.services.erase_account`): what becomes of `user`'s volunteering
    rows.

    - sign-ups (or waiting places) for a shift still to come: cancelled (the first one
      waiting moves up and is told), then deleted: nobody will come;
    - other sign-ups, confirmed hours and 확인서: kept as the office's record of the work
      done (shift, status, minutes, certificate numbers anyone may check; no text about the
      person), as the 1365 portal keeps the hours;
    - the volunteer profile: kept, its 1365 portal ID cleared (an identifier of the person);
    - camp and club memberships: deleted, the person belongs to none any more;
    - a guardian's consent: kept as proof that it was given (relation, day, channel), the
      guardian's name cleared (another person's data, of no use without the child);
    - company group sign-ups: kept, they are the organisation's (its name and head count,
      how many came), the contact person's name and phone or e-mail cleared;
    - work proposed: kept, it is the camp's proposal, answered by staff and perhaps turned
      into an activity.
    """
    from maeul.volunteering.services.sign_ups import PLACES, _group_places, _tell_moved_up

    upcoming = SignUp.objects.filter(
        user_id=user.pk, status__in=[PLACES.placed, PLACES.waiting], shift__starts_at__gt=now
    )
    for sign_up in upcoming.order_by("pk"):
        shift = (
            Shift.objects.select_for_update().select_related("activity").get(pk=sign_up.shift_id)
        )
        moved = PLACES.cancel(
            sign_up,
            shift.sign_ups.all(),
            capacity=shift.places - _group_places(shift),
            also={"cancelled_at": now},
        )
        if moved is not None:
            _tell_moved_up(moved, shift, now)
        sign_up.delete()
    Volunteer.objects.filter(user_id=user.pk).update(portal_id="")
    Membership.objects.filter(user_id=user.pk).delete()
    GuardianConsent.objects.filter(user_id=user.pk).update(guardian_name="")
    GroupSignUp.objects.filter(signed_up_by_id=user.pk).update(contact_name="", contact="")
