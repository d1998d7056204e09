"""A shift's desk, for staff serving the activity and for a leader of its camp or club:
who signed up (and who waits, in order), confirming each one's attendance and hours (once),
and how many of a company's group came."""

from typing import Any

from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from maeul.core.desk import RowDesk
from maeul.core.desk_steps import desk_step
from maeul.core.permissions import Action, can
from maeul.core.requests import acting
from maeul.volunteering.figures import places_left, with_places_left
from maeul.volunteering.forms import ConfirmGroupForm, ConfirmHoursForm
from maeul.volunteering.models import GroupSignUp, Shift, SignUpStatus
from maeul.volunteering.services import hours


def _shift(request: HttpRequest, pk: int) -> Shift:
    """The shift, if the person may confirm its hours (403 with the reason otherwise)."""
    shift = get_object_or_404(
        with_places_left(Shift.objects.select_related("activity__camp", "activity__club")), pk=pk
    )
    decision = can(request.user, Action.CONFIRM_VOLUNTEER_HOURS, shift, now=timezone.now())
    if not decision:
        raise PermissionDenied(decision.reason)
    return shift


def _render_desk(
    request: HttpRequest, shift: Shift, *, status: int = 200, **forms: Any
) -> HttpResponse:
    sign_ups = list(
        shift.sign_ups.filter(status=SignUpStatus.ACTIVE)
        .select_related("user", "hours_record")
        .order_by("signed_up_at", "pk")
    )
    waiting = list(
        shift.sign_ups.filter(status=SignUpStatus.WAITING)
        .select_related("user")
        .order_by("signed_up_at", "pk")
    )
    groups = list(shift.group_sign_ups.filter(status=SignUpStatus.ACTIVE).order_by("pk"))
    context = {
        "shift": shift,
        "activity": shift.activity,
        "sign_ups": sign_ups,
        "waiting": waiting,
        "groups": groups,
        "left": places_left(shift),
        "started": shift.has_started(timezone.now()),
        "group_form": forms.get("group_form") or ConfirmGroupForm(),
    }
    return render(request, "volunteering/shift_desk.html", context, status=status)


SHIFT_DESK = RowDesk(
    page=_render_desk,
    url_name="volunteering:shift_desk",
    action=Action.CONFIRM_VOLUNTEER_HOURS,
    errors_on_form=False,
)


@login_required
def shift_desk(request: HttpRequest, pk: int) -> HttpResponse:
    return _render_desk(request, _shift(request, pk))


@login_required
@require_POST
def confirm(request: HttpRequest, pk: int) -> HttpResponse:
    shift, now = _shift(request, pk), timezone.now()
    form = ConfirmHoursForm(request.POST)

    def act() -> str:
        data = form.cleaned_data
        volunteer = get_user_model()(pk=data["volunteer"])
        hours.confirm_hours(
            shift=shift, volunteer=volunteer, minutes=data["minutes"], **acting(request, now)
        )
        return _("The attendance and hours were confirmed.")

    return SHIFT_DESK.act(request, shift, act, now=now, form=form)


@login_required
@require_POST
def confirm_group(request: HttpRequest, pk: int) -> HttpResponse:
    group = get_object_or_404(GroupSignUp, pk=pk)
    return desk_step(
        request,
        SHIFT_DESK,
        _shift(request, group.shift_id),
        hours.confirm_group,
        _("The group's attendance was confirmed."),
        form=ConfirmGroupForm(request.POST),
        form_key="group_form",
        group=group,
    )
