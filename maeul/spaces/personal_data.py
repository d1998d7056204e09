"""Space data for 내 정보 내려받기 (`privacy.export`): the rooms a person booked (with the
survey they answered after use), the items they borrowed and their clubs' requests for a
regular weekly slot. Every query filters on the one person."""

from datetime import datetime
from typing import Any

from django.utils.translation import gettext as _

from maeul.spaces.models import (
    ACTIVE,
    AllocationRequest,
    Booking,
    BookingStatus,
    ItemLoan,
    LoanStatus,
    RequestStatus,
    SurveyAnswer,
)

Record = dict[str, Any]


def _survey(booking: Booking) -> Record | None:
    """The booker's own answer to the survey after use (None when not answered)."""
    try:
        answer = booking.survey
    except SurveyAnswer.DoesNotExist:
        return None
    return {
        _("Satisfaction"): answer.rating,
        _("Opinion"): answer.comment,
        _("When"): answer.answered_at,
    }


def bookings(user: Any) -> list[Record]:
    """The rooms `user` booked, every status (cancelled ones too)."""
    rows = Booking.objects.filter(booker_id=user.pk).select_related("room__space", "survey")
    return [
        {
            _("Place"): str(booking.room),
            _("Group name"): booking.group_name,
            _("What for"): booking.purpose,
            _("Number of people"): booking.headcount,
            _("Starts at"): booking.starts_at,
            _("Ends at"): booking.ends_at,
            _("Status"): booking.get_status_display(),
            _("Applied at"): booking.created_at,
            _("Note"): booking.note,
            _("Survey"): _survey(booking),
        }
        for booking in rows.order_by("starts_at", "pk")
    ]


def item_loans(user: Any) -> list[Record]:
    """The items `user` asked to borrow, every status."""
    rows = ItemLoan.objects.filter(borrower_id=user.pk).select_related("item__space")
    return [
        {
            _("Items to borrow"): loan.item.name,
            _("Space"): loan.item.space.name,
            _("Quantity"): loan.quantity,
            _("Status"): loan.get_status_display(),
            _("Applied at"): loan.requested_at,
            _("Picked up at"): loan.picked_up_at,
            _("Due back"): loan.due_on,
            _("Returned at"): loan.returned_at,
            _("Condition on return"): loan.get_condition_display(),
            _("Deposit (won)"): loan.deposit,
        }
        for loan in rows.order_by("requested_at", "pk")
    ]


def allocation_requests(user: Any) -> list[Record]:
    """The weekly slots `user` asked for as a club's representative (정기대관)."""
    rows = AllocationRequest.objects.filter(representative_id=user.pk).select_related(
        "round__room__space"
    )
    return [
        {
            _("Place"): str(request.round.room),
            _("Season"): request.round.name,
            _("Group name"): request.group_name,
            _("Weekday"): request.get_weekday_display(),
            _("Starts"): request.starts,
            _("Ends"): request.ends,
            _("Number of people"): request.headcount,
            _("Status"): request.get_status_display(),
            _("Applied at"): request.created_at,
        }
        for request in rows.order_by("created_at", "pk")
    ]


def erase(user: Any, *, now: datetime) -> None:
    """On erasure (`privacy.services.erase_account`): what becomes of `user`'s space rows.

    - bookings still to come (requested or confirmed): cancelled, their slots given back,
      then deleted: nobody will come, and the room is free for others;
    - other bookings: kept as the room's record of use (day, room, head count, status), with
      the group name, purpose, note, check-in code and the survey's opinion cleared (the
      score stays for the space's averages);
    - item requests not yet picked up: deleted (nobody will come for the item); loans out or
      returned: kept as the office's record of the item and its deposit (no text about the
      person is on them);
    - requests for a regular slot not yet decided: deleted; decided ones kept as the round's
      record (the club's name is the club's, not the person's).
    """
    from maeul.spaces.services.bookings import release

    upcoming = Booking.objects.filter(booker_id=user.pk, status__in=ACTIVE, ends_at__gt=now)
    for booking in upcoming.select_for_update().order_by("pk"):
        release(booking, BookingStatus.CANCELLED, now=now)
        booking.delete()
    kept = Booking.objects.filter(booker_id=user.pk)
    kept.update(group_name="", purpose="", note="", check_in_code="")
    SurveyAnswer.objects.filter(booking__in=kept).update(comment="")
    ItemLoan.objects.filter(borrower_id=user.pk, status=LoanStatus.REQUESTED).delete()
    AllocationRequest.objects.filter(
        representative_id=user.pk, status=RequestStatus.REQUESTED
    ).delete()
