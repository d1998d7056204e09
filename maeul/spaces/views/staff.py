"""The staff desk of a space: today's bookings, requests to approve or refuse, check-in by
code, marking used or no-show, walk-in counts, and the loans to hand out or take back.
Dong staff see their dong's spaces, district staff all of their district's."""

from datetime import timedelta
from typing import Any

from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from maeul.core.dates import at_seoul, local_date
from maeul.core.desk import RowDesk, served_row
from maeul.core.desk_steps import desk_step
from maeul.core.permissions import Action, scope_of, staff_required
from maeul.core.requests import acting
from maeul.spaces.calendar import conflicts
from maeul.spaces.forms import CheckInForm, RefuseForm, ReturnForm, VisitorForm
from maeul.spaces.models import Booking, BookingStatus, ItemLoan, LoanStatus, Space
from maeul.spaces.services import desk, lending, usage


def staff_spaces(request: HttpRequest) -> QuerySet[Space]:
    return scope_of(request.user).rows(Space.objects.select_related("dong"))


@staff_required
def space_list(request: HttpRequest) -> HttpResponse:
    scope = scope_of(request.user)
    return render(
        request,
        "spaces/staff/space_list.html",
        {"spaces": list(staff_spaces(request)), "district_ids": sorted(scope.district_ids)},
    )


def _render_desk(
    request: HttpRequest, space: Space, *, status: int = 200, **forms: Any
) -> HttpResponse:
    now = timezone.now()
    day = local_date(now)
    bookings = Booking.objects.filter(room__space=space).select_related("room", "booker")
    loans = ItemLoan.objects.filter(item__space=space).select_related("item", "borrower")
    return render(
        request,
        "spaces/staff/desk.html",
        {
            "space": space,
            "today": list(
                bookings.filter(
                    starts_at__gte=at_seoul(day), starts_at__lt=at_seoul(day + timedelta(1))
                ).exclude(status=BookingStatus.CANCELLED)
            ),
            "requests": list(bookings.filter(status=BookingStatus.REQUESTED, ends_at__gt=now)),
            "loans": list(loans.filter(status__in=(LoanStatus.REQUESTED, LoanStatus.OUT))),
            "overdue": list(lending.overdue(loans, now)),
            "conflicts": conflicts(space, now),
            "check_in_form": forms.get("check_in_form") or CheckInForm(),
            "visitor_form": forms.get("visitor_form") or VisitorForm(initial={"on": day}),
            "refuse_form": RefuseForm(),
            "return_form": ReturnForm(),
            "now": now,
        },
        status=status,
    )


def staff_space(request: HttpRequest, pk: int) -> Space:
    """A space the staff member serves, or 404."""
    return get_object_or_404(staff_spaces(request), pk=pk)


@staff_required
def space_desk(request: HttpRequest, pk: int) -> HttpResponse:
    return _render_desk(request, staff_space(request, pk))


SPACE_DESK = RowDesk(
    page=_render_desk,
    url_name="spaces:staff_desk",
    action=Action.MANAGE_SPACE,
    errors_on_form=False,
)


def _booking(request: HttpRequest, pk: int) -> Booking:
    return served_row(request, Booking.objects.select_related("room__space", "booker"), pk)


@staff_required
@require_POST
def approve(request: HttpRequest, pk: int) -> HttpResponse:
    booking = _booking(request, pk)
    return desk_step(
        request,
        SPACE_DESK,
        booking.room.space,
        desk.approve_booking,
        _("The booking was confirmed."),
        booking=booking,
    )


@staff_required
@require_POST
def refuse(request: HttpRequest, pk: int) -> HttpResponse:
    booking = _booking(request, pk)
    return desk_step(
        request,
        SPACE_DESK,
        booking.room.space,
        desk.refuse_booking,
        _("The request was refused and the booker was told."),
        form=RefuseForm(request.POST),
        booking=booking,
    )


@staff_required
@require_POST
def mark(request: HttpRequest, pk: int) -> HttpResponse:
    booking, now = _booking(request, pk), timezone.now()
    used = request.POST.get("outcome") == "used"

    def act() -> str:
        desk.mark_booking(booking=booking, used=used, **acting(request, now))
        return (
            _("The booking was marked as used.")
            if used
            else _("The booking was marked as a no-show.")
        )

    return SPACE_DESK.act(request, booking.room.space, act)


@staff_required
@require_POST
def check_in(request: HttpRequest, pk: int) -> HttpResponse:
    space, now = staff_space(request, pk), timezone.now()
    form = CheckInForm(request.POST)

    def act() -> str:
        booking = desk.check_in(space=space, code=form.cleaned_data["code"], **acting(request, now))
        return _("Checked in: %(room)s, %(purpose)s.") % {
            "room": booking.room.name,
            "purpose": booking.purpose,
        }

    return SPACE_DESK.act(request, space, act, form=form, form_key="check_in_form")


@staff_required
@require_POST
def count_visitors(request: HttpRequest, pk: int) -> HttpResponse:
    space = staff_space(request, pk)
    return desk_step(
        request,
        SPACE_DESK,
        space,
        usage.count_visitors,
        _("The walk-in count was saved."),
        form=VisitorForm(request.POST),
        form_key="visitor_form",
        space=space,
    )


def _loan(request: HttpRequest, pk: int) -> ItemLoan:
    return served_row(request, ItemLoan.objects.select_related("item__space"), pk)


@staff_required
@require_POST
def hand_out(request: HttpRequest, pk: int) -> HttpResponse:
    loan = _loan(request, pk)
    return desk_step(
        request,
        SPACE_DESK,
        loan.item.space,
        lending.hand_out,
        _("The item was handed out."),
        loan=loan,
    )


@staff_required
@require_POST
def take_back(request: HttpRequest, pk: int) -> HttpResponse:
    loan = _loan(request, pk)
    return desk_step(
        request,
        SPACE_DESK,
        loan.item.space,
        lending.take_back,
        _("The item was returned."),
        form=ReturnForm(request.POST),
        loan=loan,
    )
