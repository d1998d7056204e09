"""How a staff page of councils finds its rows, answered the same way on every page:

- a person who is not staff: 403 (`staff_required`; anonymous people go to log in);
- a council (or a row of one) outside the staff member's dongs and districts: 404, since
  its existence is private to its staff (`in_scope`, filtered by `scope_of(user).rows`);
- a council in scope whose action the rules refuse: 403 with the reason (`require` on a
  page, the decision handed to `core.desk.desk_action` for a form).
"""

from collections.abc import Callable
from datetime import datetime
from typing import Any, TypeVar

from django.db.models import Model, QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404

from maeul.core.desk import Render, desk_action
from maeul.core.permissions import Action, Decision, can, require, scope_of
from maeul.core.requests import client_ip
from maeul.councils.models import Council

M = TypeVar("M", bound=Model)


def in_scope(request: HttpRequest, queryset: QuerySet[M], pk: int) -> M:
    """Row `pk` of `queryset` if the staff member serves it; 404 otherwise."""
    return get_object_or_404(scope_of(request.user).rows(queryset), pk=pk)


def staff_council(request: HttpRequest, pk: int) -> Council:
    """The council `pk` if the staff member serves it; 404 otherwise."""
    return in_scope(request, Council.objects.select_related("district", "dong"), pk)


def may_manage(user: Any, council: Council, now: datetime) -> Decision:
    """What the council's services check first (`Action.MANAGE_COUNCIL`)."""
    return can(user, Action.MANAGE_COUNCIL, council, now=now)


def require_manage(request: HttpRequest, council: Council, now: datetime) -> None:
    """403 with the reason unless the staff member may manage the council."""
    require(request.user, Action.MANAGE_COUNCIL, council, now=now)


def acting(request: HttpRequest, now: datetime) -> dict[str, Any]:
    """The acting staff member, the time and the address every service call records."""
    return {"staff": request.user, "now": now, "ip": client_ip(request)}


def council_action(
    request: HttpRequest,
    council: Council,
    now: datetime,
    act: Callable[[], str | tuple[str, str]],
    *,
    render: Render,
    done_url: str,
    form: Any = None,
    form_key: str = "",
) -> HttpResponse:
    """One staff action on a council, answered by `core.desk.desk_action`.

    The view checks what the council's services check first (`may_manage`); a refusal
    shows beside the field it names, or at the top of the form it came from.
    """
    return desk_action(
        request,
        decision=may_manage(request.user, council, now),
        act=act,
        render=render,
        done_url=done_url,
        form=form,
        form_key=form_key,
        errors_on_form=True,
    )
