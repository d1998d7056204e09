"""Seasonal allocation rounds: the public page of a round (its requests, and once closed
the seed and the draw order) where a group's representative asks for a weekly slot, and the
staff page of a space's rounds where staff open and close them."""

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from maeul.core.desk import RowDesk, served_row
from maeul.core.permissions import Action, can, staff_required
from maeul.core.requests import acting
from maeul.spaces.forms import CloseRoundForm, RoundForm, SlotRequestForm
from maeul.spaces.models import AllocationRound, Space
from maeul.spaces.services import rounds
from maeul.spaces.views.staff import staff_space


def _render_round(
    request: HttpRequest, round_: AllocationRound, *, status: int = 200, **forms: Any
) -> HttpResponse:
    requests = round_.requests.all()
    return render(
        request,
        "spaces/round.html",
        {
            "round": round_,
            "space": round_.room.space,
            "requests": list(
                requests.order_by("draw_rank", "pk") if not round_.is_open else requests
            ),
            "form": forms.get("form") or SlotRequestForm(),
            "can_request": can(request.user, Action.REQUEST_ALLOCATION, round_, now=timezone.now()),
        },
        status=status,
    )


def _round(pk: int) -> AllocationRound:
    return get_object_or_404(AllocationRound.objects.select_related("room__space"), pk=pk)


ROUND_PAGE = RowDesk(page=_render_round, url_name="spaces:round", action=Action.REQUEST_ALLOCATION)


def round_page(request: HttpRequest, pk: int) -> HttpResponse:
    round_ = _round(pk)
    if request.method != "POST":
        return _render_round(request, round_)
    now = timezone.now()
    form = SlotRequestForm(request.POST)

    def act() -> str:
        rounds.request_slot(
            round_=round_, representative=request.user, now=now, **form.cleaned_data
        )
        return _("Your request was received. The allocation is drawn when the round closes.")

    return ROUND_PAGE.act(request, round_, act, now=now, form=form, form_key="form")


def _render_staff(
    request: HttpRequest, space: Space, *, status: int = 200, **forms: Any
) -> HttpResponse:
    return render(
        request,
        "spaces/staff/rounds.html",
        {
            "space": space,
            "rounds": list(
                AllocationRound.objects.filter(room__space=space).select_related("room")
            ),
            "form": forms.get("form") or _round_form(space),
            "close_form": CloseRoundForm(),
        },
        status=status,
    )


def _round_form(space: Space, *args: Any) -> RoundForm:
    return RoundForm(*args, rooms=[(room.pk, room.name) for room in space.rooms.all()])


# A space's rounds; the closing form is a fresh one on each round, so a refusal beside its
# field is not shown there (the message is).
ROUNDS_DESK = RowDesk(
    page=_render_staff, url_name="spaces:staff_rounds", action=Action.MANAGE_SPACE
)


@staff_required
def staff_rounds(request: HttpRequest, pk: int) -> HttpResponse:
    space = staff_space(request, pk)
    if request.method != "POST":
        return _render_staff(request, space)
    now = timezone.now()
    form = _round_form(space, request.POST)

    def act() -> str:
        data = form.cleaned_data
        rounds.open_round(
            room=space.rooms.get(pk=data["room"]),
            name=data["name"],
            starts_on=data["starts_on"],
            ends_on=data["ends_on"],
            **acting(request, now),
        )
        return _("The allocation round is open for requests.")

    return ROUNDS_DESK.act(request, space, act, now=now, form=form, form_key="form")


@staff_required
@require_POST
def close(request: HttpRequest, pk: int) -> HttpResponse:
    round_ = served_row(request, AllocationRound.objects.select_related("room__space"), pk)
    now = timezone.now()
    space = round_.room.space
    form = CloseRoundForm(request.POST)

    def act() -> tuple[str, str]:
        rounds.close_round(round_=round_, seed=form.cleaned_data["seed"], **acting(request, now))
        message = _("The round was closed, the lottery drawn and the groups told.")
        return message, reverse("spaces:round", args=[round_.pk])

    return ROUNDS_DESK.act(request, space, act, target=round_, now=now, form=form)
