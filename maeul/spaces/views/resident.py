"""A resident's side: book a room, see and cancel their bookings, answer the survey after
use, ask to borrow an item and follow their loans."""

from datetime import datetime
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from maeul.core.dates import at_seoul, local_date, seoul_time
from maeul.core.desk import PageDesk, RowDesk
from maeul.core.desk_steps import desk_step, resident
from maeul.core.permissions import Action, can
from maeul.spaces.forms import BookingForm, LoanForm, SurveyForm
from maeul.spaces.models import SLOT, Booking, Item, ItemLoan, Room
from maeul.spaces.services import bookings, lending, usage
from maeul.spaces.views.public import room_context


def _initial(request: HttpRequest) -> dict[str, Any]:
    try:
        start = seoul_time(datetime.fromisoformat(request.GET.get("at", "")))
    except ValueError:
        return {"day": local_date(timezone.now()).isoformat()}
    return {"day": start.date().isoformat(), "start": f"{start:%H:%M}"}


def booking_form(room: Room, *args: Any, **kwargs: Any) -> BookingForm:
    """The form, offering the days from today up to the space's limit ahead."""
    first_day = local_date(timezone.now())
    return BookingForm(*args, first_day=first_day, days=room.space.max_days_ahead, **kwargs)


def _render_book(
    request: HttpRequest, room: Room, *, status: int = 200, **forms: Any
) -> HttpResponse:
    return render(
        request,
        "spaces/book.html",
        {
            **room_context(room),
            "form": forms.get("form") or booking_form(room, initial=_initial(request)),
        },
        status=status,
    )


# Booking a room: done, it goes to "my bookings" (the url `act` returns).
BOOK_DESK = RowDesk(page=_render_book, url_name="spaces:book", action=Action.BOOK_ROOM)


@login_required
def book(request: HttpRequest, pk: int) -> HttpResponse:
    room = get_object_or_404(Room.objects.select_related("space"), pk=pk)
    if request.method != "POST":
        return _render_book(request, room)
    now = timezone.now()
    form = booking_form(room, request.POST)

    def act() -> tuple[str, str]:
        data = form.cleaned_data
        starts_at = at_seoul(data["day"], form.start_time())
        booking = bookings.book_room(
            room=room,
            booker=request.user,
            starts_at=starts_at,
            ends_at=starts_at + SLOT * data["half_hours"],
            headcount=data["headcount"],
            purpose=data["purpose"],
            group_name=data["group_name"],
            now=now,
        )
        message = (
            _("The room is booked. Your check-in code is %(code)s.")
            if booking.status == "confirmed"
            else _("Your request was sent. Staff will confirm it. Your check-in code is %(code)s.")
        )
        return message % {"code": booking.check_in_code}, reverse("spaces:my_bookings")

    return BOOK_DESK.act(request, room, act, now=now, form=form, form_key="form")


def _render_mine(request: HttpRequest, *, status: int = 200, **forms: Any) -> HttpResponse:
    now = timezone.now()
    mine = Booking.objects.filter(booker_id=request.user.pk).select_related("room__space", "survey")
    return render(
        request,
        "spaces/my_bookings.html",
        {
            "upcoming": list(mine.filter(ends_at__gt=now).order_by("starts_at")),
            "past": list(mine.filter(ends_at__lte=now).order_by("-starts_at")[:20]),
            "loans": list(
                ItemLoan.objects.filter(borrower_id=request.user.pk).select_related("item__space")
            ),
            "notices": list(
                request.user.notifications.filter(kind__startswith="space_")[:10]  # type: ignore[union-attr]
            ),
            "survey_form": forms.get("survey_form") or SurveyForm(),
            "now": now,
        },
        status=status,
    )


MY_BOOKINGS = PageDesk(page=_render_mine, url_name="spaces:my_bookings", errors_on_form=False)


@login_required
def my_bookings(request: HttpRequest) -> HttpResponse:
    return _render_mine(request)


def _own_booking(request: HttpRequest, pk: int) -> Booking:
    return get_object_or_404(
        Booking.objects.select_related("room__space"), pk=pk, booker_id=request.user.pk
    )


@login_required
@require_POST
def cancel(request: HttpRequest, pk: int) -> HttpResponse:
    booking = _own_booking(request, pk)
    return desk_step(
        request,
        MY_BOOKINGS,
        booking,
        bookings.cancel_booking,
        _("The booking was cancelled."),
        action=Action.CANCEL_BOOKING,
        by=resident,
        booking=booking,
    )


@login_required
@require_POST
def survey(request: HttpRequest, pk: int) -> HttpResponse:
    booking = _own_booking(request, pk)
    return desk_step(
        request,
        MY_BOOKINGS,
        booking,
        usage.answer_survey,
        _("Thank you for answering the survey."),
        action=Action.ANSWER_SURVEY,
        form=SurveyForm(request.POST),
        form_key="survey_form",
        by=resident,
        booking=booking,
    )


@login_required
@require_POST
def borrow(request: HttpRequest, pk: int) -> HttpResponse:
    item = get_object_or_404(Item.objects.select_related("space"), pk=pk)
    now = timezone.now()
    form = LoanForm(request.POST)

    def act() -> str:
        lending.request_loan(
            item=item, borrower=request.user, quantity=form.cleaned_data["quantity"], now=now
        )
        return _("Your loan request was sent. Pick the item up at the space.")

    decision = can(request.user, Action.BORROW_ITEM, item, now=now)
    return MY_BOOKINGS.act(request, act, decision=decision, form=form, form_key="loan_form")
